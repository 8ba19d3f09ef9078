import nock from 'nock';
import { captureReply, completeLogin, createLoginApp, useNock, type CapturedRequest } from '@internal/test-support';
import { Strategy, USER_PROFILE_URL } from 'passport-gofundo';
import { keepProfile, mockToken, mockUser, options, TOKEN_ANSWER, USER, USER_PATH } from './support';

useNock();

describe('profile request: GET https://gofundo.nl/api/user with the bearer token (an assumption: Laravel Passport convention)', () => {
  async function loginReadingProfile(): Promise<CapturedRequest> {
    const received: CapturedRequest[] = [];
    mockToken(200, TOKEN_ANSWER);
    const user = mockUser(200, USER, received);
    const outcome = await completeLogin(createLoginApp(new Strategy(options, keepProfile)));
    expect(outcome.status).toBe(200);
    expect(user.isDone()).toBe(true);
    return received[0];
  }

  it('defaults to https://gofundo.nl/api/user', () => {
    expect(USER_PROFILE_URL).toBe('https://gofundo.nl/api/user');
  });

  it('sends Authorization: Bearer <access token> and no token in the query string', async () => {
    const request = await loginReadingProfile();
    expect(request.headers.authorization).toBe(`Bearer ${TOKEN_ANSWER.access_token}`);
    expect(request.path).toBe(USER_PATH);
    expect(request.path).not.toContain('access_token');
  });

  it('sends Accept: application/json', async () => {
    expect((await loginReadingProfile()).headers.accept).toBe('application/json');
  });
});

describe('userProfileURL option (override the assumed user endpoint)', () => {
  it('reads the profile from the given URL instead', async () => {
    const received: CapturedRequest[] = [];
    mockToken(200, TOKEN_ANSWER);
    const scope = nock('https://api.gofundo.example')
      .get('/v2/me')
      .reply(captureReply(received, 200, { id: 'u-9', name: 'Other' }));
    // Another host than the token endpoint's: both URLs must then be named (see instances.test.ts).
    const strategy = new Strategy(
      { ...options, tokenURL: 'https://gofundo.nl/oauth/token', userProfileURL: 'https://api.gofundo.example/v2/me' },
      keepProfile,
    );
    const outcome = await completeLogin(createLoginApp(strategy));
    expect(scope.isDone()).toBe(true);
    expect(received[0].headers.authorization).toBe(`Bearer ${TOKEN_ANSWER.access_token}`);
    expect(outcome.body.user).toMatchObject({ provider: 'gofundo', id: 'u-9', displayName: 'Other' });
  });

  it('refuses a userProfileURL that is not absolute with a TypeError', () => {
    expect(() => new Strategy({ ...options, userProfileURL: '/api/user' }, keepProfile)).toThrow(
      new TypeError('Gofundo strategy: userProfileURL /api/user is not an absolute URL'),
    );
  });
});
