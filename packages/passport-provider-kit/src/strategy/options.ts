import type http from 'node:http';
import type { Dispatcher } from 'undici';
import type { Request } from 'express';

/**
 * `skipUserProfile`: a boolean; `() => boolean`; `(accessToken, done)` calling back
 * `done(err, skip)`, as passport-oauth2 1.8 calls them; or `(accessToken) => boolean`, which
 * the kit calls with the access token (passport-oauth2 itself would call it with no argument).
 */
export type SkipUserProfile =
  | boolean
  | (() => boolean)
  | ((accessToken: string) => boolean)
  | ((accessToken: string, done: (err: unknown, skip?: boolean) => void) => void);

/** What passport-oauth2 tells a state store about the login (its `meta` argument). */
export interface StateStoreMeta {
  authorizationURL: string;
  tokenURL: string;
  clientID: string;
  callbackURL?: string;
}

/** A state store's `store` callback: the handle to send as `state`. */
export type StateStoreCallback = (err: Error | null, state?: string) => void;
/** A state store's `verify` callback: `ok` is `true`, or the PKCE verifier, or `false` with info. */
export type StateVerifyCallback = (err: Error | null, ok: boolean | string, info?: unknown) => void;

/**
 * A custom state store, in any of the forms passport-oauth2 calls (it picks the form by the
 * number of parameters): `store(req, cb)`, `store(req, meta, cb)`, `store(req, state, meta, cb)`,
 * `store(req, verifier, state, meta, cb)` (PKCE); `verify(req, state, cb)` or `verify(req, state, meta, cb)`.
 */
export interface StateStore {
  store:
    | ((req: Request, callback: StateStoreCallback) => void)
    | ((req: Request, meta: StateStoreMeta, callback: StateStoreCallback) => void)
    | ((req: Request, state: unknown, meta: StateStoreMeta, callback: StateStoreCallback) => void)
    | ((
        req: Request,
        verifier: string | undefined,
        state: unknown,
        meta: StateStoreMeta,
        callback: StateStoreCallback,
      ) => void);
  verify:
    | ((req: Request, providedState: string, callback: StateVerifyCallback) => void)
    | ((req: Request, providedState: string, meta: StateStoreMeta, callback: StateVerifyCallback) => void);
}

/**
 * Options every strategy of this project takes. Provider packages extend it with their own.
 */
export interface ProviderStrategyOptions {
  /** Your app's client id at the provider. Required. */
  clientID: string;
  /** Your app's client secret. Required; never put in a URL, a log or an error message. */
  clientSecret: string;
  /**
   * Where the provider sends the user back. Use an absolute URL: a relative one (allowed, as
   * in passport-oauth2) is resolved against the request's `Host` header (and, with `proxy`,
   * `X-Forwarded-Host`/`-Proto`), which the client chooses, so `redirect_uri` follows it.
   */
  callbackURL?: string;
  /** Scopes to request: a string, or an array joined with the provider's separator. */
  scope?: string | readonly string[];
  /** CSRF protection with a `state` parameter checked at the callback. Default `true`. */
  state?: boolean;
  /**
   * Your own state store (sessionless, Redis, signed cookies...), in any form passport-oauth2
   * accepts; `true` means the session store (as `stateStore: 'session'`). Default: `stateStore` decides.
   */
  store?: StateStore | boolean;
  /** Headers sent on every request to the provider (token and API), as passport-oauth2's `customHeaders`. */
  customHeaders?: Record<string, string>;
  /**
   * Send a PKCE challenge: `true` or `'S256'`, or `'plain'`. Default `false`: none of the
   * providers documents PKCE. Needs `state` or a `store`.
   */
  pkce?: boolean | 'S256' | 'plain';
  /**
   * Where pending logins are kept when you pass no `store`. `'cookie'` (default): one encrypted,
   * short-lived cookie per login, keyed from the client secret; needs no session and survives
   * `req.logIn`; works in Express, NestJS, Koa (koa-passport) and Fastify (@fastify/passport), and
   * uses the session where a framework hands the strategy no response. `'session'`: in the session
   * (needs a session middleware), under `sessionKey`.
   */
  stateStore?: 'cookie' | 'session';
  /** Skip the profile step (`profile` is then undefined in `verify`); see {@link SkipUserProfile}. Default `false`. */
  skipUserProfile?: SkipUserProfile;
  /** Deadline of each HTTP call to the provider (from any wait for a free socket to the last byte), in ms. Default 10000. */
  timeout?: number;
  /** Override the provider's authorize URL (e.g. a sandbox). */
  authorizationURL?: string;
  /** Override the provider's token URL. */
  tokenURL?: string;
  /** Override the provider's API base, where `apiGet` sends the token (and nowhere else). */
  apiBaseURL?: string;
  /** Largest response accepted from the provider, in bytes. Default 1 MiB. */
  maxResponseBytes?: number;
  /**
   * Your own undici dispatcher (e.g. `new ProxyAgent(…)`, or an `Agent` with a custom CA). Default:
   * undici's global dispatcher when it is one of this undici's, else a keep-alive pool of the kit's own.
   */
  dispatcher?: Dispatcher;
  /**
   * Deprecated, use `dispatcher`: an `https.Agent` whose connection options (`ca`, `cert`, `key`,
   * `rejectUnauthorized`…) the strategy's own undici pool takes over. A proxy agent is not used.
   */
  agent?: http.Agent;
  /** Session key for pending states with `stateStore: 'session'`. Default `oauth2:<authorize host>`. */
  sessionKey?: string;
  /** Most logins of this provider a browser may have pending at once (several tabs). Default 10. */
  maxPendingStates?: number;
  /** How long a pending login stays valid, in ms. Default 600000 (10 minutes). */
  stateTTL?: number;
  /** Trust `X-Forwarded-*` when resolving a relative `callbackURL` (behind a proxy). */
  proxy?: boolean;
  /**
   * Accept plain `http:` provider URLs (`baseURL`, `authorizationURL`, `tokenURL`,
   * `userProfileURL`, `revocationURL`, `apiBaseURL`) on hosts other than loopback. Default
   * `false`: such a URL is a TypeError at construction, since the client secret, the code and
   * the tokens would travel in clear. Loopback hosts (`localhost`, 127.0.0.0/8, `::1`: a local
   * sandbox, tests) are always allowed.
   */
  allowInsecureHTTP?: boolean;
}

/** Options with `passReqToCallback` left off or false. */
export type WithoutRequest<TOptions> = TOptions & { passReqToCallback?: false };
/** Options with `passReqToCallback: true`: `verify` receives `req` first. */
export type WithRequest<TOptions> = TOptions & { passReqToCallback: true };
