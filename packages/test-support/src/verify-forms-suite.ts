import type { Request } from 'express';
import type { Strategy } from 'passport';
import type { TokenParams, VerifyCallback } from 'passport-provider-kit';
import { completeLogin, createLoginApp } from './login-app';

/** The profile fields the suite reads; every provider's profile has them. */
interface ProfileLike {
  id: string;
  provider: string;
}

/** Any of passport-oauth2's verify forms, as the suite passes them to {@link VerifyFormsCase.make}. */
export type AnyVerify = (...args: never[]) => void;

/** One strategy run through {@link verifyFormsSuite}. */
export interface VerifyFormsCase {
  /** The strategy's `provider` in profiles. */
  provider: string;
  /**
   * A strategy with the test options plus `extra`, calling `verify`. Options and verify go in
   * untyped (`as never` in the caller: the constructor's overloads pair `passReqToCallback: true`
   * with the `req` forms, which a shared suite cannot express). The forms' types are checked per
   * package by the consumer fixtures of package-checks (typed-usage.mts), which also prove that a
   * wrong form fails to compile.
   */
  make(extra: { passReqToCallback?: true }, verify: AnyVerify): Strategy;
  /** Mocks one successful login at the provider (token, and profile where it needs a request). */
  mockLogin(): void;
  /** The token answer {@link VerifyFormsCase.mockLogin} gives. */
  tokenAnswer: Readonly<Record<string, unknown>>;
  /** The profile id that login yields. */
  profileId: string;
}

/**
 * passport-oauth2's verify forms, through one provider's strategy and a real login (the kit's
 * `verify.ts` implements them once; this proves each provider hands them the right values).
 */
export function verifyFormsSuite(c: VerifyFormsCase): void {
  const login = async (extra: { passReqToCallback?: true }, verify: AnyVerify) => {
    c.mockLogin();
    return completeLogin(createLoginApp(c.make(extra, verify)), 'code-v');
  };

  describe('verify callback forms (as passport-oauth2)', () => {
    it('(accessToken, refreshToken, profile, done)', async () => {
      const verify = (token: string, refreshToken: string | undefined, profile: ProfileLike, done: VerifyCallback) =>
        done(null, { token, refreshToken, id: profile.id, provider: profile.provider });
      const outcome = await login({}, verify);
      expect(outcome.body.user).toEqual({
        token: c.tokenAnswer.access_token,
        refreshToken: c.tokenAnswer.refresh_token,
        id: c.profileId,
        provider: c.provider,
      });
    });

    it('(accessToken, refreshToken, params, profile, done): params is the whole token answer', async () => {
      const verify = (
        _token: string,
        _refresh: string | undefined,
        params: TokenParams,
        profile: ProfileLike,
        done: VerifyCallback,
      ) => done(null, { params, id: profile.id });
      const outcome = await login({}, verify);
      expect(outcome.body.user).toEqual({ params: c.tokenAnswer, id: c.profileId });
    });

    it('(req, accessToken, refreshToken, profile, done) with passReqToCallback', async () => {
      const verify = (
        req: Request,
        token: string,
        _refresh: string | undefined,
        profile: ProfileLike,
        done: VerifyCallback,
      ) => done(null, { path: req.path, code: req.query.code, token, id: profile.id });
      const outcome = await login({ passReqToCallback: true }, verify);
      expect(outcome.body.user).toEqual({
        path: '/callback',
        code: 'code-v',
        token: c.tokenAnswer.access_token,
        id: c.profileId,
      });
    });

    it('(req, accessToken, refreshToken, params, profile, done) with passReqToCallback', async () => {
      const verify = (
        req: Request,
        _token: string,
        _refresh: string | undefined,
        params: TokenParams,
        profile: ProfileLike,
        done: VerifyCallback,
      ) => done(null, { path: req.path, expiresIn: params.expires_in, id: profile.id });
      const outcome = await login({ passReqToCallback: true }, verify);
      expect(outcome.body.user).toEqual({ path: '/callback', expiresIn: c.tokenAnswer.expires_in, id: c.profileId });
    });

    it('done(null, false, info) is a failed login (401 with the info)', async () => {
      const verify = (_t: string, _r: string | undefined, _p: ProfileLike, done: VerifyCallback) =>
        done(null, false, { message: 'not linked' });
      const outcome = await login({}, verify);
      expect(outcome.status).toBe(401);
      expect(outcome.body.failure).toEqual({ message: 'not linked' });
    });

    it('done(err) reaches the app as an error', async () => {
      const verify = (_t: string, _r: string | undefined, _p: ProfileLike, done: VerifyCallback) =>
        done(new Error('database down'));
      const outcome = await login({}, verify);
      expect(outcome.status).toBe(500);
      expect(outcome.body.error).toMatchObject({ message: 'database down' });
    });
  });
}
