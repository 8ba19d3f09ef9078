import nock from 'nock';
import { captureReply, completeLogin, createLoginApp, useNock, type CapturedRequest } from '@internal/test-support';
import { profileFromToken } from 'passport-mijnklantportaal';
import { resetUnstableIdWarning, UNSTABLE_ID_WARNING, UNSTABLE_ID_WARNING_CODE } from '../src/unstable-id-warning';
import { makeStrategy, MANAGE_HOST, tokenAnswer } from './support';

useNock();

const API_HOST = 'https://api.mijnklantportaal.nl';
const PROFILE_URL = `${API_HOST}/v1/whoami`;

/** Counts requests to anything but the local test app that no mock matched: any stray HTTP call. */
function countStrayRequests(): { count: () => number; stop: () => void } {
  let count = 0;
  const listener = (options: { hostname?: string }): void => {
    if (options?.hostname !== '127.0.0.1') count += 1;
  };
  nock.emitter.on('no match', listener);
  return { count: () => count, stop: () => nock.emitter.removeListener('no match', listener) };
}

describe('default profile: no identity endpoint, so no HTTP call', () => {
  it('builds the profile from the token answer alone: provider, granted scopes, idFromToken', async () => {
    const stray = countStrayRequests();
    const token = nock(MANAGE_HOST).post('/oauth/tokens').reply(200, tokenAnswer);
    const outcome = await completeLogin(createLoginApp(makeStrategy()));
    stray.stop();
    expect(outcome.status).toBe(200);
    expect(token.isDone()).toBe(true);
    expect(stray.count()).toBe(0);
    expect(outcome.body.user).toMatchObject({
      provider: 'mijnklantportaal',
      displayName: 'MijnKlantportaal account',
      scopes: ['customers.read'],
      idFromToken: true,
    });
  });

  it('takes the scopes from the token answer when it has a scope', async () => {
    nock(MANAGE_HOST)
      .post('/oauth/tokens')
      .reply(200, { ...tokenAnswer, scope: 'customers.read invoices.read' });
    const outcome = await completeLogin(
      createLoginApp(makeStrategy({ scope: ['customers.read', 'invoices.read', 'files.read'] })),
    );
    expect(outcome.body.user?.scopes).toEqual(['customers.read', 'invoices.read']);
  });

  it('falls back to the requested scopes when the token answer has none (the documented answer has none)', async () => {
    nock(MANAGE_HOST).post('/oauth/tokens').reply(200, tokenAnswer);
    const outcome = await completeLogin(createLoginApp(makeStrategy({ scope: ['tickets.read', 'files.read'] })));
    expect(outcome.body.user?.scopes).toEqual(['tickets.read', 'files.read']);
  });

  it('derives the id from the access token without exposing the token', async () => {
    nock(MANAGE_HOST).post('/oauth/tokens').reply(200, tokenAnswer);
    const outcome = await completeLogin(createLoginApp(makeStrategy()));
    const user = outcome.body.user ?? {};
    expect(user.id).toMatch(/^token-[0-9a-f]{32}$/);
    expect(JSON.stringify(user)).not.toContain(tokenAnswer.access_token);
  });

  it('gives the same id for the same token and a different id for another token (so it is not stable across logins)', () => {
    const a = profileFromToken('token-a', ['customers.read']);
    expect(profileFromToken('token-a', ['customers.read']).id).toBe(a.id);
    expect(profileFromToken('token-b', ['customers.read']).id).not.toBe(a.id);
    expect(a.id).not.toBe('token-a');
  });
});

describe('userProfileURL: opt-in profile endpoint', () => {
  const account = { id: 'prt_42', company_name: 'Bakkerij Ångström', email: 'info@bakkerij.example' };

  it('GETs the URL with the bearer token in both Authorization and Authentication by default', async () => {
    const seen: CapturedRequest[] = [];
    nock(MANAGE_HOST).post('/oauth/tokens').reply(200, tokenAnswer);
    nock(API_HOST)
      .get('/v1/whoami')
      .reply(captureReply(seen, 200, account));
    const outcome = await completeLogin(createLoginApp(makeStrategy({ userProfileURL: PROFILE_URL })));
    expect(outcome.status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0].headers.authorization).toBe(`Bearer ${tokenAnswer.access_token}`);
    expect(seen[0].headers.authentication).toBe(`Bearer ${tokenAnswer.access_token}`);
    expect(seen[0].path).toBe('/v1/whoami');
  });

  it("with bearerHeader: 'Authorization' sends only Authorization", async () => {
    const seen: CapturedRequest[] = [];
    nock(MANAGE_HOST).post('/oauth/tokens').reply(200, tokenAnswer);
    nock(API_HOST)
      .get('/v1/whoami')
      .reply(captureReply(seen, 200, account));
    await completeLogin(createLoginApp(makeStrategy({ userProfileURL: PROFILE_URL, bearerHeader: 'Authorization' })));
    expect(seen[0].headers.authorization).toBe(`Bearer ${tokenAnswer.access_token}`);
    expect(seen[0].headers.authentication).toBeUndefined();
  });

  it("with bearerHeader: 'Authentication' sends only Authentication", async () => {
    const seen: CapturedRequest[] = [];
    nock(MANAGE_HOST).post('/oauth/tokens').reply(200, tokenAnswer);
    nock(API_HOST)
      .get('/v1/whoami')
      .reply(captureReply(seen, 200, account));
    await completeLogin(createLoginApp(makeStrategy({ userProfileURL: PROFILE_URL, bearerHeader: 'Authentication' })));
    expect(seen[0].headers.authentication).toBe(`Bearer ${tokenAnswer.access_token}`);
    expect(seen[0].headers.authorization).toBeUndefined();
  });

  it('refuses an unknown bearerHeader or a relative userProfileURL with a TypeError', () => {
    expect(() => makeStrategy({ bearerHeader: 'X-Token' as 'Authorization' })).toThrow(TypeError);
    expect(() => makeStrategy({ userProfileURL: '/v1/whoami' })).toThrow(TypeError);
  });

  it('maps id, name or company_name, and email; the id is then stable (idFromToken: false)', async () => {
    nock(MANAGE_HOST).post('/oauth/tokens').reply(200, tokenAnswer);
    nock(API_HOST).get('/v1/whoami').reply(200, account);
    const outcome = await completeLogin(createLoginApp(makeStrategy({ userProfileURL: PROFILE_URL })));
    expect(outcome.body.user).toMatchObject({
      provider: 'mijnklantportaal',
      id: 'prt_42',
      displayName: 'Bakkerij Ångström',
      emails: [{ value: 'info@bakkerij.example' }],
      scopes: ['customers.read'],
      idFromToken: false,
      _json: { ...account, scopes: ['customers.read'] },
    });
  });

  it('refuses an answer without an id', async () => {
    nock(MANAGE_HOST).post('/oauth/tokens').reply(200, tokenAnswer);
    nock(API_HOST).get('/v1/whoami').reply(200, { name: 'No id' });
    const outcome = await completeLogin(createLoginApp(makeStrategy({ userProfileURL: PROFILE_URL })));
    expect(outcome.body.error).toMatchObject({
      name: 'ProviderApiError',
      reason: 'invalid_profile',
      message: 'MijnKlantportaal user endpoint answered 200 without an id',
    });
  });
});

describe('without userProfileURL, profile.id changes at every login (no identity endpoint is documented)', () => {
  it('two logins of the same account give two different ids, both marked idFromToken', async () => {
    nock(MANAGE_HOST)
      .post('/oauth/tokens')
      .reply(200, { ...tokenAnswer, access_token: 'first-login-token' })
      .post('/oauth/tokens')
      .reply(200, { ...tokenAnswer, access_token: 'second-login-token' });
    const strategy = makeStrategy();
    const first = await completeLogin(createLoginApp(strategy));
    const second = await completeLogin(createLoginApp(strategy));
    expect(first.body.user).toMatchObject({ idFromToken: true, id: expect.stringMatching(/^token-/) });
    expect(second.body.user).toMatchObject({ idFromToken: true, id: expect.stringMatching(/^token-/) });
    expect(first.body.user?.id).not.toBe(second.body.user?.id);
  });
});

describe('a warning the first time a strategy is made without userProfileURL in development', () => {
  const nodeEnv = process.env.NODE_ENV;
  let emitWarning: jest.SpyInstance;

  beforeEach(() => {
    resetUnstableIdWarning();
    emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  });
  afterEach(() => {
    emitWarning.mockRestore();
    process.env.NODE_ENV = nodeEnv;
  });

  it('warns once per process with NODE_ENV=development, saying what to key users on instead', () => {
    process.env.NODE_ENV = 'development';
    makeStrategy();
    makeStrategy();
    expect(emitWarning).toHaveBeenCalledTimes(1);
    expect(emitWarning).toHaveBeenCalledWith(UNSTABLE_ID_WARNING, { code: UNSTABLE_ID_WARNING_CODE });
    expect(UNSTABLE_ID_WARNING).toContain('changes at every login');
    expect(UNSTABLE_ID_WARNING).toContain('req.user');
    expect(UNSTABLE_ID_WARNING).toContain('userProfileURL');
  });

  it('does not warn with userProfileURL', () => {
    process.env.NODE_ENV = 'development';
    makeStrategy({ userProfileURL: 'https://api.mijnklantportaal.nl/v1/whoami' });
    expect(emitWarning).not.toHaveBeenCalled();
  });

  it('does not warn when the profile is skipped', () => {
    process.env.NODE_ENV = 'development';
    makeStrategy({ skipUserProfile: true });
    expect(emitWarning).not.toHaveBeenCalled();
  });

  it.each(['production', 'test', undefined])('does not warn with NODE_ENV=%s', (value) => {
    if (value === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = value;
    makeStrategy();
    expect(emitWarning).not.toHaveBeenCalled();
  });
});
