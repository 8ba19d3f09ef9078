import nock from 'nock';
import request from 'supertest';
import { STATE_MESSAGES } from '../../../passport-provider-kit/src/state/multi-state-session-store';
import type { ProviderStrategyOptions } from 'passport-provider-kit';
import { CookieJar } from '../cookie-jar';
import type { StartedLogin } from '../login-app';
import { CLIENT_ID, type Harness, type HarnessFactory } from './harness';
import type { LeakLedger } from './leak-ledger';
import type { ProviderCase } from './provider-case';
import type { SuiteStrategyOptions } from './provider-case';
import { mockSuccessfulLogin, tokenEndpoint, validTokenAnswer } from './provider-mocks';
import { frameworkHarness, type FrameworkHarness, type FrameworkShape } from './framework-harness';
import { forgeStateCookie, STATE_COOKIE_PREFIX, stateCookieOf, stateCookieOwner } from './state-cookies';

type StateStoreKind = NonNullable<ProviderStrategyOptions['stateStore']>;

const STORES: readonly StateStoreKind[] = ['cookie', 'session'];

/**
 * State / CSRF: `state` is on by default; a callback whose state is missing, wrong, used or
 * expired fails with 403 before any token request; several logins may be pending per browser.
 * Every case runs with both state stores in an app that really logs the user in (`req.logIn`,
 * which regenerates the session), and the state cookies of the default store are attacked directly.
 */
export function describeStateChecks(pc: ProviderCase, ledger: LeakLedger, harnesses: HarnessFactory): void {
  describe('State / CSRF', () => {
    for (const stateStore of STORES) describeWithStore(pc, ledger, expressHarnesses(harnesses, stateStore), stateStore);
    for (const [shape, stateStore] of FRAMEWORK_RUNS) {
      describeWithStore(pc, ledger, frameworkHarnesses(pc, harnesses, shape, stateStore), stateStore, shape);
    }
    describeStateCookies(pc, ledger, harnesses);
  });
}

/**
 * The framework request shapes the store-level cases also run through, with the store the
 * strategy uses by default there (`cookie`: the default option) and, for @fastify/passport,
 * `stateStore: 'session'` too (its session API differs most from express-session's).
 */
const FRAMEWORK_RUNS: readonly [FrameworkShape, StateStoreKind][] = [
  ['koa-passport', 'cookie'],
  ['@fastify/passport', 'cookie'],
  ['@fastify/passport', 'session'],
  ['no response (chai-passport-strategy)', 'cookie'],
];

/** What the store-level cases need of a strategy in its app. */
type StateHarness = Pick<Harness, 'start' | 'callback' | 'verifyCalls'> & {
  /** The logged-in user of a browser after its callbacks (Express: `GET /me`), when the app can tell. */
  me?(login: StartedLogin): Promise<unknown>;
};
type MakeHarness = (overrides?: Partial<SuiteStrategyOptions>) => Promise<StateHarness>;

// The state cases time no provider call; a longer deadline than the suite's 200 ms keeps
// their several logins in a row from failing with 504 on a loaded machine.
function expressHarnesses(harnesses: HarnessFactory, stateStore: StateStoreKind): MakeHarness {
  return async (overrides = {}) => {
    const harness = harnesses.make({ stateStore, timeout: 5000, ...overrides }, { logIn: true });
    return Object.assign(harness, { me: async (login: StartedLogin) => (await login.agent.get('/me')).body.user });
  };
}

/** Harnesses of a framework shape, closed after each test. */
function frameworkHarnesses(
  pc: ProviderCase,
  harnesses: HarnessFactory,
  shape: FrameworkShape,
  stateStore: StateStoreKind,
): MakeHarness {
  const made: FrameworkHarness[] = [];
  afterEach(async () => {
    for (const harness of made.splice(0)) {
      harness.strategy.close();
      await harness.close();
    }
  });
  return async (overrides = {}) => {
    const harness = await frameworkHarness(shape, pc, harnesses.clientSecret, { stateStore, ...overrides });
    made.push(harness);
    return harness;
  };
}

function describeWithStore(
  pc: ProviderCase,
  ledger: LeakLedger,
  make: MakeHarness,
  stateStore: StateStoreKind,
  shape?: FrameworkShape,
): void {
  const untouchedToken = () => tokenEndpoint(pc, ledger).reply(200, validTokenAnswer(pc, ledger, 'never-sent'));
  const finish = (harness: StateHarness, login: StartedLogin, code: string) =>
    harness.callback(login, { code, state: login.state ?? '' });
  const where = shape ? `through ${shape}'s request` : 'in an app that logs in with req.logIn';

  describe(`with the ${stateStore} store, ${where}`, () => {
    if (shape && stateStore === 'cookie') {
      const reachable = shape !== 'no response (chai-passport-strategy)';
      describe(
        reachable
          ? 'keeps the pending login in a state cookie: the store reached the response'
          : 'keeps the pending login in the session: there is no response to reach',
        () => {
          it(
            reachable ? 'sets a state cookie at the start' : 'sets no cookie, and the callback still checks out',
            async () => {
              const harness = await make();
              const login = await harness.start();
              const stateCookies = login.setCookies.filter((line) => line.startsWith(STATE_COOKIE_PREFIX));
              expect(stateCookies).toHaveLength(reachable ? 1 : 0);
              mockSuccessfulLogin(pc, ledger, 'where-it-lives');
              expect((await finish(harness, login, 'code-1')).status).toBe(200);
            },
          );
        },
      );
    }

    describe('refuses a callback without state, before any token request', () => {
      it('answers 403 and never calls the token endpoint', async () => {
        const harness = await make();
        const token = untouchedToken();
        const login = await harness.start();
        const outcome = await harness.callback(login, { code: 'auth-code-1' });
        // passport-oauth2's message for a missing state while a login is pending.
        expect(outcome).toEqual({ status: 403, body: { failure: { message: STATE_MESSAGES.invalid } } });
        expect(token.isDone()).toBe(false);
        expect(harness.verifyCalls).toHaveLength(0);
      });
    });

    describe('refuses a callback whose state is wrong, before any token request', () => {
      it('answers 403 for a made-up state', async () => {
        const harness = await make();
        const token = untouchedToken();
        const login = await harness.start();
        const outcome = await harness.callback(login, { code: 'auth-code-1', state: `${login.state}x` });
        expect(outcome).toEqual({ status: 403, body: { failure: { message: STATE_MESSAGES.invalid } } });
        expect(token.isDone()).toBe(false);
      });

      it('answers 403 for a state issued to another browser', async () => {
        const harness = await make();
        const token = untouchedToken();
        const victim = await harness.start();
        const attacker = await harness.start();
        const outcome = await harness.callback(attacker, { code: 'auth-code-1', state: victim.state ?? '' });
        expect(outcome).toEqual({ status: 403, body: { failure: { message: STATE_MESSAGES.invalid } } });
        expect(token.isDone()).toBe(false);
      });
    });

    describe('refuses a callback whose state was already used', () => {
      it('logs in at the first callback and answers 403 to its replay without a second token request', async () => {
        const harness = await make();
        mockSuccessfulLogin(pc, ledger, 'state-replay');
        const login = await harness.start();
        const query = { code: 'auth-code-1', state: login.state ?? '' };
        expect((await harness.callback(login, query)).status).toBe(200);
        const secondToken = untouchedToken();
        const replay = await harness.callback(login, query);
        // passport-oauth2's message when nothing is pending any more.
        expect(replay).toEqual({ status: 403, body: { failure: { message: STATE_MESSAGES.missing } } });
        expect(secondToken.isDone()).toBe(false);
        expect(harness.verifyCalls).toHaveLength(1);
      });
    });

    describe('completes every login started in one browser (tabs), across req.logIn', () => {
      it('two tabs: the later tab first, then the earlier one, each logging in', async () => {
        const harness = await make();
        mockSuccessfulLogin(pc, ledger, 'tab-2');
        mockSuccessfulLogin(pc, ledger, 'tab-1');
        const tab1 = await harness.start();
        const tab2 = await harness.start(tab1.agent);
        expect(tab2.state).not.toBe(tab1.state);
        expect((await finish(harness, tab2, 'code-tab-2')).status).toBe(200);
        expect((await finish(harness, tab1, 'code-tab-1')).status).toBe(200);
        expect(harness.verifyCalls).toHaveLength(2);
        if (harness.me) expect(await harness.me(tab1)).toBeTruthy();
      });

      it('three tabs finished out of order (2, 3, 1), each logging in', async () => {
        const harness = await make();
        const tab1 = await harness.start();
        const tab2 = await harness.start(tab1.agent);
        const tab3 = await harness.start(tab1.agent);
        for (const [tab, seed] of [
          [tab2, 'three-2'],
          [tab3, 'three-3'],
          [tab1, 'three-1'],
        ] as const) {
          mockSuccessfulLogin(pc, ledger, seed);
          expect(await finish(harness, tab, `code-${seed}`)).toMatchObject({ status: 200 });
        }
        expect(harness.verifyCalls).toHaveLength(3);
      });
    });

    describe('keeps a bounded number of pending logins per browser, dropping the oldest', () => {
      it('refuses the oldest of three logins when maxPendingStates is 2, and completes the other two', async () => {
        const harness = await make({ maxPendingStates: 2 });
        const first = await harness.start();
        const second = await harness.start(first.agent);
        const third = await harness.start(first.agent);
        const token = untouchedToken();
        const dropped = await finish(harness, first, 'code-1');
        expect(dropped).toEqual({ status: 403, body: { failure: { message: STATE_MESSAGES.invalid } } });
        expect(token.isDone()).toBe(false);
        nock.cleanAll();
        mockSuccessfulLogin(pc, ledger, 'bounded-3');
        mockSuccessfulLogin(pc, ledger, 'bounded-2');
        expect((await finish(harness, third, 'code-3')).status).toBe(200);
        expect((await finish(harness, second, 'code-2')).status).toBe(200);
      });
    });

    describe('refuses a state older than stateTTL', () => {
      afterEach(() => jest.restoreAllMocks());

      it('answers 403 once the TTL has passed, without a token request', async () => {
        const harness = await make({ stateTTL: 60_000 });
        const login = await harness.start();
        const token = untouchedToken();
        const now = Date.now();
        jest.spyOn(Date, 'now').mockReturnValue(now + 60_001);
        const outcome = await finish(harness, login, 'auth-code-1');
        expect(outcome).toEqual({ status: 403, body: { failure: { message: STATE_MESSAGES.expired } } });
        expect(token.isDone()).toBe(false);
      });

      it('accepts the same state while the TTL has not passed', async () => {
        const harness = await make({ stateTTL: 60_000 });
        mockSuccessfulLogin(pc, ledger, 'ttl-fresh');
        const login = await harness.start();
        const now = Date.now();
        jest.spyOn(Date, 'now').mockReturnValue(now + 59_000);
        expect((await finish(harness, login, 'auth-code-1')).status).toBe(200);
      });
    });
  });
}

/** Attacks on the default store's cookies, sent by hand (no cookie jar) to the callback. */
function describeStateCookies(pc: ProviderCase, ledger: LeakLedger, harnesses: HarnessFactory): void {
  const make = () => harnesses.make({ timeout: 5000 }, { logIn: true });
  const untouchedToken = () => tokenEndpoint(pc, ledger).reply(200, validTokenAnswer(pc, ledger, 'never-sent'));
  const sendCallback = async (harness: Harness, state: string, cookie: string) => {
    const res = await request(harness.app).get('/callback').query({ code: 'auth-code-1', state }).set('Cookie', cookie);
    return { status: res.status, body: res.body as unknown };
  };
  // Each attack sends only its own cookie, so no other login is pending in that browser:
  // passport-oauth2's wording for that case is "Unable to verify".
  const refused = { status: 403, body: { failure: { message: STATE_MESSAGES.missing } } };

  describe('state cookies (the default store)', () => {
    describe('holds the login with the browser: no server session for a started login', () => {
      it('sets only an HttpOnly, SameSite=Lax state cookie at Path=/ at the start, no session cookie', async () => {
        const login = await make().start();
        expect(login.setCookies).toHaveLength(1);
        const owner = stateCookieOwner(pc.name).replace(/[.]/g, '\\.');
        expect(login.setCookies[0]).toMatch(
          new RegExp(
            `^${owner}[0-9a-z]+\\.${login.state}=[A-Za-z0-9_-]+; Path=/; Max-Age=600; HttpOnly; SameSite=Lax$`,
          ),
        );
      });
    });

    describe('refuses a tampered cookie', () => {
      it('answers 403 without a token request when one character of the cookie changed', async () => {
        const harness = await make();
        const login = await harness.start();
        const cookie = stateCookieOf(login);
        const at = cookie.length - 10;
        const tampered = `${cookie.slice(0, at)}${cookie[at] === 'A' ? 'B' : 'A'}${cookie.slice(at + 1)}`;
        const token = untouchedToken();
        expect(await sendCallback(harness, login.state ?? '', tampered)).toEqual(refused);
        expect(token.isDone()).toBe(false);
      });
    });

    describe('refuses a cookie replayed after its login completed', () => {
      it('logs in once, then answers 403 to the same request and cookie without a second token request', async () => {
        const harness = await make();
        mockSuccessfulLogin(pc, ledger, 'cookie-replay');
        const login = await harness.start();
        const cookie = stateCookieOf(login);
        expect((await sendCallback(harness, login.state ?? '', cookie)).status).toBe(200);
        const token = untouchedToken();
        expect(await sendCallback(harness, login.state ?? '', cookie)).toEqual(refused);
        expect(token.isDone()).toBe(false);
        expect(harness.verifyCalls).toHaveLength(1);
      });
    });

    describe("refuses another provider's cookie", () => {
      it("answers 403 to a cookie sealed for another provider with the same client, under this provider's name", async () => {
        const harness = await make();
        const other = await forgeStateCookie({
          provider: 'otherprovider',
          clientID: CLIENT_ID,
          secret: harness.clientSecret,
        });
        const renamed = other.cookie.replace(stateCookieOwner('otherprovider'), stateCookieOwner(pc.name));
        expect(renamed).not.toBe(other.cookie);
        const token = untouchedToken();
        expect(await sendCallback(harness, other.state, renamed)).toEqual(refused);
        expect(await sendCallback(harness, other.state, other.cookie)).toEqual(refused);
        expect(token.isDone()).toBe(false);
      });
    });

    describe('refuses a cookie made with another client secret', () => {
      it('answers 403 to a well-formed cookie of this provider sealed under another secret', async () => {
        const harness = await make();
        const forged = await forgeStateCookie({
          provider: pc.name,
          clientID: CLIENT_ID,
          secret: 'another-client-secret',
        });
        const token = untouchedToken();
        expect(await sendCallback(harness, forged.state, forged.cookie)).toEqual(refused);
        expect(token.isDone()).toBe(false);
      });
    });

    describe('keeps 100 logins started in one browser bounded', () => {
      it('keeps at most 10 state cookies, a Cookie header under 8 KB, and completes the newest', async () => {
        const harness = await make();
        const jar = new CookieJar();
        let login = await harness.start();
        jar.apply(login.setCookies);
        for (let i = 1; i < 100; i++) {
          login = await harness.start(login.agent);
          jar.apply(login.setCookies);
        }
        const stateCookies = [...jar.cookies.keys()].filter((key) => key.startsWith(STATE_COOKIE_PREFIX));
        expect(stateCookies.length).toBeLessThanOrEqual(10);
        expect(Buffer.byteLength(jar.header('/callback'))).toBeLessThan(8 * 1024);
        mockSuccessfulLogin(pc, ledger, 'hundredth');
        expect((await harness.callback(login, { code: 'code-100', state: login.state ?? '' })).status).toBe(200);
      });
    });
  });
}
