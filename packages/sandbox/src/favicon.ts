import type { RequestHandler } from 'express';

/** The sandbox's icon: a yellow "S" badge, the colour of the SANDBOX badge on its pages. */
export const SANDBOX_FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#ffd84d"/>' +
  '<text x="16" y="23" font-family="system-ui,sans-serif" font-size="20" font-weight="700" text-anchor="middle" fill="#000">S</text></svg>';

/** Serves {@link SANDBOX_FAVICON_SVG} at `/favicon.ico` (browsers ask for it; an SVG answer works in every current one). */
export const serveFavicon: RequestHandler = (_req, res) => {
  res.type('image/svg+xml').set('Cache-Control', 'public, max-age=86400').send(SANDBOX_FAVICON_SVG);
};
