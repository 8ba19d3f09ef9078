import { CookieStateStore } from '../state/cookie-state-store';
import { MultiStateSessionStore } from '../state/multi-state-session-store';
import { assertHttpsEndpoints } from './endpoints';
import type { ProviderStrategyOptions } from './options';
import type { ProviderDefinition } from './provider-definition';

const POSITIVE_OPTIONS = ['timeout', 'maxResponseBytes', 'maxPendingStates', 'stateTTL'] as const;

/** The definition with the kit's URL options applied; refuses bad credentials, numbers, URLs and `pkce`. */
export function definitionFor(base: ProviderDefinition, options: ProviderStrategyOptions): ProviderDefinition {
  const who = `${base.displayName} strategy`;
  const refuse = (ok: unknown, message: string): void => {
    if (!ok) throw new TypeError(`${who}${message}`);
  };
  for (const name of ['clientID', 'clientSecret'] as const)
    refuse(typeof options[name] === 'string' && options[name] !== '', ` requires a ${name} option`);
  for (const name of POSITIVE_OPTIONS) {
    const value = options[name];
    refuse(value === undefined || (Number.isFinite(value) && value > 0), `: ${name} must be a positive number`);
  }
  const urls = {
    authorizationURL: options.authorizationURL ?? base.authorizationURL,
    tokenURL: options.tokenURL ?? base.token.url,
    apiBaseURL: options.apiBaseURL ?? base.apiBaseURL,
  };
  for (const url of Object.values(urls))
    refuse(url === undefined || URL.canParse(url), `: ${url} is not an absolute URL`);
  // The provider's own URL options first, so that a bad baseURL is named rather than what it derived.
  assertHttpsEndpoints(who, options.allowInsecureHTTP, [
    ...Object.entries(base.optionURLs ?? {}),
    ...Object.entries(urls),
  ]);
  refuse(!(options.pkce && options.state === false && !options.store), ': pkce needs state (do not set state: false)');
  refuse(
    [undefined, true, false, 'S256', 'plain'].includes(options.pkce),
    `: pkce must be true, false, 'S256' or 'plain'`,
  );
  const { authorizationURL, tokenURL, apiBaseURL } = urls;
  return { ...base, authorizationURL, token: { ...base.token, url: tokenURL }, apiBaseURL };
}

/**
 * The store passed to passport-oauth2: the app's own; none when state is off; else with `stateStore: 'session'` (or
 * `store: true`) the session store, by default the cookie store with the session store as its fallback.
 */
export function stateStoreFor(options: ProviderStrategyOptions, provider: string, key: string): object | undefined {
  const { store, state, clientID, callbackURL, clientSecret: secret } = options;
  if (store && typeof store === 'object') return store;
  if (state === false && !store) return undefined;
  const kind: unknown = store === true ? 'session' : (options.stateStore ?? 'cookie');
  if (kind !== 'cookie' && kind !== 'session')
    throw new TypeError(`${provider} strategy: stateStore must be 'cookie' or 'session', not ${String(kind)}`);
  const [maxPending, ttlMs] = [options.maxPendingStates, options.stateTTL];
  const session = new MultiStateSessionStore({ key, maxPending, ttlMs });
  if (kind === 'session') return session;
  return new CookieStateStore({ provider, clientID, callbackURL, secret, maxPending, ttlMs, fallback: session });
}
