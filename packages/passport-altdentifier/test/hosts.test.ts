import nock from 'nock';
import { completeLogin, createLoginApp, startLogin, useNock } from '@internal/test-support';
import { BASE_URL, integrationURL, Strategy } from 'passport-altdentifier';
import { keepProfile, makeStrategy, memberObject, options } from './support';

useNock();

describe('baseURL: one option moves the authorize, token and user URLs together', () => {
  const origin = 'https://altdentifier.example';

  it('defaults to https://altdentifier.com', () => {
    expect(BASE_URL).toBe('https://altdentifier.com');
  });

  it('derives every endpoint from baseURL', async () => {
    const strategy = makeStrategy({ baseURL: origin });
    const { location } = await startLogin(createLoginApp(strategy));
    expect(location.origin + location.pathname).toBe(`${origin}/oauth2/authorize`);
    const scope = nock(origin)
      .post('/oauth2/token')
      .reply(200, { access_token: 'a1', token_type: 'Bearer', expires_in: 604800, refresh_token: 'r1' })
      .get('/api/v2/user/@me')
      .reply(200, memberObject);
    const outcome = await completeLogin(createLoginApp(strategy));
    expect(outcome.body.user).toMatchObject({ id: memberObject.id });
    expect(scope.isDone()).toBe(true);
  });

  it('moves the integration link too; authorizationURL still wins', () => {
    expect(integrationURL('c1', { baseURL: origin })).toBe(
      `${origin}/oauth2/authorize?client_id=c1&scope=write:integrations`,
    );
    expect(integrationURL('c1', { baseURL: origin, authorizationURL: 'https://x.example/a' })).toMatch(
      /^https:\/\/x\.example\/a\?/,
    );
  });

  it('refuses a tokenURL on another host while the user endpoint stays the default', () => {
    expect(() => new Strategy({ ...options, tokenURL: `${origin}/oauth2/token` }, keepProfile)).toThrow(
      new TypeError(
        `AltDentifier strategy: tokenURL is on ${origin} but userProfileURL (default) is on https://altdentifier.com, ` +
          'so the access token would go to another host. Set baseURL to move every endpoint together, ' +
          'or name tokenURL and userProfileURL both if the mix is intended.',
      ),
    );
  });
});
