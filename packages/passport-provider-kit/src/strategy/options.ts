import type http from 'node:http';
import type { Dispatcher } from 'undici';
import type OAuth2Strategy from 'passport-oauth2';

/** The request passport-oauth2 hands a strategy, as its types have it (Express's). */
export type StrategyRequest = Parameters<OAuth2Strategy['authenticate']>[0];

/** Skip the profile step: a boolean, `() => boolean`, `(accessToken) => boolean` or `(accessToken, done(err, skip))`. */
export type SkipUserProfile =
  | boolean
  | (() => boolean)
  | ((accessToken: string) => boolean)
  | ((accessToken: string, done: (err: unknown, skip?: boolean) => void) => void);

/** What passport-oauth2 tells a state store about the login (its `meta` argument). */
export type StateStoreMeta = { authorizationURL: string; tokenURL: string; clientID: string; callbackURL?: string };
/** A state store's `store` callback: the handle to send as `state`. */
export type StateStoreCallback = (err: Error | null, state?: string) => void;
/** A state store's `verify` callback: `ok` is `true`, or the PKCE verifier, or `false` with info. */
export type StateVerifyCallback = (err: Error | null, ok: boolean | string, info?: unknown) => void;
type Req = StrategyRequest;

/** A custom state store, in any form passport-oauth2 calls (it picks the form by the number of parameters). */
export interface StateStore {
  store:
    | ((req: Req, callback: StateStoreCallback) => void)
    | ((req: Req, meta: StateStoreMeta, callback: StateStoreCallback) => void)
    | ((req: Req, state: unknown, meta: StateStoreMeta, callback: StateStoreCallback) => void)
    | ((req: Req, verifier: string | undefined, state: unknown, meta: StateStoreMeta, cb: StateStoreCallback) => void);
  verify:
    | ((req: Req, providedState: string, callback: StateVerifyCallback) => void)
    | ((req: Req, providedState: string, meta: StateStoreMeta, callback: StateVerifyCallback) => void);
}

/** Options every strategy of this project takes (the kit README describes each); provider packages extend it. */
export interface ProviderStrategyOptions {
  /** Your app's client id at the provider. Required. */
  clientID: string;
  /** Your app's client secret. Required; never put in a URL, a log or an error message. */
  clientSecret: string;
  /** Where the provider sends the user back; make it absolute (a relative one follows the request's `Host`). */
  callbackURL?: string;
  /** Scopes to request: a string, or an array joined with the provider's separator. */
  scope?: string | readonly string[];
  /** CSRF protection with a `state` parameter checked at the callback. Default `true`. */
  state?: boolean;
  /** Your own state store, in any form passport-oauth2 accepts; `true` means `stateStore: 'session'`. */
  store?: StateStore | boolean;
  /** Headers sent on every request to the provider (token and API), as passport-oauth2's `customHeaders`. */
  customHeaders?: Record<string, string>;
  /** Send a PKCE challenge: `true` or `'S256'`, or `'plain'`. Default `false`. Needs `state` or a `store`. */
  pkce?: boolean | 'S256' | 'plain';
  /** Where pending logins are kept without a `store`: an encrypted cookie each (default) or the session. */
  stateStore?: 'cookie' | 'session';
  /** Skip the profile step (`profile` is then undefined in `verify`). Default `false`. */
  skipUserProfile?: SkipUserProfile;
  /** Deadline of each HTTP call to the provider, from any wait for a socket to the last byte, in ms. Default 10000. */
  timeout?: number;
  /** Override the provider's authorize URL (e.g. a sandbox). */
  authorizationURL?: string;
  /** Override the provider's token URL. */
  tokenURL?: string;
  /** Override the provider's API base, where `apiGet` sends the token (and nowhere else). */
  apiBaseURL?: string;
  /** Largest response accepted from the provider, in bytes. Default 1 MiB. */
  maxResponseBytes?: number;
  /** Your own undici dispatcher (a `ProxyAgent`, an `Agent` with a custom CA). Default: the global one or the kit's pool. */
  dispatcher?: Dispatcher;
  /** Deprecated, use `dispatcher`: an `https.Agent` whose TLS options the strategy's own pool takes over. */
  agent?: http.Agent;
  /** Session key for pending states with `stateStore: 'session'`. Default `oauth2:<authorize host>`. */
  sessionKey?: string;
  /** Most logins of this provider a browser may have pending at once (several tabs). Default 10. */
  maxPendingStates?: number;
  /** How long a pending login stays valid, in ms. Default 600000 (10 minutes). */
  stateTTL?: number;
  /** Trust `X-Forwarded-*` when resolving a relative `callbackURL` (behind a proxy). */
  proxy?: boolean;
  /** Accept plain `http:` provider URLs off loopback (loopback is always allowed). Default `false`: a TypeError. */
  allowInsecureHTTP?: boolean;
}

/** Options with `passReqToCallback` left off or false. */
export type WithoutRequest<TOptions> = TOptions & { passReqToCallback?: false };
/** Options with `passReqToCallback: true`: `verify` receives `req` first. */
export type WithRequest<TOptions> = TOptions & { passReqToCallback: true };
