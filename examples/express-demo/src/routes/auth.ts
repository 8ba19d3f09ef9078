import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Passport } from 'passport';
import type { ProviderName } from 'passport-nl-sandbox';
import { PROVIDER_LABELS, type DemoUser } from '../providers';
import { safeLocalPath } from '../security';
import { messagePage } from '../views/message';

/** Where a login lands when it has no (valid) `returnTo`. */
const DEFAULT_RETURN = '/profile';

/**
 * `GET /auth/:provider` starts a login (an optional `returnTo` is kept only when it is a
 * local path); `GET /auth/:provider/callback` finishes it: a success logs the user in (passport
 * regenerates the session id) and redirects to `returnTo`; a refusal or an error shows the
 * failed-login page with the provider's message.
 */
export function authRoutes(passport: InstanceType<typeof Passport>, enabled: readonly ProviderName[]): Router {
  const router = Router();
  const known = (name: string): name is ProviderName => (enabled as readonly string[]).includes(name);

  router.get('/auth/:provider', (req: Request, res: Response, next: NextFunction) => {
    const name = req.params.provider as string;
    if (!known(name)) return next();
    const returnTo = safeLocalPath(req.query.returnTo);
    if (returnTo) req.session.returnTo = returnTo;
    else delete req.session.returnTo;
    passport.authenticate(name)(req, res, next);
  });

  router.get('/auth/:provider/callback', (req: Request, res: Response, next: NextFunction) => {
    const name = req.params.provider as string;
    if (!known(name)) return next();
    const label = PROVIDER_LABELS[name];
    passport.authenticate(name, (err: unknown, user: DemoUser | false, info: unknown, status?: number) => {
      if (err) {
        const error = err as { message?: string; status?: number };
        return res
          .status(httpStatus(error.status, 502))
          .send(messagePage(`Login with ${label} failed`, error.message ?? String(err)));
      }
      if (!user) {
        return res
          .status(httpStatus(status, 401))
          .send(messagePage(`Login with ${label} failed`, failureMessage(info, label)));
      }
      const returnTo = safeLocalPath(req.session.returnTo) ?? DEFAULT_RETURN;
      req.logIn(user, (loginError) => {
        if (loginError) return next(loginError);
        res.redirect(303, returnTo);
      });
    })(req, res, next);
  });
  return router;
}

function failureMessage(info: unknown, label: string): string {
  const first = Array.isArray(info) ? info[0] : info;
  const message = (first as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && message ? message : `${label} did not log you in.`;
}

function httpStatus(status: unknown, fallback: number): number {
  return typeof status === 'number' && status >= 400 && status < 600 ? status : fallback;
}
