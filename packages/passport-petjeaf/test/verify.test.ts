import type { Request } from 'express';
import { completeLogin, createLoginApp, fakeJwt, useNock } from '@internal/test-support';
import { Strategy, type PetjeafProfile, type TokenParams, type VerifyCallback } from 'passport-petjeaf';
import { keepParamsAndProfile, mockTokenEndpoint, options, tokenAnswer, USER_ID, userClaims } from './support';

useNock();

const accessToken = fakeJwt(userClaims());

async function loginWith(strategy: Strategy) {
  mockTokenEndpoint(200, tokenAnswer(accessToken));
  return completeLogin(createLoginApp(strategy), 'code-v');
}

describe('verify callback forms (as passport-oauth2)', () => {
  it('(accessToken, refreshToken, profile, done)', async () => {
    const verify = (token: string, refreshToken: string | undefined, profile: PetjeafProfile, done: VerifyCallback) =>
      done(null, { token, refreshToken, id: profile.id });
    const outcome = await loginWith(new Strategy(options, verify));
    expect(outcome.body.user).toEqual({ token: accessToken, refreshToken: 'REFRESH TOKEN', id: USER_ID });
  });

  it('(accessToken, refreshToken, params, profile, done): params is the whole token answer', async () => {
    const outcome = await loginWith(new Strategy(options, keepParamsAndProfile));
    const user = outcome.body.user as { params: TokenParams; profile: PetjeafProfile };
    expect(user.params).toEqual({ ...tokenAnswer(accessToken) });
    expect(user.params.expires_in).toBe(3599);
    expect(user.profile.id).toBe(USER_ID);
  });

  it('(req, accessToken, refreshToken, profile, done) with passReqToCallback', async () => {
    const verify = (
      req: Request,
      _token: string,
      _refresh: string | undefined,
      profile: PetjeafProfile,
      done: VerifyCallback,
    ) => done(null, { code: req.query.code, id: profile.id });
    const outcome = await loginWith(new Strategy({ ...options, passReqToCallback: true }, verify));
    expect(outcome.body.user).toEqual({ code: 'code-v', id: USER_ID });
  });

  it('(req, accessToken, refreshToken, params, profile, done) with passReqToCallback', async () => {
    const verify = (
      req: Request,
      _token: string,
      _refresh: string | undefined,
      params: TokenParams,
      profile: PetjeafProfile,
      done: VerifyCallback,
    ) => done(null, { code: req.query.code, scope: params.scope, id: profile.id });
    const outcome = await loginWith(new Strategy({ ...options, passReqToCallback: true }, verify));
    expect(outcome.body.user).toEqual({ code: 'code-v', scope: 'memberships.read', id: USER_ID });
  });

  it('done(null, false, info) fails the login with the info', async () => {
    const verify = (_t: string, _r: string | undefined, _p: PetjeafProfile, done: VerifyCallback) =>
      done(null, false, { message: 'not a member' });
    const outcome = await loginWith(new Strategy(options, verify));
    expect(outcome.status).toBe(401);
    expect(outcome.body.failure).toEqual({ message: 'not a member' });
  });
});

describe('skipUserProfile', () => {
  it('skips decoding the token: even a non-JWT access token logs in', async () => {
    mockTokenEndpoint(200, tokenAnswer('opaque-token'));
    const verify = (token: string, _r: string | undefined, profile: PetjeafProfile | undefined, done: VerifyCallback) =>
      done(null, { token, hasProfile: profile !== undefined });
    const outcome = await completeLogin(createLoginApp(new Strategy({ ...options, skipUserProfile: true }, verify)));
    expect(outcome.body.user).toEqual({ token: 'opaque-token', hasProfile: false });
  });
});
