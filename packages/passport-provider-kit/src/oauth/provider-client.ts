import type { JsonOf, JsonResponse, JsonShape, ProviderHttpClient, TextResponse } from '../http/provider-http-client';
import { buildTokenRequest, tokenParamsOf, type ClientCredentials, type TokenEndpoint } from './token-request';
import type { TokenParams } from './token-set';

/** What makes a {@link ProviderClient} talk like its provider (from the provider's definition). */
export interface ProviderClientSettings {
  /** How the token endpoint wants to be called. */
  token: TokenEndpoint;
  /** Headers sent on every API call besides the token (e.g. Gofundo's `Accept`). */
  apiHeaders?: Record<string, string>;
  /** The header(s) that carry the access token on an API call. */
  bearerHeaders: (accessToken: string) => Record<string, string>;
  /** The app's client. */
  credentials: ClientCredentials;
  /** The app's `customHeaders`, sent on every request. */
  customHeaders: Record<string, string>;
  /** Sends and classifies: deadline, size cap, keep-alive, typed errors. */
  http: ProviderHttpClient;
}

/** Where one token request goes, when not to the strategy's own endpoint with its own client (node-oauth callers). */
export interface TokenTarget {
  url: string;
  credentials: ClientCredentials;
  customHeaders: Record<string, string>;
}

/** Options of one API call. */
export interface ApiCallOptions<S extends JsonShape = 'object'> {
  /** Accept a 2xx with an empty body (e.g. a 204 from a revocation). */
  allowEmpty?: boolean;
  /** The JSON accepted: an object (default), an array, or any value. */
  json?: S;
}

/**
 * The one request path of a strategy: each call builds its request here (credentials, encoding,
 * bearer and provider headers), and the provider's {@link ProviderHttpClient} sends it with
 * undici and classifies the answer. The login's code exchange, `refresh()`, other grants, API
 * calls and node-oauth's `_oauth2.get` all come here.
 */
export class ProviderClient {
  constructor(private readonly settings: ProviderClientSettings) {}

  /** Posts one grant (`grant_type` and its fields) to the token endpoint and checks the token response. */
  async requestToken(grant: Record<string, string | undefined>, target?: TokenTarget): Promise<TokenParams> {
    const { token, http } = this.settings;
    const headers = { ...(target ?? this.settings).customHeaders, ...token.headers };
    const endpoint = { ...token, url: target?.url ?? token.url, headers };
    const fields = { ...token.grantFields?.[grant.grant_type ?? 'authorization_code'], ...grant };
    const request = buildTokenRequest(endpoint, target?.credentials ?? this.settings.credentials, fields);
    return tokenParamsOf(token, http, request, await http.requestJson(request));
  }

  /** Calls an API endpoint with the access token and resolves with its JSON (an object unless `options.json` says otherwise). */
  callApi<S extends JsonShape = 'object'>(
    label: string,
    method: 'GET' | 'DELETE',
    url: string,
    accessToken: string,
    options: ApiCallOptions<S> = {},
  ): Promise<JsonResponse<JsonOf<S>>> {
    return this.settings.http.requestJson({
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

  /** node-oauth's request: any 2xx but HTML, as text, with the token's headers when there is a token. */
  requestText(
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    body: string | undefined,
    accessToken: string | undefined,
    customHeaders: Record<string, string>,
  ): Promise<TextResponse> {
    return this.settings.http.requestText({
      label: 'API',
      method,
      url,
      headers: accessToken ? this.apiHeaders(accessToken, headers, customHeaders) : { ...customHeaders, ...headers },
      body,
      endpoint: 'api',
      secrets: [accessToken],
      allowEmpty: true,
    });
  }

  private apiHeaders(
    accessToken: string,
    extra: Record<string, string>,
    customHeaders = this.settings.customHeaders,
  ): Record<string, string> {
    return {
      ...customHeaders,
      ...extra,
      ...this.settings.apiHeaders,
      ...this.settings.bearerHeaders(accessToken),
    };
  }
}

/** node-oauth's `customHeaders` as plain string headers. */
export function plainHeaders(headers: Record<string, unknown> | null | undefined): Record<string, string> {
  const plain: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) plain[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return plain;
}
