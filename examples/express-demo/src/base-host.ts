import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Sends a request that arrived on another host than `baseURL`'s (e.g. `127.0.0.1:3000` when
 * `BASE_URL` is `http://localhost:3000`) to the same path on `baseURL` before anything else
 * runs, so that the cookies a login sets and the provider's callback (always to `baseURL`)
 * share one origin. GET and HEAD get a 302 (not cached, so a changed `BASE_URL` takes
 * effect), other methods a 307 (method and body kept). Only the path and query of the request
 * are kept; its Host header is never echoed.
 */
export function redirectToBaseHost(baseURL: string): RequestHandler {
  const base = new URL(baseURL);
  return (req: Request, res: Response, next: NextFunction) => {
    // Express 5's req.host is the Host header with its port (X-Forwarded-Host when trusted).
    const host = (req.host ?? '').toLowerCase();
    if (host === base.host) return next();
    const target = (req.originalUrl ?? '/').startsWith('/')
      ? new URL(req.originalUrl, 'http://local.invalid')
      : undefined;
    const path = target ? target.pathname + target.search : '/';
    res.redirect(req.method === 'GET' || req.method === 'HEAD' ? 302 : 307, `${base.origin}${path}`);
  };
}
