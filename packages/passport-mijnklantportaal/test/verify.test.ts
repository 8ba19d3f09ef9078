import nock from 'nock';
import type { Request } from 'express';
import { completeLogin, createLoginApp, useNock } from '@internal/test-support';
import {
  Strategy,
  type MijnKlantportaalProfile,
  type TokenParams,
  type VerifyCallback,
} from 'passport-mijnklantportaal';
import { tokenAnswer } from './fixtures/provider-answers';
import { MANAGE_HOST, baseOptions, makeStrategy } from './helpers';

useNock();

beforeEach(() => {
  nock(MANAGE_HOST).post('/oauth/tokens').reply(200, tokenAnswer);
});

describe('strategy name and module shape', () => {
  it("is 'mijnklantportaal'", () => {
    expect(makeStrategy().name).toBe('mijnklantportaal');
  });

  it("works with CommonJS require('passport-mijnklantportaal').Strategy", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const required = require('passport-mijnklantportaal') as typeof import('passport-mijnklantportaal');
    expect(required.Strategy).toBe(Strategy);
  });
});

describe('verify callback forms (as passport-oauth2)', () => {
  it('(accessToken, refreshToken, profile, done)', async () => {
    const strategy = new Strategy(
      baseOptions,
      (accessToken: string, refreshToken: string | undefined, profile: MijnKlantportaalProfile, done: VerifyCallback) =>
        done(null, { accessToken, refreshToken, provider: profile.provider }),
    );
    const outcome = await completeLogin(createLoginApp(strategy));
    expect(outcome.body.user).toEqual({
      accessToken: tokenAnswer.access_token,
      refreshToken: tokenAnswer.refresh_token,
      provider: 'mijnklantportaal',
    });
  });

  it('(accessToken, refreshToken, params, profile, done): params is the whole token answer', async () => {
    const strategy = new Strategy(
      baseOptions,
      (
        _accessToken: string,
        _refreshToken: string | undefined,
        params: TokenParams,
        profile: MijnKlantportaalProfile,
        done: VerifyCallback,
      ) => done(null, { params, provider: profile.provider }),
    );
    const outcome = await completeLogin(createLoginApp(strategy));
    expect(outcome.body.user).toEqual({ params: tokenAnswer, provider: 'mijnklantportaal' });
  });

  it('passReqToCallback: (req, accessToken, refreshToken, profile, done)', async () => {
    const strategy = new Strategy(
      { ...baseOptions, passReqToCallback: true },
      (
        req: Request,
        accessToken: string,
        _refreshToken: string | undefined,
        profile: MijnKlantportaalProfile,
        done: VerifyCallback,
      ) => done(null, { path: req.path, accessToken, provider: profile.provider }),
    );
    const outcome = await completeLogin(createLoginApp(strategy));
    expect(outcome.body.user).toEqual({
      path: '/callback',
      accessToken: tokenAnswer.access_token,
      provider: 'mijnklantportaal',
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
        profile: MijnKlantportaalProfile,
        done: VerifyCallback,
      ) => done(null, { path: req.path, expiresIn: params.expires_in, provider: profile.provider }),
    );
    const outcome = await completeLogin(createLoginApp(strategy));
    expect(outcome.body.user).toEqual({ path: '/callback', expiresIn: 123, provider: 'mijnklantportaal' });
  });

  it('done(null, false, info) is a failed login; done(err) an error', async () => {
    const refusing = new Strategy(
      baseOptions,
      (_a: string, _r: string | undefined, _p: MijnKlantportaalProfile, done: VerifyCallback) =>
        done(null, false, { message: 'not linked' }),
    );
    const refused = await completeLogin(createLoginApp(refusing));
    expect(refused.status).toBe(401);
    expect(refused.body.failure).toEqual({ message: 'not linked' });

    nock(MANAGE_HOST).post('/oauth/tokens').reply(200, tokenAnswer);
    const failing = new Strategy(
      baseOptions,
      (_a: string, _r: string | undefined, _p: MijnKlantportaalProfile, done: VerifyCallback) =>
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
