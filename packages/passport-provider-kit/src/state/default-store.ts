import { CookieStateStore } from './cookie-state-store';
import { MultiStateSessionStore } from './multi-state-session-store';

/** The strategy options the default store reads (`ProviderStrategyOptions` has them all). */
export interface DefaultStateStoreOptions {
  clientID: string;
  clientSecret: string;
  callbackURL?: string;
  stateStore?: 'cookie' | 'session';
  maxPendingStates?: number;
  stateTTL?: number;
}

/** A strategy's store when given none: the cookie store with a session fallback, or with `'session'` the session store. */
export function defaultStateStore(provider: string, sessionKey: string, options: DefaultStateStoreOptions) {
  const kind: unknown = options.stateStore ?? 'cookie';
  if (kind !== 'cookie' && kind !== 'session')
    throw new TypeError(`${provider} strategy: stateStore must be 'cookie' or 'session', not ${String(kind)}`);
  const { clientID, callbackURL, clientSecret: secret, maxPendingStates: maxPending, stateTTL: ttlMs } = options;
  const session = new MultiStateSessionStore({ key: sessionKey, maxPending, ttlMs });
  return kind === 'session'
    ? session
    : new CookieStateStore({ provider, clientID, callbackURL, secret, maxPending, ttlMs, fallback: session });
}
