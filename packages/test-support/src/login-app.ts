import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import { Passport, type Strategy } from 'passport';
import request from 'supertest';

/** What the test app answers on `/callback`: the user, or why the login failed. */
export interface CallbackOutcome {
  status: number;
  body: {
    user?: Record<string, unknown>;
    failure?: { message?: string };
    error?: { name: string; message: string; status?: number; code?: string; reason?: string };
  };
}

/** Options for {@link createLoginApp}. */
export interface LoginAppOptions {
  /** Options passed to `authenticate()` on `/login` (e.g. `{ prompt: 'login' }`). */
  loginOptions?: Record<string, unknown>;
  /** Every error that reaches the app's error handler is pushed here (for leak scans). */
  errors?: unknown[];
  /**
   * Log the user in as an app does (`req.logIn`, which regenerates the session, then a
   * session cookie) instead of answering with `session: false`. Default false.
   */
  logIn?: boolean;
}

/**
 * An Express app with express-session and a private Passport instance around one strategy:
 * `GET /login` starts the login, `GET /callback` finishes it and answers JSON
 * (`{ user }`, `{ failure }` with 401/403, or `{ error }` with the error's status). With
 * `logIn`, a success goes through `req.logIn` and a session, and `GET /me` answers the user.
 */
export function createLoginApp(strategy: Strategy & { name?: string }, options: LoginAppOptions = {}): Express {
  const passport = new Passport();
  passport.use(strategy);
  const name = strategy.name as string;
  const app = express();
  app.use(session({ secret: 'test-session-secret', resave: false, saveUninitialized: false }));
  if (options.logIn) {
    passport.serializeUser((user, done) => done(null, user));
    passport.deserializeUser((user: Express.User, done) => done(null, user));
    app.use(passport.session());
    app.get('/me', (req: Request, res: Response) => res.json({ user: req.user ?? null }));
  }
  app.get('/login', passport.authenticate(name, { session: false, ...options.loginOptions }));
  app.get('/callback', (req: Request, res: Response, next: NextFunction) => {
    passport.authenticate(name, { session: false }, (err: unknown, user: unknown, info: unknown, status?: number) => {
      if (err) return next(err);
      if (!user) {
        const failure = Array.isArray(info) ? info[0] : info;
        return res.status(typeof status === 'number' ? status : 401).json({ failure: failure ?? {} });
      }
      if (!options.logIn) return res.json({ user });
      req.logIn(user as Express.User, (err) => (err ? next(err) : res.json({ user })));
    })(req, res, next);
  });
  app.use(
    (
      err: Error & { status?: number; code?: string; reason?: string; uri?: string },
      _req: Request,
      res: Response,
      _next: NextFunction,
    ) => {
      options.errors?.push(err);
      res.status(err.status ?? 500).json({
        error: {
          name: err.name,
          message: err.message,
          status: err.status,
          code: err.code,
          reason: err.reason,
          uri: err.uri,
        },
      });
    },
  );
  return app;
}

/** A started login: the agent holding the session cookie, the redirect URL and its `state`. */
export interface StartedLogin {
  agent: ReturnType<typeof request.agent>;
  location: URL;
  state: string | null;
  /** The `Set-Cookie` headers of the start's answer (the state cookie with the cookie store). */
  setCookies: string[];
}

/** `GET /login` with a cookie-keeping agent; returns where the strategy redirected. */
export async function startLogin(app: Express, agent = request.agent(app)): Promise<StartedLogin> {
  const res = await agent.get('/login');
  if (res.status !== 302) throw new Error(`expected a redirect from /login, got ${res.status}: ${res.text}`);
  const location = new URL(res.headers.location as string);
  const setCookie = res.headers['set-cookie'] as string[] | string | undefined;
  const setCookies = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
  return { agent, location, state: location.searchParams.get('state'), setCookies };
}

/** Starts a login and finishes it with `code`, as the provider's redirect would. */
export async function completeLogin(app: Express, code = 'test-code'): Promise<CallbackOutcome> {
  const { agent, state } = await startLogin(app);
  const res = await agent.get('/callback').query({ code, state: state ?? '' });
  return { status: res.status, body: res.body as CallbackOutcome['body'] };
}
