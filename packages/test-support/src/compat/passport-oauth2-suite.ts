import { createHash } from 'node:crypto';
import type { Strategy } from 'passport';
import { AuthorizationError, InternalOAuthError, TokenError } from 'passport-oauth2';
import { runStrategy, type CompatRequest, type StrategyOutcome } from './run-strategy';

/**
 * passport-oauth2's own test suite (test/oauth2*.test.js of jaredhanson/passport-oauth2), the
 * files about generic strategy behaviour, ported to run against one of our strategies:
 * authorization redirect and its parameters, state with sessions and custom stores, PKCE,
 * verify arities and passReqToCallback, skipUserProfile, `?error=` callbacks and token errors.
 * Same option values, same stubs (`_oauth2.getOAuthAccessToken` replaced), same expectations,
 * except the deliberate differences, each marked `DIFFERENCE` with the number it has in
 * {@link DELIBERATE_DIFFERENCES}.
 */

/**
 * Where our strategies behave differently from passport-oauth2 on purpose. One list, each
 * with its reason; every other expectation of the ported tests holds unchanged.
 */
export const DELIBERATE_DIFFERENCES = [
  '1. The name is the provider (petjeaf, gofundo...), not "oauth2": it is what passport.authenticate(name) takes.',
  '2. state is on by default (passport-oauth2: off): CSRF protection should not be opt-in. Ported tests that assume no state send a valid one.',
  '3. A default scope is sent when none is given (except Gofundo, which wants an empty scope): the providers need one to log in.',
  "4. Pending logins are kept by default in one encrypted cookie each (stateStore: 'cookie'), so that tabs and req.logIn's session regeneration lose none. The ported tests, written for passport-oauth2's session stores and a request without a response, run with stateStore: 'session', which keeps several pending logins per session, each with an expiry, under session[key].pending (passport-oauth2: one, under session[key].state). Tests read the state from the redirect, not from the session layout.",
  '5. A callback ?error= reports the description (and error_uri) only when its state checks out, a neutral message otherwise (issue 13): anyone can link to the callback with a made-up description.',
  '6. A token error that is already an Error (our ProviderTokenError, with provider text and status) is kept as it is, not wrapped in InternalOAuthError("Failed to obtain access token").',
  "7. The profile step is the provider's: the ported tests replace loadProfile, as they use tokens no provider issued.",
  '8. clientSecret is required (passport-oauth2: optional): every provider here authenticates the client with it.',
  '9. skipUserProfile: (accessToken) => boolean gets the access token (passport-oauth2 1.8 calls a one-parameter function with no argument, so such a function, which its types allow, decides on undefined).',
  "10. A callback ?error= whose state does not check out answers 403, and one whose state checks out answers 502 where passport-oauth2 answers 500 (an error code it does not map): a browser's or a provider's input never makes a 500 (issue 23).",
] as const;

/** One strategy class run through the suite. */
export interface CompatCase {
  /** The strategy's name (`passport.authenticate(name)`). */
  name: string;
  /** A strategy with these options (passport-oauth2's test values) and this verify. */
  make(options: Record<string, unknown>, verify: (...args: never[]) => void): Strategy;
}

const AUTHORIZATION_URL = 'https://www.example.com/oauth2/authorize';
const TOKEN_URL = 'https://www.example.com/oauth2/token';
const CALLBACK_URL = 'https://www.example.net/auth/example/callback';
const BASE = { authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, clientID: 'ABC123', clientSecret: 'secret' };

type TokenStub = (code: string, params: Record<string, string>, cb: (...args: unknown[]) => void) => void;

/** passport-oauth2's stub: checks the code and params, answers its example token. */
function exchangeStub(expected: Record<string, string> = {}, seen: Record<string, string>[] = []): TokenStub {
  return (code, params, cb) => {
    seen.push({ ...params, code });
    if (code !== 'SplxlOBeZQQYbYS6WxSbIA') return cb(new Error('incorrect code argument'));
    if (params.grant_type !== 'authorization_code') return cb(new Error('incorrect options.grant_type argument'));
    for (const [field, value] of Object.entries(expected)) {
      if (params[field] !== value) return cb(new Error(`incorrect options.${field} argument`));
    }
    cb(null, '2YotnFZFEjr1zCsicMWpAA', 'tGzv3JOkF0XG5Qx2TlKWIA', {
      token_type: 'example',
      expires_in: 3600,
      example_parameter: 'example_value',
    });
  };
}

interface Internals {
  _oauth2: { getOAuthAccessToken: TokenStub };
  loadProfile: (accessToken: string) => unknown;
}

/** Runs the ported tests against the strategy class of `c`. */
export function passportOAuth2CompatSuite(c: CompatCase): void {
  const make = (options: Record<string, unknown>, verify: (...args: never[]) => void, stub?: TokenStub): Strategy => {
    // DIFFERENCE 4: the session store, as passport-oauth2's tests assume.
    const strategy = c.make({ ...BASE, stateStore: 'session', ...options }, verify);
    const internals = strategy as unknown as Internals;
    // DIFFERENCE 7: the provider's profile step is replaced.
    internals.loadProfile = () => ({ id: '1234', provider: c.name, displayName: 'Example' });
    if (stub) internals._oauth2.getOAuthAccessToken = stub;
    return strategy;
  };
  const verifyOk = (accessToken: string, refreshToken: string, profile: unknown, done: (...a: unknown[]) => void) => {
    if (accessToken !== '2YotnFZFEjr1zCsicMWpAA') return done(new Error('incorrect accessToken argument'));
    if (refreshToken !== 'tGzv3JOkF0XG5Qx2TlKWIA') return done(new Error('incorrect refreshToken argument'));
    if (typeof profile !== 'object') return done(new Error('incorrect profile argument'));
    done(null, { id: '1234' }, { message: 'Hello' });
  };

  /** Starts a login on a fresh session and returns the session and the state sent (DIFFERENCES 2 and 4). */
  const authorize = async (strategy: Strategy, setup: (req: CompatRequest) => void = () => undefined) => {
    const session: Record<string, unknown> = {};
    const { outcome } = await runStrategy(strategy, (req) => {
      req.session = session;
      setup(req);
    });
    if (outcome.kind !== 'redirect') throw new Error(`expected a redirect, got ${outcome.kind}`);
    return { session, state: new URL(outcome.url).searchParams.get('state') ?? '', url: new URL(outcome.url) };
  };
  const callback = async (
    strategy: Strategy,
    query: Record<string, unknown>,
    extra: (req: CompatRequest) => void = () => undefined,
  ): Promise<{ outcome: StrategyOutcome; req: CompatRequest }> => {
    const { session, state } = await authorize(strategy);
    return runStrategy(strategy, (req) => {
      req.session = session;
      req.query = { state, ...query };
      extra(req);
    });
  };

  describe(`passport-oauth2 compatibility (${c.name})`, () => {
    describe('constructed (oauth2.test.js)', () => {
      it('is named after the provider (DIFFERENCE 1)', () => {
        expect(make({}, verifyOk).name).toBe(c.name);
      });

      it('throws a TypeError without a clientID option', () => {
        expect(() =>
          c.make({ authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, clientSecret: 's' }, verifyOk),
        ).toThrow(TypeError);
      });
    });

    describe('issuing authorization request (oauth2.test.js)', () => {
      const redirectOf = async (
        options: Record<string, unknown>,
        authOptions?: object,
        setup?: (req: CompatRequest) => void,
      ) => {
        const { outcome } = await runStrategy(
          make(options, verifyOk),
          (req) => {
            req.session = {};
            setup?.(req);
          },
          authOptions,
        );
        if (outcome.kind !== 'redirect') throw new Error(`expected a redirect, got ${outcome.kind}`);
        return new URL(outcome.url);
      };

      it('redirects to the authorization endpoint with response_type=code and client_id', async () => {
        const url = await redirectOf({});
        expect(url.origin + url.pathname).toBe(AUTHORIZATION_URL);
        expect(url.searchParams.get('response_type')).toBe('code');
        expect(url.searchParams.get('client_id')).toBe('ABC123');
        expect(url.searchParams.get('redirect_uri')).toBeNull();
      });

      it('with redirect URI', async () => {
        const url = await redirectOf({ callbackURL: CALLBACK_URL });
        expect(url.searchParams.get('redirect_uri')).toBe(CALLBACK_URL);
      });

      it('with redirect URI and scope', async () => {
        const url = await redirectOf({ callbackURL: CALLBACK_URL, scope: 'email' });
        expect(url.searchParams.get('scope')).toBe('email');
      });

      it('with scope option', async () => {
        expect((await redirectOf({}, { scope: 'email' })).searchParams.get('scope')).toBe('email');
      });

      it('with scope option as array', async () => {
        expect((await redirectOf({}, { scope: ['permission_1', 'permission_2'] })).searchParams.get('scope')).toBe(
          'permission_1 permission_2',
        );
      });

      it('with state option: the given state is sent as it is', async () => {
        expect((await redirectOf({}, { state: 'foo123' })).searchParams.get('state')).toBe('foo123');
      });

      it('with redirect URI option', async () => {
        const url = await redirectOf({}, { callbackURL: 'https://www.example.net/auth/example/callback/alt1' });
        expect(url.searchParams.get('redirect_uri')).toBe('https://www.example.net/auth/example/callback/alt1');
      });

      it('with relative redirect URI option', async () => {
        const url = await redirectOf({}, { callbackURL: '/auth/example/callback/alt2' }, (req) => {
          req.url = '/auth/example/callback/alt2';
          req.connection = { encrypted: true };
        });
        expect(url.searchParams.get('redirect_uri')).toBe('https://www.example.net/auth/example/callback/alt2');
      });

      it('using an authorization endpoint that has query parameters, with scope option', async () => {
        const url = await redirectOf({ authorizationURL: `${AUTHORIZATION_URL}?foo=bar` }, { scope: 'email' });
        expect(url.searchParams.get('foo')).toBe('bar');
        expect(url.searchParams.get('scope')).toBe('email');
      });

      it('using an authorization endpoint that has query parameters including state, with state option', async () => {
        const url = await redirectOf(
          { authorizationURL: `${AUTHORIZATION_URL}?foo=bar&state=baz` },
          { state: 'foo123' },
        );
        expect(url.searchParams.get('foo')).toBe('bar');
        expect(url.searchParams.getAll('state')).toEqual(['foo123']);
      });

      it('sends a state by default (DIFFERENCE 2) and a default scope unless the provider wants none (DIFFERENCE 3)', async () => {
        const url = await redirectOf({});
        expect(url.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
        expect(url.searchParams.has('scope')).toBe(true);
      });
    });

    describe('using a relative redirect URI (oauth2.test.js)', () => {
      const relative = async (setup: (req: CompatRequest) => void, options: Record<string, unknown> = {}) => {
        const { outcome } = await runStrategy(
          make({ callbackURL: '/auth/example/callback', ...options }, verifyOk),
          (req) => {
            req.session = {};
            setup(req);
          },
        );
        return outcome.kind === 'redirect' ? new URL(outcome.url).searchParams.get('redirect_uri') : outcome.kind;
      };

      it('from a secure connection', async () => {
        expect(await relative((req) => (req.connection = { encrypted: true }))).toBe(CALLBACK_URL);
      });

      it('from an insecure connection', async () => {
        expect(await relative(() => undefined)).toBe('http://www.example.net/auth/example/callback');
      });

      it('behind a proxy the app trusts, with x-forwarded-proto and x-forwarded-host', async () => {
        const url = await relative((req) => {
          req.app = { get: (name: string) => (name === 'trust proxy' ? true : undefined) };
          req.headers['x-forwarded-proto'] = 'https';
          req.headers['x-forwarded-host'] = 'server.example.net';
        });
        expect(url).toBe('https://server.example.net/auth/example/callback');
      });

      it('behind a proxy the app does not trust', async () => {
        const url = await relative((req) => {
          req.headers['x-forwarded-proto'] = 'https';
          req.headers['x-forwarded-host'] = 'server.example.net';
        });
        expect(url).toBe('http://www.example.net/auth/example/callback');
      });

      it('behind a proxy the strategy trusts (proxy option)', async () => {
        const url = await relative(
          (req) => {
            req.headers['x-forwarded-proto'] = 'https';
            req.headers['x-forwarded-host'] = 'server.example.net';
          },
          { proxy: true },
        );
        expect(url).toBe('https://server.example.net/auth/example/callback');
      });
    });

    describe('processing response to authorization request (oauth2.test.js)', () => {
      const code = { code: 'SplxlOBeZQQYbYS6WxSbIA' };

      it('that was approved with redirect URI: supplies user and info', async () => {
        const strategy = make({ callbackURL: CALLBACK_URL }, verifyOk, exchangeStub({ redirect_uri: CALLBACK_URL }));
        const { outcome } = await callback(strategy, code);
        expect(outcome).toEqual({ kind: 'success', user: { id: '1234' }, info: { message: 'Hello' } });
      });

      it('that was approved with redirect URI option', async () => {
        const alt = 'https://www.example.net/auth/example/callback/alt1';
        const strategy = make({}, verifyOk, exchangeStub({ redirect_uri: alt }));
        const { session, state } = await authorize(strategy);
        const { outcome } = await runStrategy(
          strategy,
          (req) => {
            req.session = session;
            req.query = { ...code, state };
          },
          { callbackURL: alt },
        );
        expect(outcome).toMatchObject({ kind: 'success', user: { id: '1234' } });
      });

      it('using verify callback that accepts params', async () => {
        const verify = (
          _accessToken: string,
          _refreshToken: string,
          params: Record<string, unknown>,
          _profile: unknown,
          done: (...a: unknown[]) => void,
        ) => {
          if (params.example_parameter !== 'example_value') return done(new Error('incorrect params argument'));
          done(null, { id: '1234' }, { message: 'Hello' });
        };
        const { outcome } = await callback(make({}, verify, exchangeStub()), code);
        expect(outcome).toEqual({ kind: 'success', user: { id: '1234' }, info: { message: 'Hello' } });
      });

      it('using verify callback, in passReqToCallback mode', async () => {
        const verify = (
          req: CompatRequest,
          _accessToken: string,
          _r: string,
          _p: unknown,
          done: (...a: unknown[]) => void,
        ) => {
          if (req.url !== '/auth/example/callback') return done(new Error('incorrect req argument'));
          done(null, { id: '1234' }, { message: 'Hello' });
        };
        const { outcome } = await callback(make({ passReqToCallback: true }, verify, exchangeStub()), code);
        expect(outcome).toMatchObject({ kind: 'success', user: { id: '1234' } });
      });

      it('using verify callback that accepts params, in passReqToCallback mode', async () => {
        const verify = (
          req: CompatRequest,
          _a: string,
          _r: string,
          params: Record<string, unknown>,
          _p: unknown,
          done: (...a: unknown[]) => void,
        ) => {
          if (req.url !== '/auth/example/callback') return done(new Error('incorrect req argument'));
          if (params.example_parameter !== 'example_value') return done(new Error('incorrect params argument'));
          done(null, { id: '1234' }, { message: 'Hello' });
        };
        const { outcome } = await callback(make({ passReqToCallback: true }, verify, exchangeStub()), code);
        expect(outcome).toMatchObject({ kind: 'success', user: { id: '1234' } });
      });

      it('that fails due to verify callback supplying false', async () => {
        const verify = (_a: string, _r: string, _p: unknown, done: (...a: unknown[]) => void) => done(null, false);
        const { outcome } = await callback(make({}, verify, exchangeStub()), code);
        expect(outcome).toEqual({ kind: 'fail', challenge: undefined, status: undefined });
      });

      it('that fails due to verify callback supplying false with additional info', async () => {
        const verify = (_a: string, _r: string, _p: unknown, done: (...a: unknown[]) => void) =>
          done(null, false, { message: 'Invite required' });
        const { outcome } = await callback(make({}, verify, exchangeStub()), code);
        expect(outcome).toMatchObject({ kind: 'fail', challenge: { message: 'Invite required' } });
      });

      it('that was denied: fails without message', async () => {
        const { outcome } = await callback(make({}, verifyOk), { error: 'access_denied' });
        expect(outcome).toMatchObject({ kind: 'fail', challenge: { message: undefined } });
      });

      it('that was denied with description: fails with message', async () => {
        const { outcome } = await callback(make({}, verifyOk), {
          error: 'access_denied',
          error_description: 'Why oh why?',
        });
        expect(outcome).toMatchObject({ kind: 'fail', challenge: { message: 'Why oh why?' } });
      });

      it('that was returned with an error without description (status: DIFFERENCE 10)', async () => {
        const { outcome } = await callback(make({}, verifyOk), { error: 'invalid_scope' });
        expect(outcome.kind).toBe('error');
        const { error } = outcome as { error: Error & Record<string, unknown> };
        expect(error).toBeInstanceOf(AuthorizationError);
        expect(error.message).toBeUndefined();
        expect(error).toMatchObject({ code: 'invalid_scope', uri: undefined, status: 502 });
      });

      it('that was returned with an error with description (status: DIFFERENCE 10)', async () => {
        const { outcome } = await callback(make({}, verifyOk), {
          error: 'invalid_scope',
          error_description: 'The scope is invalid',
        });
        expect(outcome).toMatchObject({
          kind: 'error',
          error: { message: 'The scope is invalid', code: 'invalid_scope', status: 502 },
        });
      });

      it('that was returned with an error with description and link (status: DIFFERENCE 10)', async () => {
        const { outcome } = await callback(make({}, verifyOk), {
          error: 'invalid_scope',
          error_description: 'The scope is invalid',
          error_uri: 'http://www.example.com/oauth2/help',
        });
        expect(outcome).toMatchObject({
          kind: 'error',
          error: {
            message: 'The scope is invalid',
            code: 'invalid_scope',
            uri: 'http://www.example.com/oauth2/help',
            status: 502,
          },
        });
      });

      it('that was returned with an error whose state does not check out: neutral message (DIFFERENCE 5)', async () => {
        const { outcome } = await runStrategy(make({}, verifyOk), (req) => {
          req.session = {};
          req.query = { error: 'access_denied', error_description: 'Why oh why?' };
        });
        expect(outcome.kind).toBe('fail');
        expect((outcome as { challenge: { message: string } }).challenge.message).not.toContain('Why oh why?');
      });

      it('that errors due to token request error: the Error as it is (DIFFERENCE 6)', async () => {
        const failure = new Error('something went wrong');
        const { outcome } = await callback(
          make({}, verifyOk, (_c, _p, cb) => cb(failure)),
          code,
        );
        expect(outcome).toEqual({ kind: 'error', error: failure });
      });

      it('that errors due to token request error, in node-oauth object literal form with OAuth 2.0-compatible body', async () => {
        const stub: TokenStub = (_c, _p, cb) =>
          cb({
            statusCode: 400,
            data: '{"error":"invalid_grant","error_description":"The provided value for the input parameter \'code\' is not valid."} ',
          });
        const { outcome } = await callback(make({}, verifyOk, stub), code);
        expect(outcome.kind).toBe('error');
        const { error } = outcome as { error: Error & Record<string, unknown> };
        expect(error).toBeInstanceOf(TokenError);
        expect(error).toMatchObject({
          message: "The provided value for the input parameter 'code' is not valid.",
          code: 'invalid_grant',
        });
      });

      it('that errors due to token request error, in node-oauth object literal form with text body', async () => {
        const stub: TokenStub = (_c, _p, cb) => cb({ statusCode: 500, data: 'Something went wrong' });
        const { outcome } = await callback(make({}, verifyOk, stub), code);
        expect(outcome.kind).toBe('error');
        const { error } = outcome as { error: Error & Record<string, unknown> };
        expect(error).toBeInstanceOf(InternalOAuthError);
        expect(error.message).toBe('Failed to obtain access token');
      });

      it('that errors due to not receiving an access token', async () => {
        const { outcome } = await callback(
          make({}, verifyOk, (_c, _p, cb) => cb(null)),
          code,
        );
        expect(outcome).toMatchObject({ kind: 'error', error: { message: 'Failed to obtain access token' } });
      });

      it('that errors due to verify callback supplying error', async () => {
        const verify = (_a: string, _r: string, _p: unknown, done: (...a: unknown[]) => void) =>
          done(new Error('something went wrong'));
        const { outcome } = await callback(make({}, verify, exchangeStub()), code);
        expect(outcome).toMatchObject({ kind: 'error', error: { message: 'something went wrong' } });
      });

      it('that errors due to verify callback throwing error', async () => {
        const verify = () => {
          throw new Error('something was thrown');
        };
        const { outcome } = await callback(make({}, verify, exchangeStub()), code);
        expect(outcome).toMatchObject({ kind: 'error', error: { message: 'something was thrown' } });
      });
    });

    describe('state in the session (oauth2.state.session.test.js, oauth2.store.test.js)', () => {
      const code = { code: 'SplxlOBeZQQYbYS6WxSbIA' };

      it('saves state in the session, preserves other data, and removes the state once used', async () => {
        const strategy = make({}, verifyOk, exchangeStub());
        const session: Record<string, unknown> = { cart: { id: 1 } };
        const { outcome: sent } = await runStrategy(strategy, (req) => (req.session = session));
        const state = new URL((sent as { url: string }).url).searchParams.get('state');
        expect(JSON.stringify(session['oauth2:www.example.com'])).toContain(state as string);
        const { outcome } = await runStrategy(strategy, (req) => {
          req.session = session;
          req.query = { ...code, state };
        });
        expect(outcome).toMatchObject({ kind: 'success', user: { id: '1234' } });
        expect(session).toEqual({ cart: { id: 1 } });
      });

      it('that errors due to lack of session support in app', async () => {
        const { outcome } = await runStrategy(make({}, verifyOk));
        expect(outcome).toMatchObject({
          kind: 'error',
          error: {
            message:
              'OAuth 2.0 authentication requires session support when using state. Did you forget to use express-session middleware?',
          },
        });
      });

      it('that fails due to state being invalid', async () => {
        const { outcome } = await callback(make({}, verifyOk, exchangeStub()), {
          ...code,
          state: 'DkbychwKu8kBaJoLE5yeR5NK',
        });
        expect(outcome).toEqual({
          kind: 'fail',
          challenge: { message: 'Invalid authorization request state.' },
          status: 403,
        });
      });

      it('that fails due to provider-specific state not found in session', async () => {
        const { outcome } = await runStrategy(make({}, verifyOk, exchangeStub()), (req) => {
          req.session = {};
          req.query = { ...code, state: 'DkbychwKu8kBaJoLE5yeR5NK' };
        });
        expect(outcome).toEqual({
          kind: 'fail',
          challenge: { message: 'Unable to verify authorization request state.' },
          status: 403,
        });
      });

      it('that errors due to lack of session support in app, at the callback', async () => {
        const { outcome } = await runStrategy(make({}, verifyOk, exchangeStub()), (req) => {
          req.query = { ...code, state: 'DkbychwKu8kBaJoLE5yeR5NK' };
        });
        expect(outcome.kind).toBe('error');
      });

      it('with session key option', async () => {
        const strategy = make({ sessionKey: 'oauth2:example' }, verifyOk, exchangeStub());
        const { session } = await authorize(strategy);
        expect(Object.keys(session)).toEqual(['oauth2:example']);
      });

      it("through store: true (passport-oauth2's session store option)", async () => {
        const strategy = make({ store: true }, verifyOk, exchangeStub());
        const { outcome } = await callback(strategy, code);
        expect(outcome).toMatchObject({ kind: 'success', user: { id: '1234' } });
      });
    });

    describe('with custom state store (oauth2.state.custom.test.js)', () => {
      const code = { code: 'SplxlOBeZQQYbYS6WxSbIA' };
      const customStore = (
        behaviour: { storeError?: boolean; storeThrows?: boolean; verifyError?: boolean; state?: object } = {},
      ) => {
        const calls: { stored: unknown[]; verified: unknown[] } = { stored: [], verified: [] };
        const store = {
          store(_req: unknown, meta: unknown, cb: (err: Error | null, state?: string) => void) {
            calls.stored.push(meta);
            if (behaviour.storeThrows) throw new Error('something went horribly wrong');
            if (behaviour.storeError) return cb(new Error('something went wrong'));
            cb(null, 'foos7473');
          },
          verify(
            _req: unknown,
            state: string,
            meta: unknown,
            cb: (err: Error | null, ok: boolean, info?: unknown) => void,
          ) {
            calls.verified.push({ state, meta });
            if (behaviour.verifyError) return cb(new Error('something went wrong'), false);
            cb(null, state === 'foos7473', behaviour.state);
          },
        };
        return { store, calls };
      };

      it('serializes state using the custom store (store(req, meta, cb)), with meta', async () => {
        const { store, calls } = customStore();
        const strategy = make({ store, callbackURL: CALLBACK_URL }, verifyOk);
        const { outcome } = await runStrategy(strategy);
        expect(new URL((outcome as { url: string }).url).searchParams.get('state')).toBe('foos7473');
        expect(calls.stored).toEqual([
          { authorizationURL: AUTHORIZATION_URL, tokenURL: TOKEN_URL, clientID: 'ABC123', callbackURL: CALLBACK_URL },
        ]);
      });

      it('that errors due to custom store supplying error', async () => {
        const { store } = customStore({ storeError: true });
        const { outcome } = await runStrategy(make({ store }, verifyOk));
        expect(outcome).toMatchObject({ kind: 'error', error: { message: 'something went wrong' } });
      });

      it('that errors due to custom store throwing error', async () => {
        const { store } = customStore({ storeThrows: true });
        const { outcome } = await runStrategy(make({ store }, verifyOk));
        expect(outcome).toMatchObject({ kind: 'error', error: { message: 'something went horribly wrong' } });
      });

      it('verifies state using the custom store (verify(req, state, meta, cb)) and supplies user', async () => {
        const { store, calls } = customStore();
        const { outcome } = await runStrategy(make({ store }, verifyOk, exchangeStub()), (req) => {
          req.query = { ...code, state: 'foos7473' };
        });
        expect(outcome).toEqual({ kind: 'success', user: { id: '1234' }, info: { message: 'Hello' } });
        expect(calls.verified).toHaveLength(1);
      });

      it('that errors due to custom store supplying error at verify', async () => {
        const { store } = customStore({ verifyError: true });
        const { outcome } = await runStrategy(make({ store }, verifyOk, exchangeStub()), (req) => {
          req.query = { ...code, state: 'foos7473' };
        });
        expect(outcome).toMatchObject({ kind: 'error', error: { message: 'something went wrong' } });
      });

      it('supplies the state the store gives back in info', async () => {
        const { store } = customStore({ state: { returnTo: 'http://www.example.com/' } });
        const { outcome } = await runStrategy(make({ store }, verifyOk, exchangeStub()), (req) => {
          req.query = { ...code, state: 'foos7473' };
        });
        expect(outcome).toEqual({
          kind: 'success',
          user: { id: '1234' },
          info: { message: 'Hello', state: { returnTo: 'http://www.example.com/' } },
        });
      });

      it('with a two-argument store(req, cb) and a three-argument verify(req, state, cb)', async () => {
        const store = {
          store: (_req: unknown, cb: (err: Error | null, state?: string) => void) => cb(null, 'two-args'),
          verify: (_req: unknown, state: string, cb: (err: Error | null, ok: boolean) => void) =>
            cb(null, state === 'two-args'),
        };
        const strategy = make({ store }, verifyOk, exchangeStub());
        const { outcome: sent } = await runStrategy(strategy);
        expect(new URL((sent as { url: string }).url).searchParams.get('state')).toBe('two-args');
        const { outcome } = await runStrategy(strategy, (req) => (req.query = { ...code, state: 'two-args' }));
        expect(outcome).toMatchObject({ kind: 'success' });
      });
    });

    describe('PKCE (oauth2.pkce.test.js, oauth2.store.pkce.test.js)', () => {
      it('without state: true option throws', () => {
        expect(() => make({ state: false, pkce: true }, verifyOk)).toThrow(TypeError);
      });

      it.each([
        [true, 'S256'],
        ['S256', 'S256'],
        ['plain', 'plain'],
      ])('pkce: %p sends a %s challenge and the token request carries its verifier', async (pkce, method) => {
        const seen: Record<string, string>[] = [];
        const strategy = make({ pkce }, verifyOk, exchangeStub({}, seen));
        const { session, state, url } = await authorize(strategy);
        expect(url.searchParams.get('code_challenge_method')).toBe(method);
        const { outcome } = await runStrategy(strategy, (req) => {
          req.session = session;
          req.query = { code: 'SplxlOBeZQQYbYS6WxSbIA', state };
        });
        expect(outcome).toMatchObject({ kind: 'success', user: { id: '1234' } });
        const verifier = seen[0].code_verifier;
        const expected = method === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url');
        expect(url.searchParams.get('code_challenge')).toBe(expected);
      });
    });

    describe('skipUserProfile (oauth2.subclass.profile.test.js)', () => {
      const code = { code: 'SplxlOBeZQQYbYS6WxSbIA' };
      const profileOf = async (skipUserProfile: unknown) => {
        let profile: unknown = 'not called';
        const verify = (_a: string, _r: string, p: unknown, done: (...a: unknown[]) => void) => {
          profile = p;
          done(null, { id: '1234' });
        };
        const { outcome } = await callback(make({ skipUserProfile }, verify, exchangeStub()), code);
        expect(outcome.kind).toBe('success');
        return profile;
      };

      it('loads the profile by default and with false', async () => {
        expect(await profileOf(undefined)).toMatchObject({ id: '1234' });
        expect(await profileOf(false)).toMatchObject({ id: '1234' });
      });

      it('skips it with true', async () => {
        expect(await profileOf(true)).toBeUndefined();
      });

      it('calls a function of no parameters with no arguments', async () => {
        const args: unknown[][] = [];
        expect(
          await profileOf((...given: unknown[]) => {
            args.push(given);
            return true;
          }),
        ).toBeUndefined();
        expect(args).toEqual([[]]);
      });

      it('calls a function of one parameter with the access token (DIFFERENCE 9)', async () => {
        const tokens: string[] = [];
        const skip = (accessToken: string) => {
          tokens.push(accessToken);
          return accessToken.startsWith('2Yot');
        };
        expect(await profileOf(skip)).toBeUndefined();
        expect(tokens).toEqual(['2YotnFZFEjr1zCsicMWpAA']);
      });

      it('calls (accessToken, done) with the access token', async () => {
        const tokens: string[] = [];
        const skip = (accessToken: string, done: (err: unknown, skip: boolean) => void) => {
          tokens.push(accessToken);
          done(null, false);
        };
        expect(await profileOf(skip)).toMatchObject({ id: '1234' });
        expect(tokens).toEqual(['2YotnFZFEjr1zCsicMWpAA']);
      });

      it('passes on the error of (accessToken, done)', async () => {
        const skip = (_t: string, done: (err: unknown) => void) => done(new Error('something went wrong'));
        const { outcome } = await callback(make({ skipUserProfile: skip }, verifyOk, exchangeStub()), code);
        expect(outcome).toMatchObject({ kind: 'error', error: { message: 'something went wrong' } });
      });
    });
  });
}
