import nock from 'nock';
import { completeLogin, createLoginApp, startLogin, useNock } from '@internal/test-support';
import { Strategy } from 'passport-gofundo';
import { keepProfile, options, TOKEN_ANSWER, USER } from './support';

useNock();

describe('authorizationURL and tokenURL overrides (e.g. a staging instance)', () => {
  const staging = {
    ...options,
    authorizationURL: 'https://staging.gofundo.nl/oauth/authorize',
    tokenURL: 'https://staging.gofundo.nl/oauth/token',
    userProfileURL: 'https://staging.gofundo.nl/api/user',
  };

  it('redirects to the overridden authorize URL, still with scope=""', async () => {
    const { location } = await startLogin(createLoginApp(new Strategy(staging, keepProfile)));
    expect(location.origin + location.pathname).toBe('https://staging.gofundo.nl/oauth/authorize');
    expect(location.searchParams.get('scope')).toBe('');
  });

  it('uses the overridden token URL for the login and the token helpers', async () => {
    const strategy = new Strategy(staging, keepProfile);
    const scope = nock('https://staging.gofundo.nl')
      .post('/oauth/token')
      .reply(200, TOKEN_ANSWER)
      .get('/api/user')
      .reply(200, USER)
      .post('/oauth/token')
      .times(3)
      .reply(200, TOKEN_ANSWER);
    const outcome = await completeLogin(createLoginApp(strategy));
    expect(outcome.body.user).toMatchObject({ id: '42' });
    await strategy.refresh('r1');
    await strategy.clientCredentials();
    await strategy.password('u@example.com', 'pass-word');
    expect(scope.isDone()).toBe(true);
    strategy.close();
  });
});

describe('required options', () => {
  it.each(['clientID', 'clientSecret'] as const)('throws a TypeError naming a missing %s', (name) => {
    expect(() => new Strategy({ ...options, [name]: '' }, keepProfile)).toThrow(
      new TypeError(`Gofundo strategy requires a ${name} option`),
    );
  });

  it('throws a TypeError for a timeout that is not a positive number', () => {
    expect(() => new Strategy({ ...options, timeout: 0 }, keepProfile)).toThrow(
      new TypeError('Gofundo strategy: timeout must be a positive number'),
    );
  });
});

describe('strategy name and module shape', () => {
  it("is named 'gofundo'", () => {
    expect(new Strategy(options, keepProfile).name).toBe('gofundo');
  });

  it("works with CommonJS require('passport-gofundo').Strategy", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const required = require('passport-gofundo') as typeof import('passport-gofundo');
    expect(required.Strategy).toBe(Strategy);
    expect(new required.Strategy(options, keepProfile)).toBeInstanceOf(Strategy);
  });
});
