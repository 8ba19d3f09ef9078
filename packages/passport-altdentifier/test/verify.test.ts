import nock from 'nock';
import type { Request } from 'express';
import { completeLogin, createLoginApp, useNock } from '@internal/test-support';
import { Strategy, type AltDentifierProfile, type TokenParams, type VerifyCallback } from 'passport-altdentifier';
import { memberObject, tokenAnswer } from './fixtures/provider-answers';
import { HOST, baseOptions, makeStrategy } from './helpers';

useNock();

/** Mocks one successful token exchange and user endpoint call. */
function mockLogin(): void {
  nock(HOST).post('/oauth2/token').reply(200, tokenAnswer).get('/api/v2/user/@me').reply(200, memberObject);
}

beforeEach(mockLogin);

describe('strategy name and module shape', () => {
  it("is 'altdentifier'", () => {
    expect(makeStrategy().name).toBe('altdentifier');
  });

  it("works with CommonJS require('passport-altdentifier').Strategy", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const required = require('passport-altdentifier') as typeof import('passport-altdentifier');
    expect(required.Strategy).toBe(Strategy);
  });
});

describe('verify callback forms (as passport-oauth2)', () => {
  it('(accessToken, refreshToken, profile, done)', async () => {
    const strategy = new Strategy(
      baseOptions,
      (accessToken: string, refreshToken: string | undefined, profile: AltDentifierProfile, done: VerifyCallback) =>
        done(null, { accessToken, refreshToken, provider: profile.provider }),
    );
    const outcome = await completeLogin(createLoginApp(strategy));
    expect(outcome.body.user).toEqual({
      accessToken: tokenAnswer.access_token,
      refreshToken: tokenAnswer.refresh_token,
      provider: 'altdentifier',
    });
  });

  it('(accessToken, refreshToken, params, profile, done): params is the whole token answer', async () => {
    const strategy = new Strategy(
      baseOptions,
      (
        _accessToken: string,
        _refreshToken: string | undefined,
        params: TokenParams,
        profile: AltDentifierProfile,
        done: VerifyCallback,
      ) => done(null, { params, provider: profile.provider }),
    );
    const outcome = await completeLogin(createLoginApp(strategy));
    expect(outcome.body.user).toEqual({ params: tokenAnswer, provider: 'altdentifier' });
  });

  it('passReqToCallback: (req, accessToken, refreshToken, profile, done)', async () => {
    const strategy = new Strategy(
      { ...baseOptions, passReqToCallback: true },
      (
        req: Request,
        accessToken: string,
        _refreshToken: string | undefined,
        profile: AltDentifierProfile,
        done: VerifyCallback,
      ) => done(null, { path: req.path, accessToken, provider: profile.provider }),
    );
    const outcome = await completeLogin(createLoginApp(strategy));
    expect(outcome.body.user).toEqual({
      path: '/callback',
      accessToken: tokenAnswer.access_token,
      provider: 'altdentifier',
    });
  });

  it('passReqToCallback: (req, accessToken, refreshToken, params, profile, done)', async () => {
    const strategy = new Strategy(
      { ...baseOptions, passReqToCallback: true },
      (
        req: Request,
        _accessToken: string,
        _refreshToken: string | undefined,
        params: TokenParams,
        profile: AltDentifierProfile,
        done: VerifyCallback,
      ) => done(null, { path: req.path, expiresIn: params.expires_in, provider: profile.provider }),
    );
    const outcome = await completeLogin(createLoginApp(strategy));
    expect(outcome.body.user).toEqual({ path: '/callback', expiresIn: 604800, provider: 'altdentifier' });
  });

  it('done(null, false, info) is a failed login; done(err) an error', async () => {
    const refusing = new Strategy(
      baseOptions,
      (_a: string, _r: string | undefined, _p: AltDentifierProfile, done: VerifyCallback) =>
        done(null, false, { message: 'not linked' }),
    );
    const refused = await completeLogin(createLoginApp(refusing));
    expect(refused.status).toBe(401);
    expect(refused.body.failure).toEqual({ message: 'not linked' });

    mockLogin();
    const failing = new Strategy(
      baseOptions,
      (_a: string, _r: string | undefined, _p: AltDentifierProfile, done: VerifyCallback) =>
        done(new Error('database down')),
    );
    const failed = await completeLogin(createLoginApp(failing));
    expect(failed.status).toBe(500);
    expect(failed.body.error?.message).toBe('database down');
  });
});

describe('required options', () => {
  it('throws a TypeError naming a missing clientID or clientSecret', () => {
    expect(() => makeStrategy({ clientID: '' })).toThrow(/clientID/);
    expect(() => makeStrategy({ clientSecret: '' })).toThrow(/clientSecret/);
  });
});
