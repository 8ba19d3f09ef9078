import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Passport } from 'passport';
import type { ProviderName } from 'passport-nl-sandbox';
import { PROVIDER_LABELS, type DemoUser } from '../providers';
import { safeLocalPath } from '../security';
import { loginFailedPage, type LoginFailureKind } from '../views/login-failed';

/**
 * The messages of a callback whose `state` does not check out: passport-oauth2's two, which
 * the strategies keep, and the strategies' own for an expired login.
 */
const STATE_MESSAGES = {
  missing: 'Unable to verify authorization request state.',
  invalid: 'Invalid authorization request state.',
  expired: 'Authorization request state has expired.',
} as const;

/** Where a login lands when it has no (valid) `returnTo`. */
const DEFAULT_RETURN = '/profile';

/** The app's data kept with a pending login (in its state cookie, not in a session). */
interface LoginState {
  returnTo?: string;
}

/**
 * `GET /auth/:provider` starts a login (an optional `returnTo` is kept, only when it is a local
 * path, with the pending login in its state cookie: nothing is written to a session before
 * login); `GET /auth/:provider/callback` finishes it: a success logs the user in (passport
 * regenerates the session id) and redirects to `returnTo`. A callback whose state fails while
 * the visitor is already logged in (Back + Approve, a reloaded callback, a finished tab) goes
 * to the page they last logged in for with a notice; any other failure shows the failed-login
 * page that explains what probably happened, with "Try again".
 */
export function authRoutes(passport: InstanceType<typeof Passport>, enabled: readonly ProviderName[]): Router {
  const router = Router();
  const known = (name: string): name is ProviderName => (enabled as readonly string[]).includes(name);

  router.get('/auth/:provider', (req: Request, res: Response, next: NextFunction) => {
    const name = req.params.provider as string;
    if (!known(name)) return next();
    const state: LoginState = {};
    const returnTo = safeLocalPath(req.query.returnTo);
    if (returnTo) state.returnTo = returnTo;
    // passport-oauth2 hands an object `state` to the state store (its types say string only).
    passport.authenticate(name, { state: state as unknown as string })(req, res, next);
  });

  router.get('/auth/:provider/callback', (req: Request, res: Response, next: NextFunction) => {
    const name = req.params.provider as string;
    if (!known(name)) return next();
    const label = PROVIDER_LABELS[name];
    const fail = (status: number, kind: LoginFailureKind, message: string) =>
      res.status(status).send(loginFailedPage({ label, provider: name, kind, message }));
    passport.authenticate(name, (err: unknown, user: DemoUser | false, info: unknown, status?: number) => {
      if (err) {
        const error = err as { message?: string; status?: number };
        return fail(httpStatus(error.status, 502), 'provider', error.message ?? String(err));
      }
      if (!user) {
        const message = failureMessage(info, label);
        const stateFailure = stateFailureKind(info);
        const current = req.user as DemoUser | undefined;
        if (stateFailure && current) return alreadyLoggedIn(req, res, current, stateFailure);
        const kind = stateFailure ?? (req.query.error === 'access_denied' ? 'refused' : 'provider');
        return fail(httpStatus(status, 401), kind, message);
      }
      const returnTo = safeLocalPath((info as { state?: LoginState } | undefined)?.state?.returnTo) ?? DEFAULT_RETURN;
      req.logIn(user, (loginError) => {
        if (loginError) return next(loginError);
        req.session.returnTo = returnTo;
        res.redirect(303, returnTo);
      });
    })(req, res, next);
  });
  return router;
}

/**
 * A state failure of a visitor who is logged in: the login link was old (already used or
 * expired), and they are logged in anyway, so they go to the page they last logged in for
 * with a short notice instead of an error page.
 */
function alreadyLoggedIn(req: Request, res: Response, user: DemoUser, kind: LoginFailureKind): void {
  const who = `${user.displayName} with ${PROVIDER_LABELS[user.provider]}`;
  req.session.notice =
    kind === 'expired'
      ? `That login had expired — you are still logged in as ${who}.`
      : `That login link was already used — you are logged in as ${who}.`;
  res.redirect(303, safeLocalPath(req.session.returnTo) ?? DEFAULT_RETURN);
}

/** `expired` or `elsewhere` when the failure is the state check's, else undefined. */
function stateFailureKind(info: unknown): LoginFailureKind | undefined {
  const first = (Array.isArray(info) ? info[0] : info) as { message?: unknown } | undefined;
  if (first?.message === STATE_MESSAGES.expired) return 'expired';
  if (first?.message === STATE_MESSAGES.invalid || first?.message === STATE_MESSAGES.missing) return 'elsewhere';
  return undefined;
}

function failureMessage(info: unknown, label: string): string {
  const first = Array.isArray(info) ? info[0] : info;
  const message = (first as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && message ? message : `${label} did not log you in.`;
}

function httpStatus(status: unknown, fallback: number): number {
  return typeof status === 'number' && status >= 400 && status < 600 ? status : fallback;
}
