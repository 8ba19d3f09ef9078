import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import nock from 'nock';
import type { ProviderProfile, TokenParams } from 'passport-provider-kit';
import request from 'supertest';
import { createLoginApp, startLogin, type CallbackOutcome, type StartedLogin } from '../login-app';
import type { LeakLedger } from './leak-ledger';
import type { CaseStrategy, ProviderCase, SuiteStrategyOptions } from './provider-case';

/** The client id every suite strategy uses. */
export const CLIENT_ID = 'reliability-client';
/** The callback URL every suite strategy uses. */
export const CALLBACK_URL = 'http://localhost/callback';
/** The `timeout` option of the cases that wait for a deadline to pass (a silent or dripping provider), in ms. */
export const SUITE_TIMEOUT_MS = 200;
/**
 * The `timeout` of every other case: far above any answer of a local provider, so that a busy
 * machine (CI with two cores, jest workers side by side) never turns an answer into a 504.
 */
const GENEROUS_TIMEOUT_MS = 5000;

/** One call of `verify`, as the strategy made it. */
export interface VerifyCall {
  accessToken: string;
  refreshToken: string | undefined;
  params: TokenParams;
  profile: ProviderProfile;
}

/** One strategy inside its test app, with everything the suite observes about it. */
export interface Harness {
  strategy: CaseStrategy;
  /** The test app (see `createLoginApp`), wrapped to count responses. */
  app: Express;
  /** This strategy's client secret (registered with the ledger). */
  clientSecret: string;
  /** Every call of `verify`. */
  verifyCalls: VerifyCall[];
  /** Every error that reached the app's error handler. */
  errors: unknown[];
  /** How many times a response to `/callback` was ended (more than one per callback = a double callback). */
  callbackResponses(): number;
  /** Starts a login (a new browser unless `agent` is given). */
  start(agent?: StartedLogin['agent']): Promise<StartedLogin>;
  /** Sends the provider's redirect back for a started login with these query parameters. */
  callback(login: StartedLogin, query: Record<string, string | string[]> | string): Promise<CallbackOutcome>;
  /** Starts a login and comes back with `code` and the right state. */
  login(code?: string): Promise<CallbackOutcome>;
}

/** How a harness's app finishes a login. */
export interface HarnessAppOptions {
  /** Log the user in with `req.logIn` and a session, as an app does (see `createLoginApp`). */
  logIn?: boolean;
}

/** Builds harnesses for one case and closes them (and checks the nock mocks are cleared) after each test. */
export interface HarnessFactory {
  /** A new strategy of the case with the suite's options plus `overrides`. */
  make(overrides?: Partial<SuiteStrategyOptions>, appOptions?: HarnessAppOptions): Harness;
  /** The client secret suite strategies of this case use. */
  clientSecret: string;
}

/**
 * Sets up a test file for one case: network blocked except 127.0.0.1, a fresh nock state
 * per test, and every strategy made through the factory closed after its test, its errors
 * handed to the ledger.
 */
export function useHarnesses(pc: ProviderCase, ledger: LeakLedger): HarnessFactory {
  const clientSecret = ledger.secret(`${pc.name}-client-secret-0451`);
  const made: Harness[] = [];
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => {
    for (const harness of made.splice(0)) {
      harness.strategy.close();
      ledger.errors.push(...harness.errors);
    }
    nock.cleanAll();
  });
  afterAll(() => nock.enableNetConnect());
  return {
    clientSecret,
    make: (overrides = {}, appOptions = {}) => makeHarness(pc, clientSecret, overrides, made, appOptions),
  };
}

function makeHarness(
  pc: ProviderCase,
  clientSecret: string,
  overrides: Partial<SuiteStrategyOptions>,
  made: Harness[],
  appOptions: HarnessAppOptions,
): Harness {
  const verifyCalls: VerifyCall[] = [];
  const errors: unknown[] = [];
  let ends = 0;
  const strategy = pc.create(
    { clientID: CLIENT_ID, clientSecret, callbackURL: CALLBACK_URL, timeout: GENEROUS_TIMEOUT_MS, ...overrides },
    (accessToken, refreshToken, params, profile, done) => {
      verifyCalls.push({ accessToken, refreshToken, params, profile });
      done(null, { id: profile.id, displayName: profile.displayName });
    },
  );
  const app = express();
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/callback') {
      const end = res.end.bind(res) as (...args: unknown[]) => Response;
      res.end = ((...args: unknown[]) => {
        ends += 1;
        return end(...args);
      }) as Response['end'];
    }
    next();
  });
  app.use(createLoginApp(strategy, { errors, logIn: appOptions.logIn }));

  const callback = async (
    login: StartedLogin,
    query: Record<string, string | string[]> | string,
  ): Promise<CallbackOutcome> => {
    const res = await login.agent.get('/callback').query(query);
    return { status: res.status, body: res.body as CallbackOutcome['body'] };
  };
  const harness: Harness = {
    strategy,
    app,
    clientSecret,
    verifyCalls,
    errors,
    callbackResponses: () => ends,
    start: (agent) => startLogin(app, agent ?? request.agent(app)),
    callback,
    login: async (code = 'auth-code-1') => {
      const login = await startLogin(app);
      return callback(login, { code, state: login.state ?? '' });
    },
  };
  made.push(harness);
  return harness;
}
