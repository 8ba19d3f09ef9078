import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import onHeaders from 'on-headers';

/** Byte budget of all strategies' state cookies in one `Cookie` header, well under common 8 KB limits. */
export const STATE_COOKIES_BUDGET = 3500;
/** Most clearing `Set-Cookie`s one answer carries, however many state cookies came in. */
export const MAX_CLEARS_PER_RESPONSE = 12;
const MAX_COOKIES_READ = 400;
const CLOCK_SKEW_MS = 5 * 60_000;
const MAX_STATE_AGE_MS = 24 * 3600_000;
/** Ours over http and https, and `__Secure-` ones of earlier versions (cleared as junk). */
const STATE_COOKIE = /^(?:__Host-|__Secure-)?oauth2-state\./;
const NAME =
  /^(__Host-)?oauth2-state\.([A-Za-z0-9_-]{1,64}\.[A-Za-z0-9_-]{8}\.)([0-9a-z]{1,11})\.([A-Za-z0-9_-]{1,64})$/;

/** Reads `[__Host-]oauth2-state.<strategy>.<instance>.<start, base 36 ms>.<state>`; `undefined` for other names. */
export function readStateCookieName(name: string) {
  const match = NAME.exec(name);
  return match ? { owner: match[2], startedAt: parseInt(match[3], 36), state: match[4], host: !!match[1] } : undefined;
}

/** A login's cookie name; `owner` is `<strategy>.<instanceTag>.`. */
export function stateCookieName(owner: string, startedAt: number, state: string, https: boolean): string {
  return `${https ? '__Host-' : ''}oauth2-state.${owner}${startedAt.toString(36)}.${state}`;
}

/** A strategy instance's 8-character tag, alike in every process: SHA-256 of its name, client id and callback URL. */
export function instanceTag(provider: string, clientID: string, callbackURL: string | undefined): string {
  const hash = createHash('sha256').update(`${provider}\0${clientID}\0${callbackURL ?? ''}`);
  return hash.digest('base64url').slice(0, 8);
}

/** The state cookies of a `Cookie` header in the order sent, the first of a name winning; at most 400 pairs read. */
export function stateCookiesIn(header: unknown): Map<string, string> {
  const found = new Map<string, string>();
  const text = Array.isArray(header) ? header.filter((part) => typeof part === 'string').join('; ') : header;
  if (typeof text !== 'string') return found;
  for (const pair of text.split(';', MAX_COOKIES_READ)) {
    const equals = pair.indexOf('=');
    const name = pair.slice(0, equals).trim();
    if (equals !== -1 && STATE_COOKIE.test(name) && !found.has(name)) found.set(name, pair.slice(equals + 1).trim());
  }
  return found;
}

/** A state cookie's `Set-Cookie` (`maxAge` 0 clears it): `Secure` for a `__Host-`/`__Secure-` name. */
export function setCookie(name: string, value: string, maxAge: number): string {
  const expires = maxAge === 0 ? '; Expires=Thu, 01 Jan 1970 00:00:00 GMT' : '';
  const secure = /^__(?:Host|Secure)-/.test(name) ? '; Secure' : '';
  return `${name}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${expires}${secure}`;
}

const queued = new WeakMap<ServerResponse, string[]>();

/** Adds `Set-Cookie`s to `res` as its headers go out, after those the framework passes to `writeHead`. */
export function appendSetCookie(res: ServerResponse, values: readonly string[]): void {
  const waiting = queued.get(res);
  if (waiting) return void waiting.push(...values);
  if (values.length === 0) return;
  queued.set(res, [...values]);
  onHeaders(res, function appendQueued(this: ServerResponse) {
    const previous = this.getHeader('Set-Cookie') ?? [];
    const kept = Array.isArray(previous) ? previous : [String(previous)];
    this.setHeader('Set-Cookie', [...kept, ...(queued.get(this) ?? [])]);
  });
}

/** The state cookies sent (any strategy's), this store's `owner` and `isLive` check, the new cookie's bytes. */
export interface BudgetInput {
  cookies: ReadonlyMap<string, string>;
  owner: string;
  isLive(name: string, value: string): boolean;
  incoming: number;
  maxPending: number;
  now: number;
}

/** The clearing `Set-Cookie`s for a start: over `maxPending` or the budget, oldest first, then junk (at most 12). */
export function cookiesToClear(input: BudgetInput): string[] {
  const live: { name: string; bytes: number; startedAt: number; own: boolean }[] = [];
  const junk: string[] = [];
  for (const [name, value] of input.cookies) {
    const parsed = readStateCookieName(name);
    const [startedAt, own] = [parsed?.startedAt ?? NaN, parsed?.owner === input.owner];
    const plausible = startedAt <= input.now + CLOCK_SKEW_MS && startedAt > input.now - MAX_STATE_AGE_MS;
    if (!plausible || (own && !input.isLive(name, value))) junk.push(name);
    else live.push({ name, bytes: name.length + value.length + 2, startedAt, own });
  }
  let bytes = live.reduce((sum, entry) => sum + entry.bytes, input.incoming);
  let ownCount = live.filter((entry) => entry.own).length;
  const dropped = live
    .sort((a, b) => a.startedAt - b.startedAt)
    .filter((entry) => {
      if (bytes <= STATE_COOKIES_BUDGET && !(entry.own && ownCount >= input.maxPending)) return false;
      bytes -= entry.bytes;
      if (entry.own) ownCount -= 1;
      return true;
    });
  const names = [...dropped.map((entry) => entry.name), ...junk];
  return names.slice(0, MAX_CLEARS_PER_RESPONSE).map((name) => setCookie(name, '', 0));
}
