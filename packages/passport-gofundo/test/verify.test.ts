import type { Request } from 'express';
import { completeLogin, createLoginApp, useNock } from '@internal/test-support';
import { Strategy, type GofundoProfile, type TokenParams, type VerifyCallback } from 'passport-gofundo';
import { keepParamsAndProfile, mockToken, mockUser, options, TOKEN_ANSWER, USER } from './support';

useNock();

async function loginWith(strategy: Strategy) {
  mockToken(200, TOKEN_ANSWER);
  mockUser(200, USER);
  return completeLogin(createLoginApp(strategy), 'code-v');
}

describe('verify callback forms (as passport-oauth2)', () => {
  it('(accessToken, refreshToken, profile, done)', async () => {
    const verify = (token: string, refreshToken: string | undefined, profile: GofundoProfile, done: VerifyCallback) =>
      done(null, { token, refreshToken, id: profile.id });
    const outcome = await loginWith(new Strategy(options, verify));
    expect(outcome.body.user).toEqual({
      token: TOKEN_ANSWER.access_token,
      refreshToken: TOKEN_ANSWER.refresh_token,
      id: '42',
    });
  });

  it('(accessToken, refreshToken, params, profile, done): params is the whole token answer', async () => {
    const outcome = await loginWith(new Strategy(options, keepParamsAndProfile));
    const user = outcome.body.user as { params: TokenParams; profile: GofundoProfile };
    expect(user.params).toEqual(TOKEN_ANSWER);
    expect(user.profile.id).toBe('42');
  });

  it('(req, accessToken, refreshToken, profile, done) with passReqToCallback', async () => {
    const verify = (
      req: Request,
      _token: string,
      _refresh: string | undefined,
      profile: GofundoProfile,
      done: VerifyCallback,
    ) => done(null, { code: req.query.code, id: profile.id });
    const outcome = await loginWith(new Strategy({ ...options, passReqToCallback: true }, verify));
    expect(outcome.body.user).toEqual({ code: 'code-v', id: '42' });
  });

  it('(req, accessToken, refreshToken, params, profile, done) with passReqToCallback', async () => {
    const verify = (
      req: Request,
      _token: string,
      _refresh: string | undefined,
      params: TokenParams,
      profile: GofundoProfile,
      done: VerifyCallback,
    ) => done(null, { code: req.query.code, expiresIn: params.expires_in, id: profile.id });
    const outcome = await loginWith(new Strategy({ ...options, passReqToCallback: true }, verify));
    expect(outcome.body.user).toEqual({ code: 'code-v', expiresIn: TOKEN_ANSWER.expires_in, id: '42' });
  });

  it('done(err) reaches the app as an error', async () => {
    const verify = (_t: string, _r: string | undefined, _p: GofundoProfile, done: VerifyCallback) =>
      done(new Error('database down'));
    const outcome = await loginWith(new Strategy(options, verify));
    expect(outcome.status).toBe(500);
    expect(outcome.body.error).toMatchObject({ message: 'database down' });
  });
});

describe('skipUserProfile', () => {
  it('makes no user endpoint request (nock would refuse it)', async () => {
    mockToken(200, TOKEN_ANSWER);
    const verify = (token: string, _r: string | undefined, profile: GofundoProfile | undefined, done: VerifyCallback) =>
      done(null, { token, hasProfile: profile !== undefined });
    const outcome = await completeLogin(createLoginApp(new Strategy({ ...options, skipUserProfile: true }, verify)));
    expect(outcome.body.user).toEqual({ token: TOKEN_ANSWER.access_token, hasProfile: false });
  });
});
