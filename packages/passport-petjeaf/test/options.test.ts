import nock from 'nock';
import {
  captureReply,
  completeLogin,
  createLoginApp,
  startLogin,
  useNock,
  type CapturedRequest,
} from '@internal/test-support';
import { Strategy } from 'passport-petjeaf';
import { formFields, keepProfile, options, tokenAnswer, USER_ID } from './support';

useNock();

/** The newer host names of the Petje.af docs (research: "Domain migration"). */
const newerHosts = {
  ...options,
  authorizationURL: 'https://petjeaf.com/oauth2/authorize',
  tokenURL: 'https://api.petjeaf.com/v1/oauth2/tokens',
};

describe('authorizationURL and tokenURL overrides (e.g. the newer hosts petjeaf.com / api.petjeaf.com)', () => {
  it('redirects to the overridden authorize URL', async () => {
    const { location } = await startLogin(createLoginApp(new Strategy(newerHosts, keepProfile)));
    expect(location.origin + location.pathname).toBe('https://petjeaf.com/oauth2/authorize');
    expect(location.searchParams.get('client_id')).toBe('petjeaf-client-1');
  });

  it('exchanges the code at the overridden token URL', async () => {
    const received: CapturedRequest[] = [];
    const scope = nock('https://api.petjeaf.com')
      .post('/v1/oauth2/tokens')
      .reply(captureReply(received, 200, tokenAnswer()));
    const outcome = await completeLogin(createLoginApp(new Strategy(newerHosts, keepProfile)), 'code-2');
    expect(scope.isDone()).toBe(true);
    expect(formFields(received[0].body)).toMatchObject({ grant_type: 'authorization_code', code: 'code-2' });
    expect(outcome.body.user).toMatchObject({ id: USER_ID });
  });

  it('refreshes and revokes at the overridden token URL', async () => {
    const strategy = new Strategy(newerHosts, keepProfile);
    const scope = nock('https://api.petjeaf.com')
      .post('/v1/oauth2/tokens')
      .reply(200, { access_token: 'a2', refresh_token: 'r2', expires_in: 3599 })
      .delete('/v1/oauth2/tokens')
      .reply(204);
    await strategy.refresh('r1');
    await strategy.revoke('a2');
    expect(scope.isDone()).toBe(true);
    strategy.close();
  });

  it('revokes at revocationURL when given', async () => {
    const strategy = new Strategy({ ...options, revocationURL: 'https://api.petje.af/v1/oauth2/revoke' }, keepProfile);
    const scope = nock('https://api.petje.af').delete('/v1/oauth2/revoke').reply(204);
    await strategy.revoke('a1');
    expect(scope.isDone()).toBe(true);
    strategy.close();
  });

  it('refuses a URL that is not absolute with a TypeError', () => {
    expect(() => new Strategy({ ...options, tokenURL: '/v1/oauth2/tokens' }, keepProfile)).toThrow(
      new TypeError('Petje.af strategy: tokenURL /v1/oauth2/tokens is not an absolute URL'),
    );
  });
});

describe('required options', () => {
  it.each(['clientID', 'clientSecret'] as const)('throws a TypeError naming a missing %s', (name) => {
    expect(() => new Strategy({ ...options, [name]: '' }, keepProfile)).toThrow(
      new TypeError(`Petje.af strategy requires a ${name} option`),
    );
  });
});

describe('strategy name and module shape', () => {
  it("is named 'petjeaf'", () => {
    expect(new Strategy(options, keepProfile).name).toBe('petjeaf');
  });

  it("works with CommonJS require('passport-petjeaf').Strategy", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const required = require('passport-petjeaf') as typeof import('passport-petjeaf');
    expect(required.Strategy).toBe(Strategy);
    expect(new required.Strategy(options, keepProfile)).toBeInstanceOf(Strategy);
  });
});
