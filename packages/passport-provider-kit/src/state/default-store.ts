import type OAuth2Strategy from 'passport-oauth2';
import type { ProviderStrategyOptions } from '../strategy/options';
import { CookieOrSessionStateStore } from './cookie-or-session-store';
import { CookieStateStore } from './cookie-state-store';
import { MultiStateSessionStore } from './multi-state-session-store';

/** Where pending logins are kept: `'cookie'` (default) or `'session'`. */
export type StateStoreKind = 'cookie' | 'session';

/**
 * The state store a strategy uses when the app passes none: with `stateStore: 'cookie'` (the
 * default) a {@link CookieStateStore} keyed from the client secret (no extra secret, no session
 * needed, survives `req.logIn`), which falls back to the session store on a request whose
 * response it cannot reach but which has a session ({@link CookieOrSessionStateStore}); with
 * `stateStore: 'session'` a {@link MultiStateSessionStore} under `sessionKey`.
 *
 * @param provider - the strategy's name, e.g. `petjeaf`.
 * @param sessionKey - the session key, for the session store.
 */
export function defaultStateStore(
  provider: string,
  sessionKey: string,
  options: ProviderStrategyOptions,
): OAuth2Strategy.StateStore {
  const kind: unknown = options.stateStore ?? 'cookie';
  if (kind !== 'cookie' && kind !== 'session')
    throw new TypeError(`${provider} strategy: stateStore must be 'cookie' or 'session', not ${String(kind)}`);
  const session = new MultiStateSessionStore({
    key: sessionKey,
    maxPending: options.maxPendingStates,
    ttlMs: options.stateTTL,
  });
  const store =
    kind === 'session'
      ? session
      : new CookieOrSessionStateStore(
          new CookieStateStore({
            provider,
            clientID: options.clientID,
            callbackURL: options.callbackURL,
            secret: options.clientSecret,
            maxPending: options.maxPendingStates,
            ttlMs: options.stateTTL,
          }),
          session,
        );
  // passport-oauth2's types know only its older store signatures; it calls ours by arity (5 to store).
  return store as unknown as OAuth2Strategy.StateStore;
}
