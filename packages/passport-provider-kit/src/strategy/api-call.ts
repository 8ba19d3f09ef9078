import { ProviderApiError } from '../errors/provider-api-error';
import type { JsonOf, JsonResponse, JsonShape } from '../http/provider-http-client';
import type { ProviderClient } from '../oauth/provider-client';

/** Values a query parameter may take; `undefined` leaves the parameter out. */
export type ApiQueryValue = string | number | boolean | undefined;

/**
 * Options of one call to a provider's API (`strategy.apiGet`).
 *
 * @typeParam S - the JSON accepted (see `json`).
 */
export interface ApiGetOptions<S extends JsonShape = 'object'> {
  /**
   * The JSON the endpoint answers with: `object` (the default), `array` (e.g. GitHub's
   * `/user/emails`) or `any` JSON value; `json` in the result is typed to match. Another
   * value is a `ProviderApiError` with reason `unexpected_shape`.
   */
  json?: S;
  /** Query parameters, added to (or replacing) those of `pathOrURL`. */
  query?: Readonly<Record<string, ApiQueryValue>>;
  /**
   * Opt-in single retry after a 429: when the provider's `retry-after` is at most this many
   * seconds, wait that long and send the request once more. Default: no retry (the
   * `ProviderApiError` carries `retryAfter`). At most {@link MAX_RATE_LIMIT_WAIT_SECONDS}.
   */
  retryRateLimitedWithin?: number;
  /** How the endpoint is named in error messages. Default `API GET <path>`. */
  label?: string;
}

/** The longest wait `retryRateLimitedWithin` may allow: a call must not hang for minutes. */
export const MAX_RATE_LIMIT_WAIT_SECONDS = 60;

/** What {@link getFromApi} needs from a strategy. */
export interface ApiCallTarget {
  /** Human name of the provider, for messages. */
  provider: string;
  /** The provider's API base, e.g. `https://api.petje.af/v1`; the token is sent nowhere else. */
  apiBaseURL: string | undefined;
  /** The strategy's request path (headers, deadline, size cap, typed errors). */
  client: Pick<ProviderClient, 'callApi'>;
}

/**
 * GETs `pathOrURL` from a provider's API with the access token in a header, and resolves
 * with its JSON object; rejects with a `ProviderApiError` (provider text, status, `reason`,
 * `retryAfter` on a 429) or with a `TypeError` for a bad argument, before any request.
 *
 * `pathOrURL` is a path under the API base (`/memberships`, `memberships/123`), or an
 * absolute URL that lies under the API base: a URL elsewhere (e.g. a `_links` href naming
 * another host) is refused, so that the token only ever goes to `apiBaseURL`.
 */
export async function getFromApi<S extends JsonShape = 'object'>(
  target: ApiCallTarget,
  accessToken: string,
  pathOrURL: string,
  options: ApiGetOptions<S> = {},
): Promise<JsonResponse<JsonOf<S>>> {
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new TypeError(`${target.provider} API call requires an access token`);
  }
  const url = resolveApiURL(target, pathOrURL, options.query);
  const retryWithin = checkRetryWithin(target.provider, options.retryRateLimitedWithin);
  const name = options.label ?? `API GET ${url.pathname}`;
  const send = () => target.client.callApi(name, 'GET', url.href, accessToken, { json: options.json });
  try {
    return await send();
  } catch (error) {
    const wait = retryableWait(error, retryWithin);
    if (wait === undefined) throw error;
    await sleep(wait * 1000);
    return send();
  }
}

/**
 * The absolute URL of `pathOrURL` under `apiBaseURL`, with `query` applied.
 * @throws TypeError when there is no API base, or the result would leave it.
 */
export function resolveApiURL(
  target: Pick<ApiCallTarget, 'provider' | 'apiBaseURL'>,
  pathOrURL: string,
  query: Readonly<Record<string, ApiQueryValue>> = {},
): URL {
  const who = `${target.provider} API call`;
  if (typeof target.apiBaseURL !== 'string' || !URL.canParse(target.apiBaseURL)) {
    throw new TypeError(`${who}: apiBaseURL is not an absolute URL`);
  }
  if (typeof pathOrURL !== 'string' || pathOrURL.trim() === '') {
    throw new TypeError(`${who} requires a path or URL`);
  }
  const base = new URL(target.apiBaseURL);
  const basePath = base.pathname.replace(/\/+$/, '');
  const url =
    /^[a-z][a-z0-9+.-]*:/i.test(pathOrURL) || pathOrURL.startsWith('//')
      ? new URL(pathOrURL, base)
      : new URL(`${base.origin}${basePath}/${pathOrURL.replace(/^\/+/, '')}`);
  const inside = url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
  if (url.origin !== base.origin || !inside || url.username || url.password) {
    // Only the origin and path are named: a query could carry anything.
    throw new TypeError(
      `${who}: ${url.origin}${url.pathname} is not under apiBaseURL ${base.origin}${basePath}; the access token is only sent there`,
    );
  }
  url.hash = '';
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url;
}

function checkRetryWithin(provider: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!(Number.isFinite(value) && value >= 0 && value <= MAX_RATE_LIMIT_WAIT_SECONDS)) {
    throw new TypeError(
      `${provider} API call: retryRateLimitedWithin must be a number of seconds from 0 to ${MAX_RATE_LIMIT_WAIT_SECONDS}`,
    );
  }
  return value;
}

/** Seconds to wait before the one retry, or undefined when the error is not a short 429. */
function retryableWait(error: unknown, within: number | undefined): number | undefined {
  if (within === undefined || !(error instanceof ProviderApiError)) return undefined;
  if (error.reason !== 'rate_limited' || error.retryAfter === undefined) return undefined;
  return error.retryAfter <= within ? error.retryAfter : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
