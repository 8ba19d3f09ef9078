import {
  classify,
  exchange,
  refuse,
  type ClassifySettings,
  type EndpointRequest,
  type JsonOf,
  type JsonResponse,
  type JsonShape,
} from '../http/classify';
import { mergeHeaders, type HttpRequest, type HttpResponse, type SendSettings } from '../http/send';
import { tokenParamsOf, tokenRequest, type ClientCredentials, type TokenEndpoint } from './token-request';
import type { TokenParams } from './token-set';

/** What makes a {@link ProviderClient} talk like its provider: the definition's parts and the app's options. */
export interface ProviderClientSettings extends ClassifySettings, SendSettings {
  /** How the token endpoint wants to be called. */
  token: TokenEndpoint;
  /** Headers sent on every API call besides the token (e.g. Gofundo's `Accept`). */
  apiHeaders?: Record<string, string>;
  /** The header(s) that carry the access token on an API call. */
  bearerHeaders: (accessToken: string) => Record<string, string>;
  /** The app's client. */
  credentials: ClientCredentials;
  /** The app's `customHeaders`, sent on every request. */
  customHeaders?: Readonly<Record<string, unknown>>;
}

/** Where one grant goes when not to the strategy's own endpoint with its own client (node-oauth's callers). */
export interface TokenTarget {
  url: string;
  credentials: ClientCredentials;
  customHeaders?: Readonly<Record<string, unknown>>;
}

/**
 * The one request path of a strategy, in three steps: build the request (`tokenRequest`, or the
 * API headers here), send it with undici (`exchange`), {@link classify} the answer. The login's code
 * exchange, `refresh()`, other grants, API calls and node-oauth's `_oauth2.get` all come here.
 */
export class ProviderClient {
  constructor(readonly settings: ProviderClientSettings) {}

  /** Posts one grant (`grant_type` and its fields) to the token endpoint and checks the token response. */
  async token(grant: Record<string, string | undefined>, target?: TokenTarget): Promise<TokenParams> {
    const { token, credentials, customHeaders } = this.settings;
    const endpoint = target ? { ...token, url: target.url } : token;
    const request = tokenRequest(
      endpoint,
      target?.credentials ?? credentials,
      grant,
      target ? target.customHeaders : customHeaders,
    );
    const answer = classify(request, await exchange(request, this.settings), this.settings) as JsonResponse;
    const checked = tokenParamsOf(token, answer);
    if ('refused' in checked) throw this.refuse(request, answer.status, checked.refused);
    return checked.params;
  }

  /** Calls an API endpoint with the access token; resolves with its JSON (an object unless `json` says otherwise). */
  async api<S extends JsonShape = 'object'>(
    label: string,
    method: 'GET' | 'DELETE',
    url: string,
    accessToken: string,
    options: { allowEmpty?: boolean; json?: S } = {},
  ): Promise<JsonResponse<JsonOf<S>>> {
    const headers = this.apiHeaders(accessToken, { accept: 'application/json' });
    const request: EndpointRequest = {
      label,
      method,
      url,
      headers,
      endpoint: 'api',
      secrets: [accessToken],
      ...options,
    };
    return classify(request, await exchange(request, this.settings), this.settings) as JsonResponse<JsonOf<S>>;
  }

  /** node-oauth's request: any 2xx but HTML, as text, with the token's headers when there is a token. */
  async text(
    request: Pick<HttpRequest, 'method' | 'url' | 'body'> & { headers: Readonly<Record<string, unknown>> | null },
    accessToken: string | undefined,
    customHeaders: Readonly<Record<string, unknown>> | undefined,
  ): Promise<HttpResponse> {
    const headers = accessToken
      ? this.apiHeaders(accessToken, request.headers, customHeaders)
      : mergeHeaders(customHeaders, request.headers);
    const full: EndpointRequest = {
      ...request,
      headers,
      label: 'API',
      endpoint: 'api',
      allowEmpty: true,
      json: 'text',
    };
    full.secrets = [accessToken];
    const response = await exchange(full, this.settings);
    classify(full, response, this.settings);
    return response;
  }

  /** The error of a 2xx that cannot be used, worded like every other failure (see {@link refuse}). */
  refuse(
    request: Pick<EndpointRequest, 'label' | 'endpoint' | 'secrets'>,
    status: number,
    refusal: Parameters<typeof refuse>[2],
  ) {
    return refuse(request, status, refusal, this.settings);
  }

  private apiHeaders(
    accessToken: string,
    extra: Readonly<Record<string, unknown>> | null,
    customHeaders = this.settings.customHeaders,
  ) {
    return mergeHeaders(customHeaders, extra, this.settings.apiHeaders, this.settings.bearerHeaders(accessToken));
  }
}
