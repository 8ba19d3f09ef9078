import express from 'express';
import nock from 'nock';
import { Passport } from 'passport';
import request from 'supertest';
import type { ProviderStrategyOptions } from 'passport-provider-kit';
import { CookieStateStore } from '../src/state/cookie-state-store';
import { MultiStateSessionStore } from '../src/state/multi-state-session-store';
import { OPTIONS, TestStrategy } from './support/test-strategy';

/** A strategy of the test provider with these options. */
const make = (options: ProviderStrategyOptions) => new TestStrategy(options, keep);

const keep = (_a: string, _r: string | undefined, _profile: unknown, done: (e: null, u: false) => void) =>
  done(null, false);

/** The store passport-oauth2 was given (its private `_stateStore`, listed in private-members.test.ts). */
const storeOf = (options: ProviderStrategyOptions) =>
  (make(options) as unknown as { _stateStore: unknown })._stateStore;

describe('the stateStore option picks where pending logins live', () => {
  it("uses the cookie store (with its session fallback) by default and for 'cookie'", () => {
    expect(storeOf(OPTIONS)).toBeInstanceOf(CookieStateStore);
    expect(storeOf({ ...OPTIONS, stateStore: 'cookie' })).toBeInstanceOf(CookieStateStore);
  });

  it("uses the session store for 'session' and for store: true", () => {
    expect(storeOf({ ...OPTIONS, stateStore: 'session' })).toBeInstanceOf(MultiStateSessionStore);
    expect(storeOf({ ...OPTIONS, store: true })).toBeInstanceOf(MultiStateSessionStore);
  });

  it('refuses any other value with a TypeError naming the option, at construction', () => {
    const bad = { ...OPTIONS, stateStore: 'redis' as unknown as 'cookie' };
    expect(() => make(bad)).toThrow(
      new TypeError("testprov strategy: stateStore must be 'cookie' or 'session', not redis"),
    );
  });
});

describe('the default store needs no session middleware for the login', () => {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterAll(() => nock.enableNetConnect());

  it('starts a login with a state cookie and no session in the app', async () => {
    const passport = new Passport();
    passport.use(make(OPTIONS));
    const app = express();
    app.get('/login', passport.authenticate('testprov', { session: false }));
    const res = await request(app).get('/login');
    expect(res.status).toBe(302);
    const state = new URL(res.headers.location as string).searchParams.get('state');
    expect(res.headers['set-cookie']).toEqual([
      expect.stringMatching(`^oauth2-state\\.testprov\\.[\\w-]{8}\\.[0-9a-z]+\\.${state}=`),
    ]);
  });

  it("with stateStore: 'session' and no session middleware, fails with the error naming express-session", async () => {
    const passport = new Passport();
    passport.use(make({ ...OPTIONS, stateStore: 'session' }));
    const app = express();
    app.get('/login', passport.authenticate('testprov', { session: false }));
    app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) =>
      res.status(500).send(err.message),
    );
    const res = await request(app).get('/login');
    expect(res.status).toBe(500);
    expect(res.text).toMatch(/express-session/);
  });
});
