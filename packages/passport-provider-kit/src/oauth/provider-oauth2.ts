import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { OAuth2, type dataCallback, type oauth2tokenCallback } from 'oauth';
import { AuthorizationError } from 'passport-oauth2';
import type { ProviderClient } from './provider-client';
import { settle } from './settle';
import type { TokenParams } from './token-set';

/** Longest authorization code or refresh token accepted; real ones are far shorter. */
export const MAX_GRANT_VALUE_LENGTH = 4096;

/** node-oauth's token callback: `(err, accessToken, refreshToken, params)`. */
type TokenCallback = (err: Error | null, accessToken?: string, refreshToken?: string, params?: TokenParams) => void;

/** node-oauth's data callback: `(err, body, response)`. */
type DataCallback = (
  err: Error | null,
  body?: string,
  response?: { statusCode: number; headers: IncomingHttpHeaders },
) => void;

/**
 * `strategy._oauth2`: a node-oauth `OAuth2` for the callers written for node-oauth only
 * (passport-oauth2's code exchange, passport-oauth2-refresh, `_oauth2.get`), adapted to the
 * strategy's {@link ProviderClient} with this client's own id, secret, token URL and headers.
 * Its constructor keeps node-oauth's signature: passport-oauth2-refresh calls `new _oauth2.constructor(…)`.
 */
export abstract class ProviderOAuth2 extends OAuth2 {
  /** The strategy's request path. */
  protected abstract readonly client: ProviderClient;
  /** The token response being handed to passport-oauth2's callback, for the profile step of that same call. */
  private handingOver?: TokenParams;

  /**
   * Requests a token as node-oauth does: `codeOrToken` goes out as `refresh_token` for
   * `grant_type: 'refresh_token'`, as `code` otherwise (left out when empty, for grants that
   * carry neither); calls back `(err, accessToken, refreshToken, params)`.
   */
  override getOAuthAccessToken(
    codeOrToken: string,
    params: Record<string, string | undefined> | oauth2tokenCallback,
    callback?: oauth2tokenCallback,
  ): void {
    const done = (typeof params === 'function' ? params : callback) as unknown as TokenCallback;
    const fields = typeof params === 'object' && params !== null ? { ...params } : {};
    const field = fields.grant_type === 'refresh_token' ? 'refresh_token' : 'code';
    const required = field === 'refresh_token' || !fields.grant_type || fields.grant_type === 'authorization_code';
    const given = typeof codeOrToken === 'string' && codeOrToken !== '';
    if (required && !(given && codeOrToken.length <= MAX_GRANT_VALUE_LENGTH)) {
      return process.nextTick(done, unusableGrantValue(this.client.settings.provider, field));
    }
    if (given) fields[field] = codeOrToken;
    const target = {
      url: this._getAccessTokenUrl(),
      credentials: { clientID: this._clientId, clientSecret: this._clientSecret },
      customHeaders: this._customHeaders,
    };
    settle(this.client.token(fields, target), (err, answer) => {
      if (err || !answer) return done(err as Error);
      this.handingOver = answer;
      try {
        done(null, answer.access_token, answer.refresh_token, answer);
      } finally {
        this.handingOver = undefined;
      }
    });
  }

  /** The token response of `accessToken` while it is handed to passport-oauth2's callback, which loads the profile within it. */
  tokenResponseFor(accessToken: string): TokenParams | undefined {
    return this.handingOver?.access_token === accessToken ? this.handingOver : undefined;
  }

  /** `GET`s a provider URL with the token in a header; a 2xx but HTML calls back `(null, body, response)`, anything else a `ProviderApiError`. */
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
      return process.nextTick(
        callback,
        new TypeError(`${this.client.settings.provider} client: ${method} is not supported`),
      );
    }
    const text = typeof body === 'string' && body !== '' ? body : undefined;
    const request = { method: method as 'GET' | 'POST' | 'DELETE', url, headers, body: text };
    settle(this.client.text(request, accessToken ?? undefined, this._customHeaders), (err, response) => {
      if (err || !response) return callback(err as Error);
      callback(null, response.body, { statusCode: response.status, headers: response.headers });
    });
  }
}

/** A `ProviderOAuth2` class with node-oauth's constructor signature, bound to one strategy's request path. */
export function providerOAuth2Class(
  client: ProviderClient,
): new (...args: ConstructorParameters<typeof OAuth2>) => ProviderOAuth2 {
  return class extends ProviderOAuth2 {
    protected readonly client = client;
  };
}

function unusableGrantValue(provider: string, field: 'code' | 'refresh_token'): Error {
  if (field === 'refresh_token') return new TypeError(`${provider} refresh requires a refresh token`);
  const what = `an authorization code that is not a single string of at most ${MAX_GRANT_VALUE_LENGTH} characters`;
  return new AuthorizationError(`${provider} callback carried ${what}`, 'invalid_request', undefined, 400);
}
