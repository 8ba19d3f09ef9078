import { completeLogin, createLoginApp, fakeJwt, useNock, verifyFormsSuite } from '@internal/test-support';
import { Strategy, type PetjeafProfile, type VerifyCallback } from 'passport-petjeaf';
import { mockTokenEndpoint, options, tokenAnswer, USER_ID, userClaims } from './support';

useNock();

const accessToken = fakeJwt(userClaims());

verifyFormsSuite({
  provider: 'petjeaf',
  make: (extra, verify) => new Strategy({ ...options, ...extra } as never, verify as never),
  mockLogin: () => mockTokenEndpoint(200, tokenAnswer(accessToken)),
  tokenAnswer: tokenAnswer(accessToken),
  profileId: USER_ID,
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
