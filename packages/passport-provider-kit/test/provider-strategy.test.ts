import type { OAuth2 } from 'oauth';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import nock from 'nock';
import request from 'supertest';
import {
  captureReply,
  completeLogin,
  createLoginApp,
  startLogin,
  useNock,
  type CapturedRequest,
} from '@internal/test-support';
import {
  normalizeProfile,
  ProviderStrategy,
  ProviderTokenError,
  type ProviderStrategyOptions,
  type TokenParams,
  type VerifyCallback,
} from 'passport-provider-kit';
import {
  CLIENT_SECRET,
  OPTIONS,
  ORIGIN,
  TestStrategy,
  TOKEN_PATH,
  USER_PATH,
  type TestProfile,
} from './support/test-strategy';

/** The generic behaviour of ProviderStrategy, through a tiny provider subclass, Express and nock. */

useNock();

const TOKEN_ANSWER = {
  access_token: 'access-token-a1',
  refresh_token: 'refresh-token-r1',
  token_type: 'Bearer',
  expires_in: 3600,
  scope: 'user.read',
};
const USER = { id: 99, name: 'Zoë Ångström' };

const made: TestStrategy[] = [];
afterEach(() => made.splice(0).forEach((strategy) => strategy.close()));

/** A 4-argument verify that logs in with the profile id. */
function keepProfile(_at: string, _rt: string | undefined, profile: TestProfile, done: VerifyCallback): void {
  done(null, { id: profile.id, displayName: profile.displayName });
}

function strategy(options: Partial<ProviderStrategyOptions> = {}): TestStrategy {
  const created = new TestStrategy({ ...OPTIONS, ...options }, keepProfile);
  made.push(created);
  return created;
}

function track<T extends TestStrategy>(s: T): T {
  made.push(s);
  return s;
}

function mockToken(into: CapturedRequest[] = [], status = 200, answer: nock.Body = TOKEN_ANSWER): nock.Scope {
  return nock(ORIGIN)
    .post(TOKEN_PATH)
    .reply(captureReply(into, status, answer));
}

function mockUser(into: CapturedRequest[] = []): nock.Scope {
  return nock(ORIGIN)
    .get(USER_PATH)
    .reply(captureReply(into, 200, USER));
}

const fields = (body: string) => Object.fromEntries(new URLSearchParams(body));

describe('ProviderStrategy: a static checkOptions refuses bad provider options before describe', () => {
  it('calls checkOptions with the options, then describe; an error of checkOptions stops the construction', () => {
    const calls: string[] = [];
    class Checked extends TestStrategy {
      static checkOptions(options: ProviderStrategyOptions): void {
        calls.push('checkOptions');
        if ((options as { flavour?: string }).flavour === 'bad') throw new TypeError('TestProv strategy: bad flavour');
      }
      static override describe(options?: ProviderStrategyOptions) {
        calls.push('describe');
        return TestStrategy.describe(options);
      }
    }
    track(new Checked(OPTIONS, () => undefined));
    expect(calls).toEqual(['checkOptions', 'describe']);
    expect(() => new Checked({ ...OPTIONS, flavour: 'bad' } as ProviderStrategyOptions, () => undefined)).toThrow(
      'TestProv strategy: bad flavour',
    );
    expect(calls).toEqual(['checkOptions', 'describe', 'checkOptions']);
  });
});

describe('ProviderStrategy: required options', () => {
  it.each(['clientID', 'clientSecret'] as const)('a missing or empty %s is a TypeError naming it', (name) => {
    const without = { ...OPTIONS } as Partial<ProviderStrategyOptions>;
    delete without[name];
    expect(() => new TestStrategy(without as ProviderStrategyOptions, keepProfile)).toThrow(
      new TypeError(`TestProv strategy requires a ${name} option`),
    );
    expect(() => new TestStrategy({ ...OPTIONS, [name]: '' }, keepProfile)).toThrow(
      new TypeError(`TestProv strategy requires a ${name} option`),
    );
  });

  it('no options object is a TypeError', () => {
    expect(() => new TestStrategy(undefined as unknown as ProviderStrategyOptions, keepProfile)).toThrow(
      new TypeError('TestStrategy requires an options object'),
    );
  });

  it('a subclass without a static describe is a TypeError', () => {
    // @ts-expect-error: an abstract class instantiated on purpose
    class NoDescribe extends ProviderStrategy<TestProfile> {}
    expect(() => new NoDescribe(OPTIONS, keepProfile)).toThrow(
      new TypeError('NoDescribe must define a static describe(options)'),
    );
  });
});

describe('ProviderStrategy: numeric options are checked', () => {
  it.each(['timeout', 'maxResponseBytes', 'maxPendingStates', 'stateTTL'] as const)(
    '%s must be a positive number',
    (name) => {
      for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '1000']) {
        expect(() => new TestStrategy({ ...OPTIONS, [name]: bad }, keepProfile)).toThrow(
          new TypeError(`TestProv strategy: ${name} must be a positive number`),
        );
      }
    },
  );

  it('a tokenURL that is not absolute is a TypeError', () => {
    expect(() => new TestStrategy({ ...OPTIONS, tokenURL: '/token' }, keepProfile)).toThrow(
      new TypeError('TestProv strategy: /token is not an absolute URL'),
    );
  });
});

describe('ProviderStrategy: the authorize redirect', () => {
  it('carries client_id, redirect_uri, response_type, the default scope joined by the separator, and a state', async () => {
    const { location, state } = await startLogin(createLoginApp(strategy()));
    expect(location.origin + location.pathname).toBe(`${ORIGIN}/oauth/authorize`);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      response_type: 'code',
      client_id: OPTIONS.clientID,
      redirect_uri: OPTIONS.callbackURL,
      scope: 'user.read,email',
      state,
    });
    expect(state).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('uses the scope and authorizationURL options over the defaults, and never sends the secret', async () => {
    const s = strategy({ scope: ['a', 'b'], authorizationURL: 'https://sandbox.test/authorize' });
    const { location } = await startLogin(createLoginApp(s));
    expect(location.origin).toBe('https://sandbox.test');
    expect(location.searchParams.get('scope')).toBe('a,b');
    expect(location.href).not.toContain(CLIENT_SECRET);
  });

  it('is named after the provider', () => {
    expect(strategy().name).toBe('testprov');
  });
});

describe('ProviderStrategy: state is on by default', () => {
  it('a callback without state fails with 403 and makes no token request', async () => {
    const token = mockToken();
    const { agent } = await startLogin(createLoginApp(strategy()));
    const res = await agent.get('/callback').query({ code: 'c' });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ failure: { message: 'Invalid authorization request state.' } });
    expect(token.isDone()).toBe(false);
  });

  it('a callback with a wrong state fails with 403 and makes no token request', async () => {
    const token = mockToken();
    const { agent } = await startLogin(createLoginApp(strategy()));
    const res = await agent.get('/callback').query({ code: 'c', state: 'forged-state' });
    expect(res.status).toBe(403);
    expect(res.body.failure.message).toBe('Invalid authorization request state.');
    expect(token.isDone()).toBe(false);
  });

  it('a replayed state fails with 403 and makes no second token request', async () => {
    const seen: CapturedRequest[] = [];
    mockToken(seen);
    mockUser();
    const login = await startLogin(createLoginApp(strategy()));
    expect((await login.agent.get('/callback').query({ code: 'c', state: login.state })).status).toBe(200);
    const token = mockToken(seen);
    const replay = await login.agent.get('/callback').query({ code: 'c', state: login.state });
    expect(replay.status).toBe(403);
    expect(token.isDone()).toBe(false);
    expect(seen).toHaveLength(1);
  });

  it('two logins started in two tabs both complete', async () => {
    mockToken().persist();
    mockUser().persist();
    const app = createLoginApp(strategy());
    const first = await startLogin(app);
    const second = await startLogin(app, first.agent);
    expect((await second.agent.get('/callback').query({ code: 'c2', state: second.state })).status).toBe(200);
    expect((await first.agent.get('/callback').query({ code: 'c1', state: first.state })).status).toBe(200);
  });

  it('state: false sends no state and accepts a callback without one', async () => {
    mockToken();
    mockUser();
    const app = createLoginApp(strategy({ state: false }));
    const { agent, location } = await startLogin(app);
    expect(location.searchParams.has('state')).toBe(false);
    const res = await agent.get('/callback').query({ code: 'c' });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ id: '99', displayName: 'Zoë Ångström' });
  });
});

describe('ProviderStrategy: PKCE', () => {
  it('sends an S256 challenge and then the matching verifier in the token request', async () => {
    const seen: CapturedRequest[] = [];
    mockToken(seen);
    mockUser();
    const login = await startLogin(createLoginApp(strategy({ pkce: true })));
    expect(login.location.searchParams.get('code_challenge_method')).toBe('S256');
    const challenge = login.location.searchParams.get('code_challenge');
    const res = await login.agent.get('/callback').query({ code: 'c', state: login.state });
    expect(res.status).toBe(200);
    const verifier = fields(seen[0].body).code_verifier;
    expect(verifier).toMatch(/^[A-Za-z0-9_~.-]{43,128}$/);
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(challenge);
  });

  it('pkce with state: false is a TypeError', () => {
    expect(() => strategy({ pkce: true, state: false })).toThrow(
      new TypeError('TestProv strategy: pkce needs state (do not set state: false)'),
    );
  });
});

describe('ProviderStrategy: the token request of a login', () => {
  it('posts the code, grant type, redirect_uri and credentials, and no code_verifier without PKCE', async () => {
    const seen: CapturedRequest[] = [];
    mockToken(seen);
    mockUser();
    expect((await completeLogin(createLoginApp(strategy()), 'the-code')).status).toBe(200);
    expect(fields(seen[0].body)).toEqual({
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: OPTIONS.callbackURL,
      client_id: OPTIONS.clientID,
      client_secret: CLIENT_SECRET,
    });
  });

  it('a token error reaches the app as a ProviderTokenError with the provider status and text', async () => {
    mockToken([], 400, { error: 'invalid_grant', error_description: 'Code already used.' });
    const outcome = await completeLogin(createLoginApp(strategy()));
    expect(outcome.status).toBe(400);
    expect(outcome.body.error).toEqual({
      name: 'ProviderTokenError',
      message: 'TestProv token endpoint answered 400: Code already used.',
      status: 400,
      code: 'invalid_grant',
      reason: 'provider_error',
    });
  });
});

describe('ProviderStrategy: the profile request', () => {
  it('sends the access token as a Bearer header, never in the URL, with the API headers', async () => {
    const seen: CapturedRequest[] = [];
    mockToken();
    mockUser(seen);
    await completeLogin(createLoginApp(strategy()));
    expect(seen[0].path).toBe(USER_PATH);
    expect(seen[0].headers.authorization).toBe(`Bearer ${TOKEN_ANSWER.access_token}`);
    expect(seen[0].headers.accept).toBe('application/json');
    expect(seen[0].headers['x-api-version']).toBe('3');
  });

  it('an access token that cannot go in a header fails the login with a typed error, not a crash', async () => {
    mockToken([], 200, { access_token: 'bad\r\ntoken' });
    const outcome = await completeLogin(createLoginApp(strategy()));
    expect(outcome.status).toBe(502);
    expect(outcome.body.error).toMatchObject({ name: 'ProviderApiError', reason: 'network' });
    expect(outcome.body.error?.message).toBe('TestProv user endpoint could not be sent (ERR_INVALID_CHAR)');
  });

  it('loadProfile receives the token answer of the login as its second argument', async () => {
    mockToken();
    mockUser();
    const s = strategy();
    await completeLogin(createLoginApp(s));
    expect(s.profileCalls).toEqual([{ accessToken: TOKEN_ANSWER.access_token, params: TOKEN_ANSWER }]);
  });

  it('loadProfile receives undefined params outside a login', async () => {
    mockUser();
    const s = strategy();
    const profile = await new Promise<TestProfile | undefined>((resolve, reject) =>
      s.userProfile('some-token', (err, p) => (err ? reject(err) : resolve(p))),
    );
    expect(profile?.id).toBe('99');
    expect(s.profileCalls).toEqual([{ accessToken: 'some-token', params: undefined }]);
  });

  it('skipUserProfile: true makes no profile request and gives verify no profile', async () => {
    mockToken();
    const user = nock(ORIGIN).get(USER_PATH).reply(200, USER);
    const verify = (at: string, _rt: string | undefined, profile: TestProfile | undefined, done: VerifyCallback) =>
      done(null, { at, hasProfile: profile !== undefined });
    const s = track(new TestStrategy({ ...OPTIONS, skipUserProfile: true }, verify));
    const outcome = await completeLogin(createLoginApp(s));
    expect(outcome.body.user).toEqual({ at: TOKEN_ANSWER.access_token, hasProfile: false });
    expect(user.isDone()).toBe(false);
    expect(s.profileCalls).toEqual([]);
  });

  it('an (accessToken, done) skipUserProfile that calls back later still gives loadProfile the token answer', async () => {
    mockToken();
    mockUser();
    const later = (_at: string, done: (err: unknown, skip?: boolean) => void) => setImmediate(() => done(null, false));
    const s = strategy({ skipUserProfile: later });
    await completeLogin(createLoginApp(s));
    expect(s.profileCalls).toEqual([{ accessToken: TOKEN_ANSWER.access_token, params: TOKEN_ANSWER }]);
  });

  it.each([
    ['no parameter', () => boolean()],
    ['one parameter', (_accessToken: string) => boolean()],
  ])('a skipUserProfile of %s that throws fails the login with its error', async (_what, skip) => {
    mockToken();
    const outcome = await completeLogin(createLoginApp(strategy({ skipUserProfile: skip })));
    expect(outcome.status).toBe(500);
    expect(outcome.body.error).toMatchObject({ message: 'cannot decide' });
  });
});

function boolean(): boolean {
  throw new Error('cannot decide');
}

describe('ProviderStrategy: loadProfile resolves the profile or rejects', () => {
  const fromTokenStrategies: Array<ProviderStrategy<TestProfile>> = [];
  afterEach(() => fromTokenStrategies.splice(0).forEach((s) => s.close()));

  /** A strategy whose loadProfile answers through `answer`, without HTTP. */
  function fromToken(answer: (accessToken: string) => Promise<TestProfile>): ProviderStrategy<TestProfile> {
    class FromToken extends ProviderStrategy<TestProfile> {
      static describe = TestStrategy.describe;
      protected override loadProfile(accessToken: string): Promise<TestProfile> {
        return answer(accessToken);
      }
    }
    const created = new FromToken(OPTIONS, keepProfile);
    fromTokenStrategies.push(created);
    return created;
  }
  const profileOf = (accessToken: string): TestProfile =>
    normalizeProfile(
      'testprov',
      'TestProv',
      'access token',
      { id: accessToken.length, displayName: 'Direct' },
      '{}',
      {},
    );
  const userProfileOf = (s: ProviderStrategy<TestProfile>) =>
    new Promise<{ err: unknown; profile?: TestProfile; calls: number }>((resolve) => {
      let calls = 0;
      s.userProfile('abc', (err, profile) => {
        calls += 1;
        setImmediate(() => resolve({ err, profile, calls }));
      });
    });

  it('a resolved profile completes a login', async () => {
    mockToken();
    const outcome = await completeLogin(createLoginApp(fromToken(async (token) => profileOf(token))));
    expect(outcome.body.user).toEqual({ id: String(TOKEN_ANSWER.access_token.length), displayName: 'Direct' });
  });

  it('a throw (instead of a rejection) is the login error, and done is called once', async () => {
    const error = new Error('the token says no');
    const outcome = await userProfileOf(
      fromToken(() => {
        throw error;
      }),
    );
    expect(outcome).toEqual({ err: error, profile: undefined, calls: 1 });
  });

  it('a rejected promise is the login error', async () => {
    const error = new Error('later no');
    const outcome = await userProfileOf(fromToken(() => Promise.reject(error)));
    expect(outcome.err).toBe(error);
  });
});

describe('ProviderStrategy: the callback error parameter (as passport-oauth2, once the state checks out)', () => {
  it('error=access_denied with a valid state is a failed login (401) with the description as message', async () => {
    const token = mockToken();
    const { agent, state } = await startLogin(createLoginApp(strategy()));
    const res = await agent
      .get('/callback')
      .query({ error: 'access_denied', error_description: 'The user said no', state: state ?? '' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ failure: { message: 'The user said no' } });
    expect(token.isDone()).toBe(false);
  });

  it('error=access_denied without a description fails without a message', async () => {
    const { agent, state } = await startLogin(createLoginApp(strategy()));
    const res = await agent.get('/callback').query({ error: 'access_denied', state: state ?? '' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ failure: {} });
  });

  it('another error is an AuthorizationError with the description (cleaned, redacted), error_uri as uri and passport-oauth2 status mapping', async () => {
    const token = mockToken();
    const { agent, state } = await startLogin(createLoginApp(strategy()));
    const res = await agent.get('/callback').query({
      error: 'temporarily_unavailable',
      error_description: `Try later\r\nsecret=${CLIENT_SECRET}`,
      error_uri: 'https://provider.example/errors/1',
      state: state ?? '',
    });
    expect(res.status).toBe(503);
    expect(res.body.error).toEqual({
      name: 'AuthorizationError',
      message: 'Try later secret=[redacted]',
      status: 503,
      code: 'temporarily_unavailable',
      uri: 'https://provider.example/errors/1',
    });
    expect(token.isDone()).toBe(false);
  });

  it('an error code passport-oauth2 does not map answers 502 (passport-oauth2: 500; issue 23 item 4)', async () => {
    const { agent, state } = await startLogin(createLoginApp(strategy()));
    const res = await agent.get('/callback').query({ error: 'unauthorized_client', state: state ?? '' });
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ name: 'AuthorizationError', code: 'unauthorized_client' });
  });

  it('a percent-encoded error parameter name (%65rror) is read the same way', async () => {
    const token = mockToken();
    const { agent, state } = await startLogin(createLoginApp(strategy()));
    const res = await agent.get(`/callback?%65rror=access_denied&error_%64escription=No%20thanks&state=${state}`);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ failure: { message: 'No thanks' } });
    expect(token.isDone()).toBe(false);
  });
});

describe("ProviderStrategy: a callback error's description is shown only when the state checks out (issue 13 item 3)", () => {
  const attackerText = 'Your account is locked. Call +31 20 000 0000';

  it('without a session, access_denied shows a neutral message, not the description', async () => {
    const res = await request(createLoginApp(strategy()))
      .get('/callback')
      .query({ error: 'access_denied', error_description: attackerText });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ failure: { message: 'TestProv did not complete the login.' } });
  });

  it('with a wrong state, another error carries a neutral message and no uri, and answers 403', async () => {
    const { agent, state } = await startLogin(createLoginApp(strategy()));
    const res = await agent.get('/callback').query({
      error: 'server_error',
      error_description: attackerText,
      error_uri: 'https://evil.example/',
      state: `${state}x`,
    });
    expect(res.status).toBe(403);
    expect(res.body.error).toEqual({
      name: 'AuthorizationError',
      message: 'TestProv did not complete the login.',
      status: 403,
      code: 'server_error',
    });
  });

  it('an error callback uses up its state: the same state cannot then complete a login', async () => {
    const token = mockToken();
    const { agent, state } = await startLogin(createLoginApp(strategy()));
    await agent.get('/callback').query({ error: 'access_denied', state: state ?? '' });
    const res = await agent.get('/callback').query({ code: 'c', state: state ?? '' });
    expect(res.status).toBe(403);
    expect(token.isDone()).toBe(false);
  });

  it('with state off, the description is never shown', async () => {
    const res = await request(createLoginApp(strategy({ state: false })))
      .get('/callback')
      .query({ error: 'access_denied', error_description: attackerText });
    expect(res.body).toEqual({ failure: { message: 'TestProv did not complete the login.' } });
  });

  it('an error code with characters RFC 6749 does not allow becomes invalid_request', async () => {
    const { agent, state } = await startLogin(createLoginApp(strategy()));
    const res = await agent.get('/callback').query({ error: 'bad"code\\', state: state ?? '' });
    expect(res.body.error).toMatchObject({ code: 'invalid_request' });
  });
});

describe('ProviderStrategy: an unusual code is refused before any token request', () => {
  it.each([
    ['an array (code=a&code=b)', ['a', 'b']],
    ['longer than 4096 characters', 'c'.repeat(4097)],
  ])('a code that is %s -> 400 AuthorizationError', async (_what, code) => {
    const token = mockToken();
    const login = await startLogin(createLoginApp(strategy()));
    const res = await login.agent.get('/callback').query({ code, state: login.state });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ name: 'AuthorizationError', code: 'invalid_request', status: 400 });
    expect(res.body.error.message).toBe(
      'TestProv callback carried an authorization code that is not a single string of at most 4096 characters',
    );
    expect(token.isDone()).toBe(false);
  });

  it('a code of exactly 4096 characters with unusual characters is passed through, form-encoded', async () => {
    const seen: CapturedRequest[] = [];
    mockToken(seen);
    mockUser();
    const code = `${'&=+%/ é'.repeat(585)}x`;
    expect(code).toHaveLength(4096);
    expect((await completeLogin(createLoginApp(strategy()), code)).status).toBe(200);
    expect(fields(seen[0].body).code).toBe(code);
  });
});

describe('ProviderStrategy: refresh()', () => {
  it('posts grant_type=refresh_token with the credentials and returns a rotated refresh token', async () => {
    const seen: CapturedRequest[] = [];
    mockToken(seen, 200, { access_token: 'new-access', refresh_token: 'new-refresh', expires_in: '60' });
    const tokens = await strategy().refresh('old-refresh-token');
    expect(fields(seen[0].body)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'old-refresh-token',
      client_id: OPTIONS.clientID,
      client_secret: CLIENT_SECRET,
    });
    expect(tokens).toEqual({
      accessToken: 'new-access',
      refreshToken: 'new-refresh',
      expiresIn: 60,
      params: { access_token: 'new-access', refresh_token: 'new-refresh', expires_in: 60 },
    });
  });

  it('adds the fields the definition declares for the refresh grant (Mollie: redirect_uri), also through _oauth2', async () => {
    class WithGrantFields extends TestStrategy {
      static override describe() {
        const base = TestStrategy.describe();
        const grantFields = { refresh_token: { redirect_uri: 'https://app.example/cb' } };
        return { ...base, token: { ...base.token, grantFields } };
      }
    }
    const seen: CapturedRequest[] = [];
    mockToken(seen, 200, { access_token: 'new-access' });
    mockToken(seen, 200, { access_token: 'new-access' });
    const made = track(new WithGrantFields(OPTIONS, () => undefined));
    await made.refresh('old-refresh-token');
    await new Promise((resolve) =>
      (made as unknown as { _oauth2: OAuth2 })._oauth2.getOAuthAccessToken(
        'old-refresh-token',
        { grant_type: 'refresh_token' },
        resolve,
      ),
    );
    for (const request of seen) {
      expect(fields(request.body)).toMatchObject({
        grant_type: 'refresh_token',
        redirect_uri: 'https://app.example/cb',
      });
    }
    expect(seen).toHaveLength(2);
  });

  it('keeps the old refresh token when the answer has none', async () => {
    mockToken([], 200, { access_token: 'new-access' });
    const tokens = await strategy().refresh('old-refresh-token');
    expect(tokens.refreshToken).toBe('old-refresh-token');
    expect(tokens.expiresIn).toBeUndefined();
  });

  it('a refusal is a ProviderTokenError that never shows the refresh token', async () => {
    mockToken([], 400, { error: 'invalid_grant', error_description: 'Refresh token old-refresh-token is revoked' });
    const error = await strategy()
      .refresh('old-refresh-token')
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ProviderTokenError);
    expect((error as Error).message).toBe('TestProv token endpoint answered 400: Refresh token [redacted] is revoked');
  });

  it.each([
    ['the empty string', ''],
    ['undefined', undefined],
    ['a number', 42],
  ])('refresh(%s) rejects with a TypeError and makes no request', async (_what, value) => {
    const token = mockToken();
    await expect(strategy().refresh(value as string)).rejects.toThrow(
      new TypeError('TestProv refresh() requires a refresh token'),
    );
    expect(token.isDone()).toBe(false);
  });
});

describe('ProviderStrategy: the four verify forms', () => {
  async function loginWith(s: TestStrategy) {
    mockToken();
    mockUser();
    return completeLogin(createLoginApp(track(s)), 'code-v');
  }

  it('(accessToken, refreshToken, profile, done)', async () => {
    const verify = (at: string, rt: string | undefined, profile: TestProfile, done: VerifyCallback) =>
      done(null, { at, rt, id: profile.id });
    const outcome = await loginWith(new TestStrategy(OPTIONS, verify));
    expect(outcome.body.user).toEqual({ at: TOKEN_ANSWER.access_token, rt: TOKEN_ANSWER.refresh_token, id: '99' });
  });

  it('(accessToken, refreshToken, params, profile, done)', async () => {
    const verify = (
      _at: string,
      _rt: string | undefined,
      params: TokenParams,
      profile: TestProfile,
      done: VerifyCallback,
    ) => done(null, { params, id: profile.id });
    const outcome = await loginWith(new TestStrategy(OPTIONS, verify));
    expect(outcome.body.user).toEqual({ params: TOKEN_ANSWER, id: '99' });
  });

  it('(req, accessToken, refreshToken, profile, done) with passReqToCallback', async () => {
    const verify = (req: Request, at: string, _rt: string | undefined, profile: TestProfile, done: VerifyCallback) =>
      done(null, { code: req.query.code, at, id: profile.id });
    const outcome = await loginWith(new TestStrategy({ ...OPTIONS, passReqToCallback: true }, verify));
    expect(outcome.body.user).toEqual({ code: 'code-v', at: TOKEN_ANSWER.access_token, id: '99' });
  });

  it('(req, accessToken, refreshToken, params, profile, done) with passReqToCallback', async () => {
    const verify = (
      req: Request,
      _at: string,
      _rt: string | undefined,
      params: TokenParams,
      profile: TestProfile,
      done: VerifyCallback,
    ) => done(null, { code: req.query.code, scope: params.scope, id: profile.id });
    const outcome = await loginWith(new TestStrategy({ ...OPTIONS, passReqToCallback: true }, verify));
    expect(outcome.body.user).toEqual({ code: 'code-v', scope: 'user.read', id: '99' });
  });

  it('verify failing with done(null, false, info) is a failed login', async () => {
    const verify = (_at: string, _rt: string | undefined, _p: TestProfile, done: VerifyCallback) =>
      done(null, false, { message: 'not invited' });
    const outcome = await loginWith(new TestStrategy(OPTIONS, verify));
    expect(outcome.status).toBe(401);
    expect(outcome.body.failure).toEqual({ message: 'not invited' });
  });
});
