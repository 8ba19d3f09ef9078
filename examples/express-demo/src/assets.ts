import { Router } from 'express';
import { FAVICON_SVG, STYLESHEET } from './views/styles';

/**
 * `GET /styles.css` and `GET /favicon.ico` (an SVG, which every current browser takes), from
 * the demo's own origin. Mounted before the session, so fetching them creates no session.
 */
export function assetRoutes(): Router {
  const router = Router();
  router.get('/styles.css', (_req, res) => {
    res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(STYLESHEET);
  });
  router.get('/favicon.ico', (_req, res) => {
    res.type('image/svg+xml').set('Cache-Control', 'public, max-age=86400').send(FAVICON_SVG);
  });
  return router;
}
