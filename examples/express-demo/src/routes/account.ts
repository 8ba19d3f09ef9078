import express, { Router, type Request, type Response } from 'express';
import type { ProviderName } from 'passport-nl-sandbox';
import { PROVIDER_LABELS, type DemoStrategy, type DemoUser } from '../providers';
import { csrfToken, requireCsrfToken, sessionCookieName } from '../security';
import { assertStorableTokens } from '../session-bounds';
import { expiresAtFrom, expiryDate } from '../token-expiry';
import { messagePage } from '../views/message';
import { profilePage } from '../views/profile';

const form = express.urlencoded({ extended: false, limit: '4kb' });

/**
 * `GET /profile` (logged in only), `POST /profile/refresh` (calls the strategy's
 * `refresh()` and keeps the new tokens in the session), `POST /logout` (ends the session);
 * `GET /logout` does nothing but explain. Every POST needs the session's CSRF token.
 */
export function accountRoutes(strategies: Partial<Record<ProviderName, DemoStrategy>>): Router {
  const router = Router();

  router.get('/profile', (req: Request, res: Response) => {
    const user = req.user as DemoUser | undefined;
    if (!user) return res.redirect(302, `/?returnTo=${encodeURIComponent('/profile')}`);
    const notice = req.session.notice;
    delete req.session.notice;
    res.send(profilePage({ user, csrf: csrfToken(req), notice, now: Date.now() }));
  });

  router.post('/profile/refresh', form, requireCsrfToken, async (req: Request, res: Response) => {
    const user = req.user as DemoUser | undefined;
    if (!user) return res.redirect(303, '/');
    const strategy = strategies[user.provider];
    if (!user.refreshToken || !strategy) {
      return res
        .status(400)
        .send(
          messagePage('No refresh token', `${PROVIDER_LABELS[user.provider]} gave no refresh token.`, csrfToken(req)),
        );
    }
    try {
      const tokens = await strategy.refresh(user.refreshToken);
      const updated: DemoUser = {
        ...user,
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        expiresAt: expiresAtFrom(tokens.expiresIn),
      };
      assertStorableTokens(updated, PROVIDER_LABELS[user.provider]);
      (req.session as unknown as { passport: { user: DemoUser } }).passport.user = updated;
      const expiry = expiryDate(updated.expiresAt);
      req.session.notice = `Token refreshed${expiry ? `; it now expires at ${expiry.toISOString()}` : ''}.`;
      res.redirect(303, '/profile');
    } catch (error) {
      const { message, status } = error as { message?: string; status?: number };
      res
        .status(status && status >= 400 && status < 600 ? status : 502)
        .send(messagePage('Refresh failed', message ?? String(error), csrfToken(req)));
    }
  });

  router.post('/logout', form, requireCsrfToken, (req: Request, res: Response, next) => {
    req.logout((error) => {
      if (error) return next(error);
      // passport's logout leaves a fresh, empty session behind (stored until its cookie
      // expires); nothing is left to keep, so drop it and the cookie.
      req.session.destroy((destroyError) => {
        if (destroyError) return next(destroyError);
        res.clearCookie(sessionCookieName(req.secure), { path: '/', secure: req.secure });
        res.redirect(303, '/');
      });
    });
  });

  router.get('/logout', (req: Request, res: Response) => {
    res
      .status(405)
      .set('Allow', 'POST')
      .send(
        messagePage(
          'Use the Log out button',
          'Logging out needs a POST from the page, so that no link or image can log you out.',
          req.user ? csrfToken(req) : undefined,
        ),
      );
  });
  return router;
}
