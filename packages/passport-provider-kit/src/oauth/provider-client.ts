import { classify, exchange, type ClassifySettings, type EndpointRequest, refuse } from '../http/classify';
import type { JsonOf, JsonResponse, JsonShape } from '../http/classify';
import { mergeHeaders, type HttpRequest, type HttpResponse, type SendSettings } from '../http/send';
import { tokenParamsOf, tokenRequest, type ClientCredentials, type TokenEndpoint } from './token-request';
import type { TokenParams } from './token-set';

/** A {@link ProviderClient}'s provider (definition) and app (options): on top of classifying and sending, how to call it. */
export interface ProviderClientSettings extends ClassifySettings, SendSettings {
  token: TokenEndpoint;
  /** Headers of every API call besides the token (e.g. Gofundo's `Accept`). */
  apiHeaders?: Record<string, string>;
  bearerHeaders: (accessToken: string) => Record<string, string>;
  credentials: ClientCredentials;
  /** The app's `customHeaders`, sent on every request. */
  customHeaders?: Readonly<Record<string, unknown>>;
}

/** Headers as node-oauth callers give them. */
type LooseHeaders = Readonly<Record<string, unknown>> | null | undefined;

/**
 * The one request path of a strategy, in three steps: build the request (`tokenRequest`, or the API
 * headers here), send it with undici (`exchange`), `classify` the answer. The login's code exchange,
 * `refresh()`, other grants, API calls and node-oauth's `_oauth2.get` all come here.
 */
export class ProviderClient {
  constructor(readonly settings: ProviderClientSettings) {}

  /** Posts a grant (`grant_type` and its fields) to the token endpoint, or to node-oauth's `target`, and checks the answer. */
  async token(
    grant: Record<string, string | undefined>,
    target?: { url: string; credentials: ClientCredentials; customHeaders: LooseHeaders },
  ): Promise<TokenParams> {
    const { settings } = this;
    const endpoint = target ? { ...settings.token, url: target.url } : settings.token;
    const to = target ?? settings;
    const request = tokenRequest(endpoint, to.credentials, grant, to.customHeaders ?? undefined);
    const { json, status } = classify(request, await exchange(request, settings), settings) as JsonResponse;
    return tokenParamsOf(settings.token, json, (refusal) => refuse(request, status, refusal, settings));
  }

  /** Calls an API endpoint with the access token: its JSON (an object unless `json` says otherwise). */
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
    { headers, ...request }: Pick<HttpRequest, 'method' | 'url' | 'body'> & { headers: LooseHeaders },
    accessToken: string | undefined,
    customHeaders: LooseHeaders,
  ): Promise<HttpResponse> {
    const all = accessToken
      ? this.apiHeaders(accessToken, headers, customHeaders)
      : mergeHeaders(customHeaders, headers);
    const full: EndpointRequest = { ...request, headers: all, label: 'API', endpoint: 'api', json: 'text' };
    full.allowEmpty = true;
    full.secrets = [accessToken];
    const response = await exchange(full, this.settings);
    classify(full, response, this.settings);
    return response;
  }

  private apiHeaders(
    accessToken: string,
    extra: LooseHeaders,
    customHeaders: LooseHeaders = this.settings.customHeaders,
  ) {
    return mergeHeaders(customHeaders, extra, this.settings.apiHeaders, this.settings.bearerHeaders(accessToken));
  }
}
