import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type {} from 'express-session';

/** The session cookie's name over http; over https it is `__Host-demo.sid` (see {@link sessionCookieName}). */
export const SESSION_COOKIE = 'demo.sid';

/**
 * The session cookie's name: with a `__Host-` prefix over https, so the browser keeps it only
 * when it is `Secure`, `Path=/` and without `Domain`: no sibling subdomain and no plain-http
 * page can set or shadow it (session fixation through a tossed cookie).
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

const PROBE_ORIGIN = 'http://local.invalid';

/**
 * `value` as a path on this site, or undefined when it could send the browser elsewhere:
 * only strings starting with a single `/`, without backslashes or control characters, that
 * resolve to this origin (so `//evil`, `/\evil`, `https://evil` and `javascript:` are refused).
 *
 * The check applies to the normalized result too: `/.//evil`, `/..//evil`, `/%2e//evil` and
 * `/a/..//evil` all normalize to `//evil`, which a browser reads as another host. Whatever is
 * returned is a single-slash path that normalizes to itself, of at most
 * {@link MAX_LOCAL_PATH_BYTES} bytes as returned (percent-encoded), not merely as given.
 */
export function safeLocalPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_LOCAL_PATH_BYTES || !isSingleSlashPath(value)) return undefined;
  const result = normalizeLocal(value);
  if (result === undefined || !isSingleSlashPath(result) || normalizeLocal(result) !== result) return undefined;
  // The limit applies to what is kept and sent: the normalized, percent-encoded path (`€` is 9 bytes there).
  if (Buffer.byteLength(result, 'utf8') > MAX_LOCAL_PATH_BYTES) return undefined;
  return result;
}

/**
 * Longest local path kept, in bytes once percent-encoded: it travels in the pending login's
 * state cookie, which must stay under the 4,000 bytes a browser keeps per cookie.
 */
export const MAX_LOCAL_PATH_BYTES = 2048;

/** Starts with exactly one `/`, and holds no backslash, control character or line break. */
function isSingleSlashPath(value: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  return value.startsWith('/') && !value.startsWith('//') && !/[\\\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value);
}

/** The path, query and fragment `value` resolves to on this origin, or undefined when it leaves it. */
function normalizeLocal(value: string): string | undefined {
  const url = URL.canParse(value, PROBE_ORIGIN) ? new URL(value, PROBE_ORIGIN) : undefined;
  if (!url || url.origin !== PROBE_ORIGIN) return undefined;
  return url.pathname + url.search + url.hash;
}

declare module 'express-session' {
  interface SessionData {
    csrfToken?: string;
    returnTo?: string;
    notice?: string;
  }
}

/** The session's CSRF token for POST forms, created on first use. */
export function csrfToken(req: Request): string {
  req.session.csrfToken ??= randomBytes(24).toString('base64url');
  return req.session.csrfToken;
}

/**
 * Refuses a POST whose `_csrf` field is not the session's token (403). Forms carry it as a
 * hidden field; with `sameSite=lax` cookies this also stops cross-site form posts.
 * Any malformed value (missing, an array, another length, multibyte characters) is a 403.
 */
export function requireCsrfToken(req: Request, res: Response, next: NextFunction): void {
  const expected = req.session?.csrfToken;
  const given: unknown = (req.body as Record<string, unknown> | undefined)?._csrf;
  if (typeof expected === 'string' && expected && typeof given === 'string' && sameSecret(given, expected))
    return next();
  res.status(403).type('text').send('Invalid or missing CSRF token: reload the page and try again.');
}

/**
 * Constant-time comparison of two strings of any length and encoding. `timingSafeEqual`
 * throws on buffers of different byte length (32 `é` are 32 characters but 64 bytes), so both
 * sides are hashed to 32 bytes first.
 */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected)) && given === expected;
}

/**
 * Marks every answer as not to be stored by the browser or any cache in between: the demo's
 * pages show a user's data, tokens' expiry or a CSRF token (the home page too, once logged in),
 * and a shared or back-button cache must not keep them.
 */
export function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.set('Cache-Control', 'no-store');
  next();
}
