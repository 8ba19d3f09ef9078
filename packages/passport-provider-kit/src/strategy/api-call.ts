import { ProviderApiError } from '../errors/provider-api-error';
import type { JsonShape } from '../http/classify';

/** Values a query parameter may take; `undefined` leaves the parameter out. */
export type ApiQueryValue = string | number | boolean | undefined;

/** Options of one call to a provider's API (`strategy.apiGet`); `S` the JSON accepted (see `json`). */
export interface ApiGetOptions<S extends JsonShape = 'object'> {
  /** The JSON answered: `object` (default), `array` or `any`, `json` typed to match; another is `unexpected_shape`. */
  json?: S;
  /** Query parameters, added to (or replacing) those of `pathOrURL`. */
  query?: Readonly<Record<string, ApiQueryValue>>;
  /** Opt-in: after a 429 whose `retry-after` is at most this many seconds (at most 60), wait and send once more. */
  retryRateLimitedWithin?: number;
  /** How the endpoint is named in error messages. Default `API GET <path>`. */
  label?: string;
}

/** The longest wait `retryRateLimitedWithin` may allow: a call must not hang for minutes. */
export const MAX_RATE_LIMIT_WAIT_SECONDS = 60;

/** The absolute URL of `pathOrURL` under `apiBaseURL`, with `query` applied; a `TypeError` without a base or outside it. */
export function resolveApiURL(
  { provider, apiBaseURL }: { provider: string; apiBaseURL: string | undefined },
  pathOrURL: string,
  query: Readonly<Record<string, ApiQueryValue>> = {},
): URL {
  const who = `${provider} API call`;
  // The strategy checked that a given apiBaseURL is absolute.
  if (typeof apiBaseURL !== 'string') throw new TypeError(`${who}: apiBaseURL is not an absolute URL`);
  if (typeof pathOrURL !== 'string' || pathOrURL.trim() === '') throw new TypeError(`${who} requires a path or URL`);
  const base = new URL(apiBaseURL);
  const basePath = base.pathname.replace(/\/+$/, '');
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(pathOrURL) || pathOrURL.startsWith('//');
  const url = absolute
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

/** The provider's name and the list's (`memberships endpoint`) for messages, and the most pages read. */
export interface CollectPagesOptions {
  provider: string;
  label: string;
  maxPages: number;
}

/**
 * Reads every page of a cursor-paged list in order, `readPage(next)` while a page names one; more than
 * `maxPages` pages or a cursor seen twice is a `ProviderApiError` (`unexpected_shape`), not a loop or a cut list.
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
    const { items: more, next } = await readPage(cursor);
    items.push(...more);
    if (next === undefined) return items;
    const twice = seen.has(next);
    if (twice || page >= maxPages) {
      const what = twice ? 'named the same next page twice' : `has more than ${maxPages} pages (maxPages)`;
      throw new ProviderApiError(`${provider} ${label} ${what}`, { provider, reason: 'unexpected_shape' });
    }
    seen.add((cursor = next));
  }
}
