import { errorCodeFromBody } from '../errors/error-body';
import type { EndpointRequest, JsonResponse, ProviderHttpClient, ResponseRefusal } from '../http/provider-http-client';
import { expiresInSeconds } from './expires-in';
import type { TokenParams } from './token-set';

/** How a provider's token endpoint wants to be called. */
export interface TokenEndpoint {
  /** The token endpoint URL. */
  url: string;
  /** `form` (`application/x-www-form-urlencoded`, RFC 6749) or `json`. */
  bodyEncoding: 'form' | 'json';
  /** Client credentials in the body (`client_id`/`client_secret`) or as HTTP Basic. */
  clientAuth: 'body' | 'basic';
  /** Extra headers, e.g. `Accept: application/json`. */
  headers?: Record<string, string>;
  /**
   * Fields a grant carries besides its own, by `grant_type`, e.g. Mollie's
   * `{ refresh_token: { redirect_uri } }`. The grant's own fields win over them.
   */
  grantFields?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * Finds the error a 2xx token response carries instead of a token, for a provider that
   * answers errors with a success status. Default {@link oauthErrorInResponse}: RFC 6749's
   * `error` code in a response without `access_token`. The login then fails with a
   * `ProviderTokenError` whose reason is `provider_error` and `providerCode` the code.
   */
  errorInResponse?: (body: Record<string, unknown>) => TokenResponseError | undefined;
}

/** The error a 2xx token response carries (see {@link TokenEndpoint.errorInResponse}). */
export interface TokenResponseError {
  /** The provider's error code, e.g. `bad_verification_code`; it becomes `providerCode` and `code`. */
  code: string;
  /** The provider's text; without it, the text comes from the definition's `errorFields`. */
  description?: string;
}

/**
 * The default {@link TokenEndpoint.errorInResponse}: a response without a non-empty
 * `access_token` whose `error` (or `code`) looks like an RFC 6749 error code.
 */
export function oauthErrorInResponse(body: Record<string, unknown>): TokenResponseError | undefined {
  if (typeof body.access_token === 'string' && body.access_token !== '') return undefined;
  const code = errorCodeFromBody(body);
  return code === undefined ? undefined : { code };
}

/** The client's credentials. */
export interface ClientCredentials {
  clientID: string;
  clientSecret: string;
}

/**
 * Builds the request of one grant to a token endpoint: the grant's fields (undefined values
 * left out) with the client's credentials in the body or as HTTP Basic, form- or JSON-encoded.
 */
export function buildTokenRequest(
  endpoint: TokenEndpoint,
  credentials: ClientCredentials,
  grant: Record<string, string | undefined>,
): EndpointRequest & { json?: 'object' } {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(grant)) if (value !== undefined) fields[name] = value;
  const headers: Record<string, string> = { Accept: 'application/json', ...endpoint.headers };
  if (endpoint.clientAuth === 'basic') {
    // RFC 6749 §2.3.1: id and secret are form-encoded before Base64.
    const user = encodeURIComponent(credentials.clientID);
    const pass = encodeURIComponent(credentials.clientSecret);
    headers.Authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  } else {
    fields.client_id = credentials.clientID;
    fields.client_secret = credentials.clientSecret;
  }
  const json = endpoint.bodyEncoding === 'json';
  headers['Content-Type'] = json ? 'application/json' : 'application/x-www-form-urlencoded';
  return {
    label: 'token endpoint',
    method: 'POST',
    url: endpoint.url,
    headers,
    body: json ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
    endpoint: 'token',
    secrets: [grant.code, grant.refresh_token, grant.password, grant.code_verifier],
  };
}

/**
 * Classifies a token endpoint's JSON answer: a non-empty string `access_token`, `expires_in`
 * made a number of seconds clamped to 10 years (`MAX_EXPIRES_IN_SECONDS`); an error carried in
 * a 2xx or an unusable field is a {@link ProviderTokenError}.
 */
export function tokenParamsOf(
  endpoint: Pick<TokenEndpoint, 'errorInResponse'>,
  client: ProviderHttpClient,
  request: EndpointRequest,
  response: JsonResponse,
): TokenParams {
  const carried = (endpoint.errorInResponse ?? oauthErrorInResponse)(response.json);
  if (carried !== undefined) {
    throw client.refuseResponse(request, response.status, {
      what: 'without an access_token',
      body: response.json,
      text: carried.description,
      reason: 'provider_error',
      providerCode: carried.code,
    });
  }
  const checked = validateTokenParams(response.json);
  if ('refused' in checked) throw client.refuseResponse(request, response.status, checked.refused);
  return checked.params;
}

/**
 * Checks the fields of a 2xx token response: the token response made usable, or why it cannot be
 * used (worded to follow "answered 200", e.g. `without an access_token`; with the response
 * itself when it has no token at all, whose error text may say why).
 */
function validateTokenParams(json: Record<string, unknown>): { params: TokenParams } | { refused: ResponseRefusal } {
  const fail = (what: string, body?: Record<string, unknown>) => ({ refused: { what, body } });
  const { access_token: accessToken, refresh_token: refreshToken, expires_in: expiresIn } = json;
  if (typeof accessToken !== 'string' || accessToken.length === 0) {
    return fail('without an access_token', json);
  }
  if (refreshToken !== undefined && refreshToken !== null && typeof refreshToken !== 'string') {
    return fail('with a refresh_token that is not a string');
  }
  const params: TokenParams = { ...json, access_token: accessToken };
  if (refreshToken === null) delete params.refresh_token;
  if (expiresIn !== undefined && expiresIn !== null) {
    const seconds = expiresInSeconds(expiresIn);
    if (seconds === undefined) return fail('with an expires_in that is not a number of seconds');
    params.expires_in = seconds;
  }
  return { params };
}
