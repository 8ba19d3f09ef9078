import type { EndpointRequest } from '../http/classify';
import { mergeHeaders } from '../http/send';

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
  /** The error a 2xx token response carries instead of a token (default: its RFC 6749 `error` or `code`): a `provider_error`. */
  errorInResponse?: (body: Record<string, unknown>) => TokenResponseError | undefined;
}

/** The error a 2xx token response carries: `code` becomes `providerCode`; without `description`, `errorFields` give the text. */
export interface TokenResponseError {
  code: string;
  description?: string;
}

/** The client's credentials. */
export interface ClientCredentials {
  clientID: string;
  clientSecret: string;
}

/** The build step of a grant: its fields and `grantFields` (undefined ones left out), the credentials in the body or as Basic. */
export function tokenRequest(
  endpoint: TokenEndpoint,
  credentials: ClientCredentials,
  grant: Record<string, string | undefined>,
  customHeaders?: Readonly<Record<string, unknown>>,
): EndpointRequest {
  const given = { ...endpoint.grantFields?.[grant.grant_type ?? 'authorization_code'], ...grant };
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) if (value !== undefined) fields[name] = value;
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

/** The longest token lifetime passed on: 10 years in seconds, so that `Date.now() + expires_in * 1000` is always a date. */
export const MAX_EXPIRES_IN_SECONDS = 10 * 365 * 24 * 60 * 60;

/** `expires_in` as seconds: a non-negative number or digits (`"3599.5"`), clamped to {@link MAX_EXPIRES_IN_SECONDS}; else `undefined`. */
export function expiresInSeconds(value: unknown): number | undefined {
  const seconds = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (typeof seconds !== 'number' || Number.isNaN(seconds) || seconds < 0) return undefined;
  return Math.min(seconds, MAX_EXPIRES_IN_SECONDS);
}
