import nock from 'nock';
import { completeLogin, createLoginApp, startLogin, useNock } from '@internal/test-support';
import { BASE_URL, NEWER_BASE_URL, ProviderTokenError, Strategy } from 'passport-petjeaf';
import { CLIENT_SECRET, keepProfile, options, tokenAnswer, USER_ID } from './support';

useNock();

/**
 * The docs name two hosts: petje.af / api.petje.af (our copy of the tokens page) and
 * petjeaf.com / api.petjeaf.com (newer pages). One option moves every endpoint.
 */
describe('baseURL: petje.af (default) or petjeaf.com moves the authorize, token and revocation URLs together', () => {
  it('defaults to petje.af and api.petje.af', async () => {
    expect(BASE_URL).toBe('https://petje.af');
    const { location } = await startLogin(createLoginApp(new Strategy(options, keepProfile)));
    expect(location.origin + location.pathname).toBe('https://petje.af/oauth2/authorize');
  });

  it('with baseURL petjeaf.com: authorize on petjeaf.com, token, refresh and revoke on api.petjeaf.com/v1', async () => {
    const strategy = new Strategy({ ...options, baseURL: NEWER_BASE_URL }, keepProfile);
    const { location } = await startLogin(createLoginApp(strategy));
    expect(location.origin + location.pathname).toBe('https://petjeaf.com/oauth2/authorize');
    const scope = nock('https://api.petjeaf.com')
      .post('/v1/oauth2/tokens')
      .reply(200, tokenAnswer())
      .post('/v1/oauth2/tokens')
      .reply(200, { access_token: 'a2', refresh_token: 'r2', expires_in: 3599 })
      .delete('/v1/oauth2/tokens')
      .reply(204);
    const outcome = await completeLogin(createLoginApp(strategy));
    expect(outcome.body.user).toMatchObject({ id: USER_ID });
    await strategy.refresh('r1');
    await strategy.revoke('a2');
    expect(scope.isDone()).toBe(true);
    strategy.close();
  });

  it('apiBaseURL sets the API base on its own (e.g. a sandbox serving everything on one origin)', async () => {
    const strategy = new Strategy(
      { ...options, baseURL: 'http://127.0.0.1:9', apiBaseURL: 'https://api.example.test/v1' },
      keepProfile,
    );
    const scope = nock('https://api.example.test').post('/v1/oauth2/tokens').reply(200, tokenAnswer());
    await completeLogin(createLoginApp(strategy));
    expect(scope.isDone()).toBe(true);
    strategy.close();
  });

  it('lets an explicit tokenURL win, and revocation follows it', async () => {
    const strategy = new Strategy(
      { ...options, baseURL: NEWER_BASE_URL, tokenURL: 'https://api.petje.af/v1/oauth2/tokens' },
      keepProfile,
    );
    const scope = nock('https://api.petje.af').delete('/v1/oauth2/tokens').reply(204);
    await strategy.revoke('a1');
    expect(scope.isDone()).toBe(true);
    strategy.close();
  });

  it('refuses a revocationURL on another host than the token endpoint unless both are named', () => {
    expect(
      () => new Strategy({ ...options, revocationURL: 'https://api.petjeaf.com/v1/oauth2/tokens' }, keepProfile),
    ).toThrow(
      new TypeError(
        'Petje.af strategy: tokenURL (default) is on https://api.petje.af but revocationURL is on https://api.petjeaf.com, ' +
          'so the access token would go to another host. Set baseURL to move every endpoint together, ' +
          'or name tokenURL and revocationURL both if the mix is intended.',
      ),
    );
    expect(
      () =>
        new Strategy(
          {
            ...options,
            tokenURL: 'https://api.petje.af/v1/oauth2/tokens',
            revocationURL: 'https://api.petjeaf.com/v1/oauth2/tokens',
          },
          keepProfile,
        ),
    ).not.toThrow();
  });

  it('refuses a baseURL that is not an absolute URL', () => {
    expect(() => new Strategy({ ...options, baseURL: 'petjeaf.com' }, keepProfile)).toThrow(
      new TypeError('Petje.af strategy: baseURL must be an absolute URL such as https://example.com'),
    );
  });
});

describe('the old host answering with a redirect: the error names the new location and the option to set', () => {
  it('a 301 from api.petje.af to api.petjeaf.com fails the login, naming the location, tokenURL and baseURL', async () => {
    nock('https://api.petje.af')
      .post('/v1/oauth2/tokens')
      .reply(301, '', { Location: 'https://api.petjeaf.com/v1/oauth2/tokens' });
    const strategy = new Strategy(options, keepProfile);
    const error = await strategy.refresh('r1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderTokenError);
    expect((error as Error).message).toBe(
      'Petje.af token endpoint answered 301 (a redirect) instead of JSON: it points to https://api.petjeaf.com/v1/oauth2/tokens; ' +
        'redirects are not followed, so if the provider has moved, set tokenURL (or baseURL) to it',
    );
    expect((error as Error).message).not.toContain(CLIENT_SECRET);
    strategy.close();
  });
});
