import { setCookieValue } from './cookie-header';
import { readStateCookieName } from './state-cookie-name';

/** Budget for all state cookies of all strategies in a request's `Cookie` header, well under common 8 KB limits. */
export const STATE_COOKIES_BUDGET = 3500;
/** Most clearing `Set-Cookie`s one answer carries, however many state cookies came in. */
export const MAX_CLEARS_PER_RESPONSE = 12;
/** A state cookie whose name says it started more than this ahead of our clock (other instances may run ahead), or over a day ago, is junk. */
const CLOCK_SKEW_MS = 5 * 60_000;
const MAX_STATE_AGE_MS = 24 * 3600_000;

/** What a start knows about the state cookies the browser sent. */
export interface BudgetInput {
  /** The state cookies sent (name → value), any strategy's, in the order sent. */
  cookies: ReadonlyMap<string, string>;
  /** The `<strategy>.<instance>.` part of this store's cookie names. */
  owner: string;
  /** Whether one of this store's cookies opens and has not expired. */
  isLive(name: string, value: string): boolean;
  /** Bytes the new login's cookie adds to the `Cookie` header. */
  incoming: number;
  /** Most logins of this store kept pending, the new one included. */
  maxPending: number;
  now: number;
}

/**
 * The state cookies to clear as a login starts, as `Set-Cookie` values (Path=/, the one path
 * state cookies use), at most {@link MAX_CLEARS_PER_RESPONSE}:
 *
 * 1. the oldest of this store's beyond `maxPending`, then the oldest of any strategy while all
 *    state cookies and the new one exceed {@link STATE_COOKIES_BUDGET} (start times from the names);
 * 2. then junk: this store's cookies that do not open or have expired, names this version does
 *    not write, start times in the future or over a day old.
 */
export function cookiesToClear(input: BudgetInput): string[] {
  const live: { name: string; bytes: number; startedAt: number; own: boolean }[] = [];
  const junk: string[] = [];
  for (const [name, value] of input.cookies) {
    const parsed = readStateCookieName(name);
    const plausible =
      parsed !== undefined &&
      parsed.startedAt <= input.now + CLOCK_SKEW_MS &&
      parsed.startedAt > input.now - MAX_STATE_AGE_MS;
    const own = parsed?.owner === input.owner;
    if (!plausible || (own && !input.isLive(name, value))) junk.push(name);
    else live.push({ name, bytes: name.length + value.length + 2, startedAt: parsed.startedAt, own });
  }
  live.sort((a, b) => a.startedAt - b.startedAt);
  const dropped: string[] = [];
  let ownCount = live.filter((entry) => entry.own).length;
  let bytes = live.reduce((sum, entry) => sum + entry.bytes, input.incoming);
  for (const entry of live) {
    const overCount = entry.own && ownCount >= input.maxPending;
    if (!overCount && bytes <= STATE_COOKIES_BUDGET) continue;
    dropped.push(entry.name);
    bytes -= entry.bytes;
    if (entry.own) ownCount -= 1;
  }
  return [...dropped, ...junk].slice(0, MAX_CLEARS_PER_RESPONSE).map(clearing);
}

/** A `Set-Cookie` clearing `name` at Path=/, `Secure` when its name's prefix needs it. */
export function clearing(name: string): string {
  const secure = name.startsWith('__Host-') || name.startsWith('__Secure-');
  return setCookieValue(name, '', { path: '/', maxAge: 0, secure });
}
