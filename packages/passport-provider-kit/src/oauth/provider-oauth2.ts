import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { OAuth2, type dataCallback, type oauth2tokenCallback } from 'oauth';
import { AuthorizationError } from 'passport-oauth2';
import { classify, exchange, type EndpointRequest } from '../http/classify';
import { mergeHeaders } from '../http/send';
import { apiHeaders, requestToken, type ProviderClient } from './provider-client';
import { settle } from './settle';
import type { TokenParams } from './token-set';

/** Longest authorization code or refresh token accepted; real ones are far shorter. */
export const MAX_GRANT_VALUE_LENGTH = 4096;

type TokenCallback = (err: unknown, accessToken?: string, refreshToken?: string, params?: TokenParams) => void;
type DataCallback = (err: unknown, body?: string, res?: { statusCode: number; headers: IncomingHttpHeaders }) => void;

/**
 * `strategy._oauth2`: node-oauth's `OAuth2` for its callers (passport-oauth2's code exchange, passport-oauth2-refresh,
 * `_oauth2.get`) on the strategy's request path, with its own id, secret, token URL and headers.
 */
export abstract class ProviderOAuth2 extends OAuth2 {
  /** The strategy's request path. */
  protected abstract readonly client: ProviderClient;
  /** The token response being handed to passport-oauth2's callback, for the profile step within it. */
  private handingOver?: TokenParams;

  /** A token as node-oauth requests it: `codeOrToken` the `refresh_token` of that grant, else the `code` (if any). */
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
      return process.nextTick(done, unusableGrantValue(this.client.provider, field));
    }
    if (given) fields[field] = codeOrToken;
    const credentials = { clientID: this._clientId, clientSecret: this._clientSecret };
    const target = { url: this._getAccessTokenUrl(), credentials, customHeaders: this._customHeaders };
    settle(requestToken(this.client, fields, target), (err, answer) => {
      if (err || !answer) return done(err);
      this.handingOver = answer;
      try {
        done(null, answer.access_token, answer.refresh_token, answer);
      } finally {
        this.handingOver = undefined;
      }
    });
  }

  /** The token response of `accessToken` while it is handed to passport-oauth2's callback (which loads the profile). */
  tokenResponseFor(accessToken: string): TokenParams | undefined {
    return this.handingOver?.access_token === accessToken ? this.handingOver : undefined;
  }

  /** `GET`s a URL with the token in a header (also as `getProtectedResource`): `(null, body, response)` for a 2xx but HTML, else a `ProviderApiError`. */
  override get(url: string, accessToken: string, callback: dataCallback): void {
    this._request('GET', url, null, '', accessToken, callback);
  }

  /** node-oauth's one request method: any 2xx but HTML, as text, with the token's headers when there is a token. */
  protected override _request(
    method: string,
    url: string,
    headers: OutgoingHttpHeaders | null,
    body: unknown,
    accessToken: string | null,
    callback: dataCallback,
  ): void {
    const done = callback as unknown as DataCallback;
    if (method !== 'GET' && method !== 'POST' && method !== 'DELETE') {
      return process.nextTick(done, new TypeError(`${this.client.provider} client: ${method} is not supported`));
    }
    const all = accessToken
      ? apiHeaders(this.client, accessToken, headers, this._customHeaders)
      : mergeHeaders(this._customHeaders, headers);
    const request: EndpointRequest = { method, url, headers: all, label: 'API', endpoint: 'api', json: 'text' };
    request.body = typeof body === 'string' && body !== '' ? body : undefined;
    request.allowEmpty = true;
    request.secrets = [accessToken ?? undefined];
    const response = exchange(request, this.client).then((res) => {
      classify(request, res, this.client);
      return res;
    });
    settle(response, (err, res) =>
      err || !res ? done(err) : done(null, res.body, { statusCode: res.status, headers: res.headers }),
    );
  }
}

/** A {@link ProviderOAuth2} class bound to one strategy's request path, with node-oauth's constructor (passport-oauth2-refresh calls it). */
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
