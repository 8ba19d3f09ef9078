import { completeLogin, createLoginApp, useNock, verifyFormsSuite } from '@internal/test-support';
import { Strategy, type GofundoProfile, type VerifyCallback } from 'passport-gofundo';
import { mockToken, mockUser, options, TOKEN_ANSWER, USER } from './support';

useNock();

verifyFormsSuite({
  provider: 'gofundo',
  make: (extra, verify) => new Strategy({ ...options, ...extra } as never, verify as never),
  mockLogin: () => {
    mockToken(200, TOKEN_ANSWER);
    mockUser(200, USER);
  },
  tokenAnswer: TOKEN_ANSWER,
  profileId: String(USER.id),
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
