import type { ServerResponse } from 'node:http';

/** Attributes of a cookie this package sets. */
export interface CookieAttributes {
  path: string;
  /** Seconds; 0 clears the cookie. */
  maxAge: number;
  secure: boolean;
}

/**
 * The cookies of a `Cookie` request header whose names start with `prefix`, by name. Only
 * this package's own cookies are read (names and base64url values it wrote), so a small
 * parser does: the first of two cookies of one name wins, as browsers send the most specific first.
 */
export function cookiesStartingWith(header: unknown, prefix: string): Map<string, string> {
  const found = new Map<string, string>();
  const text = Array.isArray(header) ? header.join('; ') : header;
  if (typeof text !== 'string') return found;
  for (const pair of text.split(';')) {
    const equals = pair.indexOf('=');
    if (equals === -1) continue;
    const name = pair.slice(0, equals).trim();
    if (!name.startsWith(prefix) || found.has(name)) continue;
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

/** Adds `Set-Cookie` values to a response, keeping those already set (by the app or a session middleware). */
export function appendSetCookie(res: ServerResponse, values: readonly string[]): void {
  if (values.length === 0) return;
  const previous = res.getHeader('Set-Cookie');
  const kept = previous === undefined ? [] : Array.isArray(previous) ? previous : [String(previous)];
  res.setHeader('Set-Cookie', [...kept, ...values]);
}
