import nock from 'nock';
import { completeLogin, createLoginApp, startLogin, useNock } from '@internal/test-support';
import { BASE_URL, ProviderApiError, ProviderTokenError } from 'passport-mijnklantportaal';
import { makeStrategy, MANAGE_HOST, options, tokenAnswer } from './support';

useNock();

describe('baseURL: the OAuth host ("the base URL for this endpoint is: https://manage.mijnklantportaal.nl")', () => {
  it('defaults to https://manage.mijnklantportaal.nl', () => {
    expect(BASE_URL).toBe(MANAGE_HOST);
  });

  it('moves the authorize and token URLs together', async () => {
    const origin = 'https://portal.example.test';
    const strategy = makeStrategy({ baseURL: origin });
    const { location } = await startLogin(createLoginApp(strategy));
    expect(location.origin + location.pathname).toBe(`${origin}/oauth/authorize`);
    const scope = nock(origin).post('/oauth/tokens').reply(200, tokenAnswer);
    expect((await completeLogin(createLoginApp(strategy))).status).toBe(200);
    expect(scope.isDone()).toBe(true);
  });

  it('refuses a baseURL with a query with a TypeError', () => {
    expect(() => makeStrategy({ baseURL: `${MANAGE_HOST}/?x=1` })).toThrow(
      new TypeError('MijnKlantportaal strategy: baseURL must have no query, fragment or credentials'),
    );
  });

  it('leaves userProfileURL to you, on the API host (api.mijnklantportaal.nl) too', () => {
    expect(() => makeStrategy({ userProfileURL: 'https://api.mijnklantportaal.nl/v1/whoami' })).not.toThrow();
    expect(options.clientID).toBe('mkp-app-id');
  });
});

describe('a redirect from the provider names the new location and the option to set (never followed)', () => {
  it('token endpoint: tokenURL (or baseURL)', async () => {
    nock(MANAGE_HOST)
      .post('/oauth/tokens')
      .reply(308, '', { Location: 'https://login.mijnklantportaal.nl/oauth/tokens?session=abc' });
    const error = await makeStrategy()
      .refresh('r1')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderTokenError);
    expect((error as Error).message).toBe(
      'MijnKlantportaal token endpoint answered 308 (a redirect) instead of JSON: it points to https://login.mijnklantportaal.nl/oauth/tokens; ' +
        'redirects are not followed, so if the provider has moved, set tokenURL (or baseURL) to it',
    );
  });

  it('user endpoint: userProfileURL', async () => {
    nock(MANAGE_HOST).post('/oauth/tokens').reply(200, tokenAnswer);
    nock('https://api.mijnklantportaal.nl').get('/v1/whoami').reply(301, '', { Location: '/v2/whoami' });
    const outcome = await completeLogin(
      createLoginApp(makeStrategy({ userProfileURL: 'https://api.mijnklantportaal.nl/v1/whoami' })),
    );
    expect(outcome.body.error).toMatchObject({
      name: new ProviderApiError('x', { provider: 'x', reason: 'redirect' }).name,
      reason: 'redirect',
    });
    expect(outcome.body.error?.message).toBe(
      'MijnKlantportaal user endpoint answered 301 (a redirect) instead of JSON: it points to https://api.mijnklantportaal.nl/v2/whoami; ' +
        'redirects are not followed, so if the provider has moved, set userProfileURL to it',
    );
  });
});
