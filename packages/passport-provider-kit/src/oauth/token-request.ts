import { ProviderTokenError } from '../errors/provider-token-error';
import type { EndpointRequest, ProviderHttpClient } from '../http/provider-http-client';
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
}

/** The client's credentials. */
export interface ClientCredentials {
  clientID: string;
  clientSecret: string;
}

/**
 * Posts one grant to a token endpoint and validates the answer: a JSON object with a
 * non-empty string `access_token`; `expires_in` made a number of seconds, clamped to
 * 10 years (`MAX_EXPIRES_IN_SECONDS`) so that it always makes a valid date. Every failure is a
 * {@link ProviderTokenError}.
 *
 * @param grant - the grant's fields (`grant_type`, `code`, `refresh_token`...); undefined values are left out.
 */
export async function requestToken(
  client: ProviderHttpClient,
  endpoint: TokenEndpoint,
  credentials: ClientCredentials,
  grant: Record<string, string | undefined>,
): Promise<TokenParams> {
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
  let body: string;
  if (endpoint.bodyEncoding === 'json') {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(fields);
  } else {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(fields).toString();
  }

  const request: EndpointRequest = {
    label: 'token endpoint',
    method: 'POST',
    url: endpoint.url,
    headers,
    body,
    error: (message, details) => new ProviderTokenError(message, details),
    secrets: [grant.code, grant.refresh_token, grant.password, grant.code_verifier],
  };
  const answer = await client.requestJson(request);
  return validateTokenParams(answer.json, (what, unusable) =>
    client.unusableAnswer(request, what, answer.status, unusable),
  );
}

/**
 * Checks the fields of a 2xx token answer; `fail` builds the error for what is wrong.
 *
 * @param fail - gets what is wrong, worded to follow "answered 200" (e.g.
 *   `without an access_token`), and, when the answer has no token at all, the answer itself,
 *   whose error text (a provider answering 200 with `{"error": …}`) says why.
 */
export function validateTokenParams(
  json: Record<string, unknown>,
  fail: (what: string, body?: Record<string, unknown>) => Error,
): TokenParams {
  const { access_token: accessToken, refresh_token: refreshToken, expires_in: expiresIn } = json;
  if (typeof accessToken !== 'string' || accessToken.length === 0) {
    throw fail('without an access_token', json);
  }
  if (refreshToken !== undefined && refreshToken !== null && typeof refreshToken !== 'string') {
    throw fail('with a refresh_token that is not a string');
  }
  const params: TokenParams = { ...json, access_token: accessToken };
  if (refreshToken === null) delete params.refresh_token;
  if (expiresIn !== undefined && expiresIn !== null) {
    const seconds = expiresInSeconds(expiresIn);
    if (seconds === undefined) throw fail('with an expires_in that is not a number of seconds');
    params.expires_in = seconds;
  }
  return params;
}
