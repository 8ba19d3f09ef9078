import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { OAuth2, type dataCallback, type oauth2tokenCallback } from 'oauth';
import { AuthorizationError } from 'passport-oauth2';
import type { JsonOf, JsonResponse, JsonShape, ProviderHttpClient, TextResponse } from '../http/provider-http-client';
import { settle } from '../strategy/settle';
import { requestToken, type TokenEndpoint } from './token-request';
import type { TokenParams } from './token-set';

/** Longest authorization code or refresh token accepted; real ones are far shorter. */
const MAX_GRANT_VALUE_LENGTH = 4096;

/** What makes a {@link ProviderOAuth2} client talk like its provider. */
export interface ProviderConnection {
  /** Human name of the provider, used in messages. */
  displayName: string;
  /** How the token endpoint wants to be called; its `url` is the client's `_accessTokenUrl`. */
  token: Omit<TokenEndpoint, 'url'>;
  /** Headers sent on every API call besides the token (e.g. Gofundo's `Accept`). */
  apiHeaders?: Record<string, string>;
  /** The header(s) that carry the access token on an API call. */
  bearerHeaders(accessToken: string): Record<string, string>;
  /** HTTP to the provider: deadline, size cap, keep-alive, typed errors. */
  http: ProviderHttpClient;
}

/** node-oauth's token callback: `(err, accessToken, refreshToken, params)`; `err` is an `Error` here. */
export type TokenCallback = (
  err: Error | null,
  accessToken?: string,
  refreshToken?: string,
  params?: TokenParams,
) => void;

/**
 * node-oauth's data callback: `(err, body, response)`; `err` is an `Error` here, and `response`
 * has the status and the headers.
 */
export type DataCallback = (
  err: Error | null,
  body?: string,
  response?: { statusCode: number; headers: IncomingHttpHeaders },
) => void;

/** Options of one API call. */
export interface ApiCallOptions<S extends JsonShape = 'object'> {
  /** Accept a 2xx with an empty body (e.g. a 204 from a revocation). */
  allowEmpty?: boolean;
  /** The JSON accepted: an object (default), an array, or any value. */
  json?: S;
}

/**
 * A node-oauth `OAuth2` client (what passport-oauth2 keeps as `strategy._oauth2`) that talks
 * like one provider. Every call of a strategy goes through it — the login's code exchange,
 * `refresh()`, the other grants, profile reads and `_oauth2.get` — so code written for
 * passport-oauth2 (passport-oauth2-refresh, apps calling `_oauth2.get`) gets the provider's
 * body encoding, client authentication, headers, deadline, size cap and typed errors.
 *
 * Built by {@link providerOAuth2Class}: its constructor keeps node-oauth's signature, because
 * passport-oauth2-refresh builds a second client with `new strategy._oauth2.constructor(…)`.
 */
export abstract class ProviderOAuth2 extends OAuth2 {
  /** The provider this client talks to. */
  protected abstract readonly connection: ProviderConnection;

  /**
   * Requests a token as node-oauth does: `codeOrToken` goes out as `refresh_token` when
   * `params.grant_type` is `refresh_token`, as `code` otherwise (and is left out when empty,
   * for grants that carry neither). Calls back `(err, accessToken, refreshToken, params)`;
   * `params` is the whole token response. Errors are `ProviderTokenError`s (or an
   * `AuthorizationError` for a code or refresh token that cannot be one).
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
    const carriesValue =
      field === 'refresh_token' || fields.grant_type === undefined || fields.grant_type === 'authorization_code';
    if (carriesValue) {
      if (typeof codeOrToken !== 'string' || codeOrToken === '' || codeOrToken.length > MAX_GRANT_VALUE_LENGTH) {
        return process.nextTick(done, unusableGrantValue(this.connection.displayName, field));
      }
      fields[field] = codeOrToken;
    } else if (typeof codeOrToken === 'string' && codeOrToken !== '') {
      fields[field] = codeOrToken;
    }
    settle(this.requestToken(fields), (err, response) => {
      if (err || !response) return done(asError(err));
      done(null, response.access_token, response.refresh_token, response);
    });
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

  /** Calls an API endpoint of the provider with the access token and resolves with its JSON (an object unless `options.json` says otherwise). */
  callApi<S extends JsonShape = 'object'>(
    label: string,
    method: 'GET' | 'DELETE',
    url: string,
    accessToken: string,
    options: ApiCallOptions<S> = {},
  ): Promise<JsonResponse<JsonOf<S>>> {
    return this.connection.http.requestJson({
      label,
      method,
      url,
      headers: this.apiHeaders(accessToken, { Accept: 'application/json' }),
      endpoint: 'api',
      secrets: [accessToken],
      allowEmpty: options.allowEmpty,
      json: options.json,
    });
  }

  /** node-oauth's one request method, through the provider's HTTP client. */
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
        new TypeError(`${this.connection.displayName} client: ${method} is not supported`),
      );
    }
    const extra: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) extra[name] = String(value);
    const request = this.connection.http.requestText({
      label: 'API',
      method,
      url,
      headers: accessToken ? this.apiHeaders(accessToken, extra) : { ...this.customHeaders(), ...extra },
      body: typeof body === 'string' && body !== '' ? body : undefined,
      endpoint: 'api',
      secrets: [accessToken ?? undefined],
      allowEmpty: true,
    });
    settle(request, (err, response?: TextResponse) => {
      if (err || !response) return callback(asError(err));
      callback(null, response.raw, { statusCode: response.status, headers: response.headers });
    });
  }

  /** Posts one grant to this client's token URL with its credentials. */
  private requestToken(fields: Record<string, string | undefined>): Promise<TokenParams> {
    const { token } = this.connection;
    return requestToken(
      this.connection.http,
      { ...token, url: this._getAccessTokenUrl(), headers: { ...this.customHeaders(), ...token.headers } },
      { clientID: this._clientId, clientSecret: this._clientSecret },
      fields,
    );
  }

  private apiHeaders(accessToken: string, extra: Record<string, string>): Record<string, string> {
    return {
      ...this.customHeaders(),
      ...extra,
      ...this.connection.apiHeaders,
      ...this.connection.bearerHeaders(accessToken),
    };
  }

  private customHeaders(): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(this._customHeaders ?? {})) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    return headers;
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
 * The client class of one provider: node-oauth's constructor signature, the provider bound
 * in. passport-oauth2-refresh builds its own client with `new strategy._oauth2.constructor(…)`
 * and so gets one that talks like the provider too.
 */
export function providerOAuth2Class(connection: ProviderConnection): ProviderOAuth2Class {
  return class extends ProviderOAuth2 {
    protected readonly connection = connection;
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
