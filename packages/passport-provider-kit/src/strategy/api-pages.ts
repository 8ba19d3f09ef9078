import { ProviderApiError } from '../errors/provider-api-error';

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
 * Reads every page of a cursor-paged list, in order: `readPage(undefined)` first, then
 * `readPage(next)` while a page names a next cursor. Bounded: more than `maxPages` pages,
 * or a cursor that comes back again, rejects with a `ProviderApiError` (`unexpected_shape`)
 * instead of looping or returning part of the list as if it were all of it.
 */
export async function collectPages<TItem>(
  readPage: (cursor: string | undefined) => Promise<ApiPage<TItem>>,
  options: CollectPagesOptions,
): Promise<TItem[]> {
  if (!(Number.isInteger(options.maxPages) && options.maxPages > 0)) {
    throw new TypeError(`${options.provider} ${options.label}: maxPages must be a positive integer`);
  }
  const items: TItem[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 1; ; page++) {
    const current = await readPage(cursor);
    items.push(...current.items);
    if (current.next === undefined) return items;
    if (seen.has(current.next)) throw pagingError(options, 'named the same next page twice');
    if (page >= options.maxPages) throw pagingError(options, `has more than ${options.maxPages} pages (maxPages)`);
    seen.add(current.next);
    cursor = current.next;
  }
}

function pagingError(options: CollectPagesOptions, what: string): ProviderApiError {
  return new ProviderApiError(`${options.provider} ${options.label} ${what}`, {
    provider: options.provider,
    reason: 'unexpected_shape',
  });
}
