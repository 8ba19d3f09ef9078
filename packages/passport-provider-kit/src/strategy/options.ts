import type http from 'node:http';

/** `skipUserProfile` as passport-oauth2 accepts it. */
export type SkipUserProfile =
  | boolean
  | ((accessToken: string) => boolean)
  | ((accessToken: string, done: (err: unknown, skip?: boolean) => void) => void);

/**
 * Options every strategy of this project takes. Provider packages extend it with their own.
 */
export interface ProviderStrategyOptions {
  /** Your app's client id at the provider. Required. */
  clientID: string;
  /** Your app's client secret. Required; never put in a URL, a log or an error message. */
  clientSecret: string;
  /** Where the provider sends the user back; absolute, or relative to the request's URL. */
  callbackURL?: string;
  /** Scopes to request: a string, or an array joined with the provider's separator. */
  scope?: string | readonly string[];
  /** CSRF protection with a `state` kept in the session. Default `true`. */
  state?: boolean;
  /** Send a PKCE challenge (S256). Default `false`: none of the providers documents PKCE. Needs `state`. */
  pkce?: boolean;
  /** Skip the profile step (`profile` is then undefined in `verify`). Default `false`. */
  skipUserProfile?: SkipUserProfile;
  /** Deadline of each HTTP call to the provider (from any wait for a free socket to the last byte), in ms. Default 10000. */
  timeout?: number;
  /** Override the provider's authorize URL (e.g. a sandbox). */
  authorizationURL?: string;
  /** Override the provider's token URL. */
  tokenURL?: string;
  /** Largest answer accepted from the provider, in bytes. Default 1 MiB. */
  maxResponseBytes?: number;
  /** Your own HTTP(S) agent (proxy, custom CA). Default: keep-alive agents owned by the strategy. */
  agent?: http.Agent;
  /** Session key for pending states. Default `oauth2:<authorize host>`. */
  sessionKey?: string;
  /** Most logins a session may have pending at once (several tabs). Default 10. */
  maxPendingStates?: number;
  /** How long a pending login stays valid, in ms. Default 600000 (10 minutes). */
  stateTTL?: number;
  /** Trust `X-Forwarded-*` when resolving a relative `callbackURL` (behind a proxy). */
  proxy?: boolean;
}

/** Options with `passReqToCallback` left off or false. */
export type WithoutRequest<TOptions> = TOptions & { passReqToCallback?: false };
/** Options with `passReqToCallback: true`: `verify` receives `req` first. */
export type WithRequest<TOptions> = TOptions & { passReqToCallback: true };
