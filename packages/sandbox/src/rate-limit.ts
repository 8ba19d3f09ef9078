import type { Request, RequestHandler } from 'express';
import { BoundedMap } from './bounded-map';

/** How many requests a token may make per window. */
export interface RateLimitSettings {
  /** Requests allowed per window. MijnKlantportaal: 60. */
  limit: number;
  /** The window, in ms. MijnKlantportaal: one minute. */
  windowMs: number;
}

/** MijnKlantportaal's documented limit: 60 requests per minute per API key or access token. */
export const MIJNKLANTPORTAAL_RATE_LIMIT: RateLimitSettings = { limit: 60, windowMs: 60_000 };

/** The documented limit with `overrides` applied; a TypeError names a bad value. */
export function sandboxRateLimit(overrides: { limit?: number; windowMs?: number } = {}): RateLimitSettings {
  const settings = { ...MIJNKLANTPORTAAL_RATE_LIMIT, ...overrides };
  for (const name of ['limit', 'windowMs'] as const) {
    if (!(Number.isInteger(settings[name]) && settings[name] > 0)) {
      throw new TypeError(`startSandbox: rateLimit.${name} must be a positive integer`);
    }
  }
  return settings;
}

/** Most tokens counted at once (oldest forgotten first). */
const MAX_TOKENS = 20_000;

/**
 * A fixed-window rate limit per bearer token (from `Authorization` or `Authentication`; one
 * shared count for requests without one), as MijnKlantportaal documents it: every answer
 * carries `X-RateLimit-Limit` and `X-RateLimit-Remaining`; beyond the limit the answer is
 * `429 {"code":429,"message":"Too many requests."}` with `retry-after` (seconds) and
 * `x-ratelimit-reset` (UNIX time).
 *
 * @see https://docs.developers.mijnklantportaal.nl/getting-started/rate-limiting
 */
export function rateLimit(settings: RateLimitSettings, now: () => number): RequestHandler {
  const windows = new BoundedMap<string, { startedAt: number; count: number }>(MAX_TOKENS);
  return (req, res, next) => {
    const key = tokenOf(req);
    const time = now();
    let window = windows.get(key);
    if (!window || time - window.startedAt >= settings.windowMs) {
      window = { startedAt: time, count: 0 };
      windows.set(key, window);
    }
    window.count += 1;
    const resetAt = window.startedAt + settings.windowMs;
    res.set('X-RateLimit-Limit', String(settings.limit));
    res.set('X-RateLimit-Remaining', String(Math.max(0, settings.limit - window.count)));
    if (window.count <= settings.limit) return next();
    res.set('Retry-After', String(Math.max(1, Math.ceil((resetAt - time) / 1000))));
    res.set('X-RateLimit-Reset', String(Math.ceil(resetAt / 1000)));
    res.status(429).json({ code: 429, message: 'Too many requests.' });
  };
}

function tokenOf(req: Request): string {
  for (const name of ['authorization', 'authentication']) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get(name) ?? '');
    if (match) return match[1];
  }
  return '';
}
