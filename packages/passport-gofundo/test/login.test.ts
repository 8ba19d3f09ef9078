import nock from 'nock';
import { completeLogin, createLoginApp, startLogin, useNock } from '@internal/test-support';
import { Strategy, type GofundoProfile, type VerifyCallback } from 'passport-gofundo';

useNock();

const options = { clientID: 'client-1', clientSecret: 'shh-secret', callbackURL: 'http://localhost/callback' };
const verify = (_a: string, _r: string | undefined, profile: GofundoProfile, done: VerifyCallback) => done(null, profile);

describe('authorize redirect', () => {
  it('sends the documented parameters with scope as the empty string', async () => {
    const { location, state } = await startLogin(createLoginApp(new Strategy(options, verify)));
    expect(location.origin + location.pathname).toBe('https://gofundo.nl/oauth/authorize');
    expect(location.searchParams.get('scope')).toBe('');
    expect(location.searchParams.get('response_type')).toBe('code');
    expect(location.searchParams.get('client_id')).toBe('client-1');
    expect(state).toMatch(/^[\w-]{20,}$/);
  });
});

describe('login', () => {
  it('exchanges the code with Accept: application/json and reads /api/user', async () => {
    const scope = nock('https://gofundo.nl', { reqheaders: { accept: 'application/json' } })
      .post('/oauth/token', (body) => body.code === 'abc' && body.client_secret === 'shh-secret')
      .reply(200, { access_token: 'at-1', refresh_token: 'rt-1', expires_in: 3600, token_type: 'Bearer' })
      .get('/api/user')
      .matchHeader('authorization', 'Bearer at-1')
      .reply(200, { id: 7, name: 'Zoë Ångström', email: 'zoe@example.com' });
    const outcome = await completeLogin(createLoginApp(new Strategy(options, verify)), 'abc');
    expect(outcome.status).toBe(200);
    expect(outcome.body.user).toMatchObject({ provider: 'gofundo', id: '7', displayName: 'Zoë Ångström' });
    expect(scope.isDone()).toBe(true);
  });

  it('fails with the provider message on a 401', async () => {
    nock('https://gofundo.nl')
      .post('/oauth/token')
      .reply(401, { error: 'invalid_client', error_description: 'Client authentication failed', message: 'Client authentication failed' });
    const outcome = await completeLogin(createLoginApp(new Strategy(options, verify)));
    expect(outcome.status).toBe(401);
    expect(outcome.body.error).toMatchObject({ name: 'ProviderTokenError', code: 'invalid_client', message: 'Gofundo token endpoint answered 401: Client authentication failed' });
  });
});
