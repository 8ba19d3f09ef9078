import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type {} from 'express-session';

/** The session cookie's name. */
export const SESSION_COOKIE = 'demo.sid';

const PROBE_ORIGIN = 'http://local.invalid';

/**
 * `value` as a path on this site, or undefined when it could send the browser elsewhere:
 * only strings starting with a single `/`, without backslashes or control characters, that
 * resolve to this origin (so `//evil`, `/\evil`, `https://evil` and `javascript:` are refused).
 */
export function safeLocalPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (!value.startsWith('/') || value.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(value)) return undefined;
  const url = new URL(value, PROBE_ORIGIN);
  if (url.origin !== PROBE_ORIGIN) return undefined;
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
 */
export function requireCsrfToken(req: Request, res: Response, next: NextFunction): void {
  const expected = req.session?.csrfToken;
  const given = typeof req.body?._csrf === 'string' ? req.body._csrf : '';
  if (expected && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected)))
    return next();
  res.status(403).type('text').send('Invalid or missing CSRF token: reload the page and try again.');
}
