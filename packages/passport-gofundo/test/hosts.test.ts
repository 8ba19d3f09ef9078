import nock from 'nock';
import {
  captureReply,
  completeLogin,
  createLoginApp,
  startLogin,
  useNock,
  type CapturedRequest,
} from '@internal/test-support';
import { BASE_URL, ProviderTokenError, Strategy } from 'passport-gofundo';
import { CLIENT_SECRET, keepProfile, options, TOKEN_ANSWER, USER } from './support';

useNock();

/** "API clients relevant to your current instance of Gofundo": https://developer.gofundo.nl/gofundo */
describe('baseURL: one option moves every endpoint to another Gofundo instance', () => {
  const instance = 'https://doneren.example.org';

  it('defaults to https://gofundo.nl', () => {
    expect(BASE_URL).toBe('https://gofundo.nl');
  });

  it('derives the authorize URL from baseURL', async () => {
    const { location } = await startLogin(createLoginApp(new Strategy({ ...options, baseURL: instance }, keepProfile)));
    expect(location.origin + location.pathname).toBe(`${instance}/oauth/authorize`);
  });

  it('sends the token request, the profile request and every token helper to the instance', async () => {
    const received: CapturedRequest[] = [];
    const strategy = new Strategy({ ...options, baseURL: instance }, keepProfile);
    const scope = nock(instance)
      .post('/oauth/token')
      .reply(captureReply(received, 200, TOKEN_ANSWER))
      .get('/api/user')
      .reply(captureReply(received, 200, USER))
      .post('/oauth/token')
      .times(3)
      .reply(200, TOKEN_ANSWER);
    const outcome = await completeLogin(createLoginApp(strategy));
    expect(outcome.body.user).toMatchObject({ id: '42' });
    expect(received[1].headers.authorization).toBe(`Bearer ${TOKEN_ANSWER.access_token}`);
    await strategy.refresh('r1');
    await strategy.clientCredentials();
    await strategy.password('u@example.com', 'pass-word');
    expect(scope.isDone()).toBe(true);
    strategy.close();
  });

  it('keeps a path prefix of baseURL (an instance served under a path)', async () => {
    const strategy = new Strategy({ ...options, baseURL: `${instance}/gofundo/` }, keepProfile);
    const scope = nock(instance).post('/gofundo/oauth/token').reply(200, TOKEN_ANSWER);
    await strategy.clientCredentials();
    expect(scope.isDone()).toBe(true);
    strategy.close();
  });

  it('lets an explicit URL option win over the derived one', async () => {
    const strategy = new Strategy(
      { ...options, baseURL: instance, userProfileURL: `${instance}/api/v2/me` },
      keepProfile,
    );
    const scope = nock(instance).post('/oauth/token').reply(200, TOKEN_ANSWER).get('/api/v2/me').reply(200, USER);
    await completeLogin(createLoginApp(strategy));
    expect(scope.isDone()).toBe(true);
    strategy.close();
  });

  it.each([
    ['not absolute', 'doneren.example.org', 'must be an absolute URL such as https://example.com'],
    ['with a query', `${instance}/?tenant=1`, 'must have no query, fragment or credentials'],
  ])('refuses a baseURL %s with a TypeError', (_what, baseURL, text) => {
    expect(() => new Strategy({ ...options, baseURL }, keepProfile)).toThrow(
      new TypeError(`Gofundo strategy: baseURL ${text}`),
    );
  });
});

describe('a mix of hosts that would send the access token to another host is refused', () => {
  it('refuses tokenURL on an instance while the user endpoint stays on gofundo.nl (the bug this option fixes)', () => {
    expect(
      () =>
        new Strategy(
          {
            ...options,
            authorizationURL: 'https://doneren.example.org/oauth/authorize',
            tokenURL: 'https://doneren.example.org/oauth/token',
          },
          keepProfile,
        ),
    ).toThrow(
      new TypeError(
        'Gofundo strategy: tokenURL is on https://doneren.example.org but userProfileURL (default) is on https://gofundo.nl, ' +
          'so the access token would go to another host. Set baseURL to move every endpoint together, ' +
          'or name tokenURL and userProfileURL both if the mix is intended.',
      ),
    );
  });

  it('refuses userProfileURL on another host than the derived token endpoint', () => {
    expect(() => new Strategy({ ...options, userProfileURL: 'https://evil.example/api/user' }, keepProfile)).toThrow(
      /userProfileURL is on https:\/\/evil\.example/,
    );
  });

  it('allows the mix when both URLs are named', () => {
    expect(
      () =>
        new Strategy(
          {
            ...options,
            tokenURL: 'https://auth.example.org/oauth/token',
            userProfileURL: 'https://api.example.org/user',
          },
          keepProfile,
        ),
    ).not.toThrow();
  });
});

describe('a provider redirect on the token call names the new location and the option (never followed)', () => {
  it('fails with the location (no query) and tokenURL / baseURL', async () => {
    const strategy = new Strategy(options, keepProfile);
    nock(BASE_URL)
      .post('/oauth/token')
      .reply(301, '', { Location: 'https://new.gofundo.example/oauth/token?client_secret=' + CLIENT_SECRET });
    const error = await strategy.clientCredentials().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderTokenError);
    expect(error).toMatchObject({
      reason: 'redirect',
      providerStatus: 301,
      message:
        'Gofundo token endpoint answered 301 (a redirect) instead of JSON: it points to https://new.gofundo.example/oauth/token; ' +
        'redirects are not followed, so if the provider has moved, set tokenURL (or baseURL) to it',
    });
    expect((error as Error).message).not.toContain(CLIENT_SECRET);
    strategy.close();
  });
});
