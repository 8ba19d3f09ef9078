import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { OAuth2, type dataCallback, type oauth2tokenCallback } from 'oauth';
import { AuthorizationError } from 'passport-oauth2';
import { settle } from './settle';
import { plainHeaders, type ProviderClient } from './provider-client';
import type { TokenParams } from './token-set';

/** Longest authorization code or refresh token accepted; real ones are far shorter. */
export const MAX_GRANT_VALUE_LENGTH = 4096;

/** node-oauth's token callback: `(err, accessToken, refreshToken, params)`; `err` is an `Error` here. */
export type TokenCallback = (
  err: Error | null,
  accessToken?: string,
  refreshToken?: string,
  params?: TokenParams,
) => void;

/** node-oauth's data callback: `(err, body, response)`; `response` has the status and the headers. */
export type DataCallback = (
  err: Error | null,
  body?: string,
  response?: { statusCode: number; headers: IncomingHttpHeaders },
) => void;

/**
 * A node-oauth `OAuth2` client (what passport-oauth2 keeps as `strategy._oauth2`) for the
 * callers written for node-oauth only: passport-oauth2's login flow, passport-oauth2-refresh
 * and apps calling `_oauth2.get`. It adapts their calls to the strategy's {@link ProviderClient},
 * with this client's own id, secret, token URL and custom headers (node-oauth's `_clientId`,
 * `_clientSecret`, `_getAccessTokenUrl()`, `_customHeaders`; see `passport-oauth2-internals.ts`).
 *
 * Built by {@link providerOAuth2Class}: its constructor keeps node-oauth's signature, because
 * passport-oauth2-refresh builds a second client with `new strategy._oauth2.constructor(…)`.
 */
export abstract class ProviderOAuth2 extends OAuth2 {
  /** The strategy's request path. */
  protected abstract readonly client: ProviderClient;
  /** Human name of the provider, for messages. */
  protected abstract readonly displayName: string;
  /** The token response being handed to passport-oauth2's callback, read by the profile step of that same call. */
  private handingOver?: { accessToken: string; params: TokenParams };

  /**
   * Requests a token as node-oauth does: `codeOrToken` goes out as `refresh_token` when
   * `params.grant_type` is `refresh_token`, as `code` otherwise (left out when empty, for grants
   * that carry neither). Calls back `(err, accessToken, refreshToken, params)`, `params` the whole
   * token response; errors are `ProviderTokenError`s (or an `AuthorizationError` for a code or a
   * `TypeError` for a refresh token that cannot be one).
   */
  override getOAuthAccessToken(
    codeOrToken: string,
    params: Record<string, string | undefined> | oauth2tokenCallback,
    callback?: oauth2tokenCallback,
  ): void {
    const done = (typeof params === 'function' ? params : callback) as unknown as TokenCallback;
    const fields: Record<string, string | undefined> =
      typeof params === 'object' && params !== null ? { ...params } : {};
    const field = fields.grant_type === 'refresh_token' ? 'refresh_token' : 'code';
    const required =
      field === 'refresh_token' || fields.grant_type === undefined || fields.grant_type === 'authorization_code';
    const given = typeof codeOrToken === 'string' && codeOrToken !== '';
    if (required && !(given && codeOrToken.length <= MAX_GRANT_VALUE_LENGTH)) {
      return process.nextTick(done, unusableGrantValue(this.displayName, field));
    }
    if (given) fields[field] = codeOrToken;
    const target = {
      url: this._getAccessTokenUrl(),
      credentials: { clientID: this._clientId, clientSecret: this._clientSecret },
      customHeaders: plainHeaders(this._customHeaders),
    };
    settle(this.client.requestToken(fields, target), (err, response) => {
      if (err || !response) return done(asError(err));
      this.handingOver = { accessToken: response.access_token, params: response };
      try {
        done(null, response.access_token, response.refresh_token, response);
      } finally {
        this.handingOver = undefined;
      }
    });
  }

  /**
   * The token response of `accessToken`, while it is being handed to passport-oauth2's callback:
   * passport-oauth2 loads the profile within that call, so the profile step of each login gets
   * its own login's response, with no state shared between logins.
   */
  tokenResponseFor(accessToken: string): TokenParams | undefined {
    return this.handingOver?.accessToken === accessToken ? this.handingOver.params : undefined;
  }

  /**
   * `GET`s a provider URL with the access token in a header (never in the URL), the provider's
   * API headers and `customHeaders`. Calls back `(null, body, response)` for a 2xx that is not
   * HTML, and a `ProviderApiError` for anything else (a redirect, an HTML page, a 4xx or 5xx).
   */
  override get(url: string, accessToken: string, callback: dataCallback): void {
    this._request('GET', url, null, '', accessToken, callback);
  }

  /** Same as {@link ProviderOAuth2.get}, under node-oauth's older name. */
  override getProtectedResource(url: string, accessToken: string, callback: dataCallback): void {
    this.get(url, accessToken, callback);
  }

  /** node-oauth's one request method, through the strategy's request path. */
  protected override _request(
    method: string,
    url: string,
    headers: OutgoingHttpHeaders | null,
    body: unknown,
    accessToken: string | null,
    dataCallback: dataCallback,
  ): void {
    const callback = dataCallback as unknown as DataCallback;
    if (method !== 'GET' && method !== 'POST' && method !== 'DELETE') {
      return process.nextTick(callback, new TypeError(`${this.displayName} client: ${method} is not supported`));
    }
    const text = typeof body === 'string' && body !== '' ? body : undefined;
    const sent = this.client.requestText(
      method,
      url,
      plainHeaders(headers),
      text,
      accessToken ?? undefined,
      plainHeaders(this._customHeaders),
    );
    settle(sent, (err, response) => {
      if (err || !response) return callback(asError(err));
      callback(null, response.raw, { statusCode: response.status, headers: response.headers });
    });
  }
}

/** A constructor with node-oauth's signature. */
export type ProviderOAuth2Class = new (
  clientId: string,
  clientSecret: string,
  baseSite: string,
  authorizePath?: string,
  accessTokenPath?: string,
  customHeaders?: OutgoingHttpHeaders,
) => ProviderOAuth2;

/**
 * The client class of one strategy: node-oauth's constructor signature, the strategy's request
 * path bound in, so that passport-oauth2-refresh's `new strategy._oauth2.constructor(…)` talks
 * like the provider too.
 */
export function providerOAuth2Class(client: ProviderClient, displayName: string): ProviderOAuth2Class {
  return class extends ProviderOAuth2 {
    protected readonly client = client;
    protected readonly displayName = displayName;
  };
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

function unusableGrantValue(provider: string, field: 'code' | 'refresh_token'): Error {
  if (field === 'refresh_token') return new TypeError(`${provider} refresh requires a refresh token`);
  return new AuthorizationError(
    `${provider} callback carried an authorization code that is not a single string of at most ${MAX_GRANT_VALUE_LENGTH} characters`,
    'invalid_request',
    undefined,
    400,
  );
}
