import nock from 'nock';
import { captureReply, completeLogin, createLoginApp, useNock, type CapturedRequest } from '@internal/test-support';
import { profileFromToken } from 'passport-mijnklantportaal';
import { tokenAnswer } from './fixtures/provider-answers';
import { MANAGE_HOST, makeStrategy } from './helpers';

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
