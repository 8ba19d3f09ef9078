import { classify, exchange, refuse, type ClassifySettings } from '../http/classify';
import type { JsonResponse, Refusal } from '../http/classify';
import { mergeHeaders, type SendSettings } from '../http/send';
import { errorCodeFromBody } from '../errors/error-body';
import { expiresInSeconds, tokenRequest } from './token-request';
import type { ClientCredentials, TokenEndpoint } from './token-request';
import type { TokenParams } from './token-set';

/**
 * How a strategy calls its provider, for the one request path in three steps: build the request
 * ({@link tokenRequest}, or the API headers), send it with undici (`exchange`), `classify` the answer.
 */
export interface ProviderClient extends ClassifySettings, SendSettings {
  token: TokenEndpoint;
  /** Headers of every API call besides the token (e.g. Gofundo's `Accept`). */
  apiHeaders?: Record<string, string>;
  bearerHeaders: (accessToken: string) => Record<string, string>;
  credentials: ClientCredentials;
  /** The app's `customHeaders`, sent on every request. */
  customHeaders?: Readonly<Record<string, unknown>>;
}

/**
 * Posts a grant (`grant_type` and its fields) to the token endpoint, or to node-oauth's `target`, and checks the 2xx:
 * a non-empty string `access_token`, a string `refresh_token` (a `null` one dropped), `expires_in` as seconds.
 */
export async function requestToken(
  client: ProviderClient,
  grant: Record<string, string | undefined>,
  target?: { url: string; credentials: ClientCredentials; customHeaders?: Readonly<Record<string, unknown>> | null },
): Promise<TokenParams> {
  const endpoint = target ? { ...client.token, url: target.url } : client.token;
  const to = target ?? client;
  const request = tokenRequest(endpoint, to.credentials, grant, to.customHeaders ?? undefined);
  const { json, status } = classify(request, await exchange(request, client), client) as JsonResponse;
  const fail = (refusal: Refusal) => refuse(request, status, refusal, client);
  const { access_token: accessToken, refresh_token: refreshToken, expires_in: expiresIn } = json;
  const usable = typeof accessToken === 'string' && accessToken !== '';
  // By default an RFC 6749 `error` (or `code`), and only in an answer without an access token.
  const code = usable ? undefined : errorCodeFromBody(json);
  const carried = client.token.errorInResponse ? client.token.errorInResponse(json) : code && { code };
  const what = 'without an access_token';
  if (carried)
    throw fail({ what, body: json, text: carried.description, reason: 'provider_error', providerCode: carried.code });
  if (!usable) throw fail({ what, body: json });
  if (refreshToken != null && typeof refreshToken !== 'string')
    throw fail({ what: 'with a refresh_token that is not a string' });
  const params: TokenParams = { ...json, access_token: accessToken };
  if (refreshToken === null) delete params.refresh_token;
  if (expiresIn == null) return params;
  const seconds = expiresInSeconds(expiresIn);
  if (seconds === undefined) throw fail({ what: 'with an expires_in that is not a number of seconds' });
  return Object.assign(params, { expires_in: seconds });
}

/** An API call's headers: the app's `customHeaders`, the call's, the provider's `apiHeaders`, then the token's. */
export function apiHeaders(
  client: ProviderClient,
  accessToken: string,
  extra: Readonly<Record<string, unknown>> | null | undefined,
  customHeaders = client.customHeaders,
) {
  return mergeHeaders(customHeaders, extra, client.apiHeaders, client.bearerHeaders(accessToken));
}
