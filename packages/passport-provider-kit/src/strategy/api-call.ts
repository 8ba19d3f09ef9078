import { ProviderApiError } from '../errors/provider-api-error';
import type { JsonOf, JsonResponse, JsonShape } from '../http/classify';
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

/** Where an API call goes: the provider's name and API base, and the strategy's request path. */
export interface ApiCallTarget {
  /** Human name of the provider, for messages. */
  provider: string;
  /** The provider's API base, e.g. `https://api.petje.af/v1`; the token is sent nowhere else. */
  apiBaseURL: string | undefined;
  /** The strategy's request path. */
  client: Pick<ProviderClient, 'api'>;
}

/**
 * GETs `pathOrURL` (a path under the API base, or an absolute URL under it) with the access
 * token in a header; rejects with a `ProviderApiError`, or a `TypeError` for a bad argument
 * before any request. With `retryRateLimitedWithin`, a 429 whose `retry-after` is within it is
 * sent once more after that wait.
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
  const within = options.retryRateLimitedWithin;
  if (within !== undefined && !(within >= 0 && within <= MAX_RATE_LIMIT_WAIT_SECONDS)) {
    const range = `from 0 to ${MAX_RATE_LIMIT_WAIT_SECONDS}`;
    throw new TypeError(`${target.provider} API call: retryRateLimitedWithin must be a number of seconds ${range}`);
  }
  const label = options.label ?? `API GET ${url.pathname}`;
  const send = () => target.client.api(label, 'GET', url.href, accessToken, { json: options.json });
  try {
    return await send();
  } catch (error) {
    const wait = error instanceof ProviderApiError && error.reason === 'rate_limited' ? error.retryAfter : undefined;
    if (within === undefined || wait === undefined || wait > within) throw error;
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
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
  if (typeof pathOrURL !== 'string' || pathOrURL.trim() === '') throw new TypeError(`${who} requires a path or URL`);
  const base = new URL(target.apiBaseURL);
  const basePath = base.pathname.replace(/\/+$/, '');
  const url =
    /^[a-z][a-z0-9+.-]*:/i.test(pathOrURL) || pathOrURL.startsWith('//')
      ? new URL(pathOrURL, base)
      : new URL(`${base.origin}${basePath}/${pathOrURL.replace(/^\/+/, '')}`);
  const inside = url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
  if (url.origin !== base.origin || !inside || url.username || url.password) {
    // Only the origin and path are named: a query could carry anything.
    const where = `${url.origin}${url.pathname} is not under apiBaseURL ${base.origin}${basePath}`;
    throw new TypeError(`${who}: ${where}; the access token is only sent there`);
  }
  url.hash = '';
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
  return url;
}

/** One page of a list: its items and the cursor of the next page (undefined on the last). */
export interface ApiPage<TItem> {
  items: readonly TItem[];
  next: string | undefined;
}

/** Bounds and names of {@link collectPages}. */
export interface CollectPagesOptions {
  /** Human name of the provider, for messages. */
  provider: string;
  /** How the list is named in messages, e.g. `memberships endpoint`. */
  label: string;
  /** Most pages read; a list that goes on is an error rather than a silently cut list. */
  maxPages: number;
}

/**
 * Reads every page of a cursor-paged list, in order: `readPage(undefined)`, then `readPage(next)`
 * while a page names a next cursor. More than `maxPages` pages, or a cursor that comes back,
 * rejects with a `ProviderApiError` (`unexpected_shape`) instead of looping or cutting the list.
 */
export async function collectPages<TItem>(
  readPage: (cursor: string | undefined) => Promise<ApiPage<TItem>>,
  { provider, label, maxPages }: CollectPagesOptions,
): Promise<TItem[]> {
  if (!(Number.isInteger(maxPages) && maxPages > 0)) {
    throw new TypeError(`${provider} ${label}: maxPages must be a positive integer`);
  }
  const items: TItem[] = [];
  const seen = new Set<string>();
  for (let page = 1, cursor: string | undefined; ; page++) {
    const current = await readPage(cursor);
    items.push(...current.items);
    if (current.next === undefined) return items;
    const what = seen.has(current.next)
      ? 'named the same next page twice'
      : page >= maxPages
        ? `has more than ${maxPages} pages (maxPages)`
        : '';
    if (what) throw new ProviderApiError(`${provider} ${label} ${what}`, { provider, reason: 'unexpected_shape' });
    seen.add((cursor = current.next));
  }
}
