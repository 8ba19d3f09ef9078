import express, { type Express } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { Passport } from 'passport';
import { PROVIDER_NAMES, type ProviderName } from 'passport-nl-sandbox';
import { createStrategy, type DemoStrategy, type DemoUser, type ProviderSettings } from './providers';
import { assetRoutes } from './assets';
import { accountRoutes } from './routes/account';
import { sessionCookieName } from './security';
import { authRoutes } from './routes/auth';
import { redirectToBaseHost } from './base-host';
import { demoErrorHandler } from './error-handler';
import { csrfToken, noStore, safeLocalPath } from './security';
import { homePage } from './views/home';
import { messagePage } from './views/message';
import { membersOnly, type MembersPageConfig } from './routes/members';

/** What {@link createDemoApp} needs. */
export interface DemoAppConfig {
  /** The public origin, e.g. `http://localhost:3000`; callbacks are `<baseURL>/auth/<provider>/callback`. `https:` makes cookies `secure`. */
  baseURL: string;
  sessionSecret: string;
  /** The providers to offer and how to reach each. */
  providers: Partial<Record<ProviderName, ProviderSettings>>;
  /** A shared session store (e.g. connect-redis); default express-session's memory store. */
  sessionStore?: session.Store;
  /** Trust `X-Forwarded-*` from a proxy in front. Default false. */
  trustProxy?: boolean;
  /** Redirect requests on another host than `baseURL`'s to it first. Default true (tests of the app alone turn it off). */
  redirectToBaseHost?: boolean;
  /** The Petje.af page of the "Members only" page (`PETJEAF_PAGE_ID`); default the sandbox's. */
  petjeafPage?: MembersPageConfig;
  /** Where to write one line per login started, succeeded, denied or failed. Default: no log. */
  logLine?: (line: string) => void;
}

/** The demo app and what to close when done. */
export interface DemoApp {
  app: Express;
  /** The strategies by provider. */
  strategies: Partial<Record<ProviderName, DemoStrategy>>;
  /** Closes the strategies' keep-alive connections. */
  close(): void;
}

/**
 * The Express demo: home page with a "Log in with …" button per provider, profile page,
 * token refresh and logout, with helmet headers, `httpOnly` + `sameSite=lax` session cookies
 * (`secure` under an https `baseURL`), CSRF tokens on every POST, tokens kept server-side.
 */
export function createDemoApp(config: DemoAppConfig): DemoApp {
  const baseURL = new URL(config.baseURL).origin;
  const enabled = PROVIDER_NAMES.filter((name) => config.providers[name]);
  const passport = new Passport();
  const strategies: Partial<Record<ProviderName, DemoStrategy>> = {};
  for (const name of enabled) {
    const strategy = createStrategy(
      name,
      config.providers[name] as ProviderSettings,
      `${baseURL}/auth/${name}/callback`,
      config.logLine,
    );
    strategies[name] = strategy;
    passport.use(name, strategy);
  }
  passport.serializeUser((user, done) => done(null, user));
  passport.deserializeUser((user: DemoUser, done) => done(null, user));

  const app = express();
  app.disable('x-powered-by');
  if (config.trustProxy) app.set('trust proxy', true);
  if (config.redirectToBaseHost !== false) app.use(redirectToBaseHost(baseURL));
  const secure = baseURL.startsWith('https:');
  // Over plain http (local use) HSTS and upgrade-insecure-requests would break the demo's own forms.
  app.use(
    helmet({
      hsts: secure,
      contentSecurityPolicy: {
        // Styles only from the demo's own /styles.css: no inline style, no other origin.
        directives: { styleSrc: ["'self'"], upgradeInsecureRequests: secure ? [] : null },
      },
    }),
  );
  app.use(assetRoutes());
  // No session for a visitor who has not logged in: pending logins live in state cookies,
  // saveUninitialized is off, and nothing writes to the session before req.logIn.
  app.use(
    session({
      name: sessionCookieName(secure),
      secret: config.sessionSecret,
      store: config.sessionStore,
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure, maxAge: 8 * 3600_000 },
    }),
  );
  app.use(passport.session());
  // Pages show a user's data or a CSRF token: never cached (issue 13, item 6).
  app.use(noStore);

  app.get('/', (req, res) => {
    const providers = enabled.map((name) => ({ name, sandbox: Boolean(config.providers[name]?.sandbox) }));
    const user = req.user as DemoUser | undefined;
    res.send(
      homePage({ providers, user, returnTo: safeLocalPath(req.query.returnTo), csrf: user ? csrfToken(req) : '' }),
    );
  });
  app.use(authRoutes(passport, enabled));
  app.use(accountRoutes(strategies));
  const members = membersOnly(passport, config.providers.petjeaf, baseURL, config.petjeafPage);
  app.use(members.router);
  app.use((req, res) => {
    res.status(404).send(messagePage('Not found', `Nothing at ${req.path}.`));
  });
  app.use(demoErrorHandler());

  return {
    app,
    strategies,
    close: () => [...Object.values(strategies), members].forEach((strategy) => strategy.close()),
  };
}
