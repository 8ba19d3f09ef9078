import { errorCodeFromBody } from '../errors/error-body';
import type { EndpointRequest, JsonResponse, ResponseRefusal } from '../http/classify';
import { mergeHeaders } from '../http/send';
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
 * The build step of a grant: its fields (with the definition's `grantFields` for its type,
 * undefined values left out) and the client's credentials in the body or as HTTP Basic,
 * form- or JSON-encoded, after the app's `customHeaders` and the endpoint's own headers.
 */
export function tokenRequest(
  endpoint: TokenEndpoint,
  credentials: ClientCredentials,
  grant: Record<string, string | undefined>,
  customHeaders?: Readonly<Record<string, unknown>>,
): EndpointRequest {
  const fields: Record<string, string> = {};
  const given = { ...endpoint.grantFields?.[grant.grant_type ?? 'authorization_code'], ...grant };
  for (const [name, value] of Object.entries(given)) if (value !== undefined) fields[name] = value;
  let authorization: string | undefined;
  if (endpoint.clientAuth === 'basic') {
    // RFC 6749 §2.3.1: id and secret are form-encoded before Base64.
    const pair = `${encodeURIComponent(credentials.clientID)}:${encodeURIComponent(credentials.clientSecret)}`;
    authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
  } else {
    fields.client_id = credentials.clientID;
    fields.client_secret = credentials.clientSecret;
  }
  const json = endpoint.bodyEncoding === 'json';
  const contentType = json ? 'application/json' : 'application/x-www-form-urlencoded';
  return {
    label: 'token endpoint',
    method: 'POST',
    url: endpoint.url,
    headers: mergeHeaders({ accept: 'application/json' }, customHeaders, endpoint.headers, {
      authorization,
      'content-type': contentType,
    }),
    body: json ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
    endpoint: 'token',
    secrets: [given.code, given.refresh_token, given.password, given.code_verifier],
  };
}

/**
 * Checks a token endpoint's 2xx JSON: a non-empty string `access_token`, a string `refresh_token`
 * (a `null` one dropped), `expires_in` in seconds clamped to {@link MAX_EXPIRES_IN_SECONDS}.
 * @returns the token response, or why it cannot be used (an error it carries instead of a token).
 */
export function tokenParamsOf(
  endpoint: Pick<TokenEndpoint, 'errorInResponse'>,
  { json }: JsonResponse,
): { params: TokenParams } | { refused: ResponseRefusal } {
  const carried = (endpoint.errorInResponse ?? oauthErrorInResponse)(json);
  if (carried !== undefined) {
    const { code: providerCode, description: text } = carried;
    return { refused: { what: 'without an access_token', body: json, text, reason: 'provider_error', providerCode } };
  }
  const { access_token: accessToken, refresh_token: refreshToken, expires_in: expiresIn } = json;
  if (typeof accessToken !== 'string' || accessToken === '')
    return { refused: { what: 'without an access_token', body: json } };
  if (refreshToken !== undefined && refreshToken !== null && typeof refreshToken !== 'string') {
    return { refused: { what: 'with a refresh_token that is not a string' } };
  }
  const params: TokenParams = { ...json, access_token: accessToken };
  if (refreshToken === null) delete params.refresh_token;
  if (expiresIn !== undefined && expiresIn !== null) {
    const seconds = expiresInSeconds(expiresIn);
    if (seconds === undefined) return { refused: { what: 'with an expires_in that is not a number of seconds' } };
    params.expires_in = seconds;
  }
  return { params };
}

/**
 * The longest access token lifetime passed on: 10 years, in seconds. A larger `expires_in`
 * (`1e20`, a JSON `1e400` read as `Infinity`) is clamped to it, so that
 * `Date.now() + expires_in * 1000` is always a date `Date` can hold.
 */
export const MAX_EXPIRES_IN_SECONDS = 10 * 365 * 24 * 60 * 60;

/**
 * An `expires_in` as seconds: a non-negative number or digits (`"3600"`, `"3599.5"`), clamped to
 * {@link MAX_EXPIRES_IN_SECONDS}; `undefined` for anything else (`-5`, `"soon"`, `"1e3"`).
 */
export function expiresInSeconds(value: unknown): number | undefined {
  const seconds = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (typeof seconds !== 'number' || Number.isNaN(seconds) || seconds < 0) return undefined;
  return Math.min(seconds, MAX_EXPIRES_IN_SECONDS);
}
