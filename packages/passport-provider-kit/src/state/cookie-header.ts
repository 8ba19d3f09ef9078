import type { ServerResponse } from 'node:http';
import onHeaders from 'on-headers';

/** Attributes of a cookie this package sets. */
export interface CookieAttributes {
  path: string;
  /** Seconds; 0 clears the cookie. */
  maxAge: number;
  secure: boolean;
}

/** Most cookies read from one `Cookie` header, so a header stuffed with tiny cookies costs bounded work. */
const MAX_COOKIES_READ = 400;

/**
 * The cookies of a `Cookie` request header whose names start with one of `prefixes`, in the
 * order sent. A malformed pair is skipped; of two cookies of one name the first wins, as
 * browsers send the most specific first. Only the first {@link MAX_COOKIES_READ} pairs are read.
 */
export function cookiesStartingWith(header: unknown, ...prefixes: string[]): Map<string, string> {
  const found = new Map<string, string>();
  const text = Array.isArray(header) ? header.filter((part) => typeof part === 'string').join('; ') : header;
  if (typeof text !== 'string') return found;
  let read = 0;
  for (const pair of text.split(';')) {
    if (++read > MAX_COOKIES_READ) break;
    const equals = pair.indexOf('=');
    if (equals === -1) continue;
    const name = pair.slice(0, equals).trim();
    if (!prefixes.some((prefix) => name.startsWith(prefix)) || found.has(name)) continue;
    found.set(name, pair.slice(equals + 1).trim());
  }
  return found;
}

/** A `Set-Cookie` value: always `HttpOnly` and `SameSite=Lax` (it must come back on the provider's top-level redirect). */
export function setCookieValue(name: string, value: string, attributes: CookieAttributes): string {
  const parts = [
    `${name}=${value}`,
    `Path=${attributes.path}`,
    `Max-Age=${attributes.maxAge}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (attributes.maxAge === 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  if (attributes.secure) parts.push('Secure');
  return parts.join('; ');
}

/** `Set-Cookie` values waiting for their response's headers. */
const queued = new WeakMap<ServerResponse, string[]>();

/**
 * Adds `Set-Cookie` values to a response when its headers are written (on-headers), after
 * whatever the app and its framework set until then: Fastify passes its headers to
 * `writeHead` at once, which would replace a `Set-Cookie` set on the response earlier.
 */
export function appendSetCookie(res: ServerResponse, values: readonly string[]): void {
  if (values.length === 0) return;
  const waiting = queued.get(res);
  if (waiting) {
    waiting.push(...values);
    return;
  }
  queued.set(res, [...values]);
  onHeaders(res, function appendQueuedCookies(this: ServerResponse) {
    const ours = queued.get(this) ?? [];
    queued.delete(this);
    const previous = this.getHeader('Set-Cookie');
    const kept = previous === undefined ? [] : Array.isArray(previous) ? previous : [String(previous)];
    this.setHeader('Set-Cookie', [...kept, ...ours]);
  });
}
