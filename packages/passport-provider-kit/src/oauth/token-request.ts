import { errorCodeFromBody } from '../errors/error-body';
import type { EndpointRequest, Refusal } from '../http/classify';
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
  /** Fields a grant carries besides its own, by `grant_type`, e.g. Mollie's `{ refresh_token: { redirect_uri } }`; the grant's own win. */
  grantFields?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * Finds the error a 2xx token response carries instead of a token (default {@link oauthErrorInResponse});
   * the login then fails with a `ProviderTokenError`, reason `provider_error`, `providerCode` the code.
   */
  errorInResponse?: (body: Record<string, unknown>) => TokenResponseError | undefined;
}

/** The error a 2xx token response carries: `code` becomes `providerCode`; without `description`, `errorFields` give the text. */
export interface TokenResponseError {
  code: string;
  description?: string;
}

/** The default {@link TokenEndpoint.errorInResponse}: without a non-empty `access_token`, an RFC 6749 style `error` (or `code`). */
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
 * The build step of a grant: its fields with the definition's `grantFields` for its type (undefined
 * values left out), the credentials in the body or as HTTP Basic, form- or JSON-encoded.
 */
export function tokenRequest(
  endpoint: TokenEndpoint,
  credentials: ClientCredentials,
  grant: Record<string, string | undefined>,
  customHeaders?: Readonly<Record<string, unknown>>,
): EndpointRequest {
  const given = { ...endpoint.grantFields?.[grant.grant_type ?? 'authorization_code'], ...grant };
  const fields = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) as Record<
    string,
    string
  >;
  const { clientID, clientSecret } = credentials;
  const basic = endpoint.clientAuth === 'basic';
  // RFC 6749 §2.3.1: id and secret are form-encoded before Base64.
  const pair = basic ? `${encodeURIComponent(clientID)}:${encodeURIComponent(clientSecret)}` : undefined;
  if (!basic) Object.assign(fields, { client_id: clientID, client_secret: clientSecret });
  const json = endpoint.bodyEncoding === 'json';
  const own = {
    authorization: pair && `Basic ${Buffer.from(pair).toString('base64')}`,
    'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded',
  };
  return {
    label: 'token endpoint',
    method: 'POST',
    url: endpoint.url,
    headers: mergeHeaders({ accept: 'application/json' }, customHeaders, endpoint.headers, own),
    body: json ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
    endpoint: 'token',
    secrets: [given.code, given.refresh_token, given.password, given.code_verifier],
  };
}

/**
 * Checks a 2xx token response: a non-empty string `access_token`, a string `refresh_token` (a `null`
 * one dropped), `expires_in` as seconds (see {@link expiresInSeconds}); `refuse` makes the error otherwise.
 */
export function tokenParamsOf(
  endpoint: TokenEndpoint,
  json: Record<string, unknown>,
  refuse: (refusal: Refusal) => Error,
): TokenParams {
  const carried = (endpoint.errorInResponse ?? oauthErrorInResponse)(json);
  const what = 'without an access_token';
  if (carried)
    throw refuse({ what, body: json, text: carried.description, reason: 'provider_error', providerCode: carried.code });
  const { access_token: accessToken, refresh_token: refreshToken, expires_in: expiresIn } = json;
  if (typeof accessToken !== 'string' || accessToken === '') throw refuse({ what, body: json });
  if (refreshToken != null && typeof refreshToken !== 'string')
    throw refuse({ what: 'with a refresh_token that is not a string' });
  const params: TokenParams = { ...json, access_token: accessToken };
  if (refreshToken === null) delete params.refresh_token;
  if (expiresIn == null) return params;
  const seconds = expiresInSeconds(expiresIn);
  if (seconds === undefined) throw refuse({ what: 'with an expires_in that is not a number of seconds' });
  return Object.assign(params, { expires_in: seconds });
}

/** The longest token lifetime passed on: 10 years in seconds, so that `Date.now() + expires_in * 1000` is always a date. */
export const MAX_EXPIRES_IN_SECONDS = 10 * 365 * 24 * 60 * 60;

/** `expires_in` as seconds: a non-negative number or digits (`"3599.5"`), clamped to {@link MAX_EXPIRES_IN_SECONDS}; else `undefined`. */
export function expiresInSeconds(value: unknown): number | undefined {
  const seconds = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (typeof seconds !== 'number' || Number.isNaN(seconds) || seconds < 0) return undefined;
  return Math.min(seconds, MAX_EXPIRES_IN_SECONDS);
}
