import nock from 'nock';
import { captureReply, completeLogin, createLoginApp, useNock, type CapturedRequest } from '@internal/test-support';
import { InternalOAuthError } from 'passport-oauth2';
import { parseProfile, ProviderApiError, Strategy, USER_PROFILE_URL } from 'passport-gofundo';
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
    // Another host than the token endpoint's: both URLs must then be named (see hosts.test.ts).
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

describe('profile mapping (lenient: only id is required)', () => {
  it('maps a Laravel User: id (a number) becomes a string, name the displayName, email the emails', () => {
    const raw = JSON.stringify(USER);
    expect(parseProfile(USER, raw)).toEqual({
      provider: 'gofundo',
      id: '42',
      displayName: 'Zoë Ångström',
      emails: [{ value: 'zoe@example.com' }],
      _raw: raw,
      _json: USER,
    });
  });

  it('keeps a string id as it is', () => {
    expect(parseProfile({ id: 'a1b2' }, '{"id":"a1b2"}').id).toBe('a1b2');
  });

  it('works without name and email (displayName falls back to the id)', () => {
    const profile = parseProfile({ id: 7 }, '{"id":7}');
    expect(profile).toMatchObject({ provider: 'gofundo', id: '7', displayName: '7' });
    expect(profile).not.toHaveProperty('emails');
  });

  it('uses the email as displayName when there is no name', () => {
    expect(parseProfile({ id: 7, email: 'x@example.com' }, '').displayName).toBe('x@example.com');
  });

  it.each([
    ['no id', { name: 'No Id' }, 'Gofundo user endpoint has no id'],
    ['a null id', { id: null }, 'Gofundo user endpoint has no id'],
    ['a fractional id', { id: 4.5 }, 'Gofundo user endpoint has an id that is not a string or an integer'],
    ['an object id', { id: { value: 1 } }, 'Gofundo user endpoint has an id that is not a string or an integer'],
  ])('throws a ProviderApiError for %s', (_what, json, message) => {
    const parse = () => parseProfile(json, JSON.stringify(json));
    expect(parse).toThrow(ProviderApiError);
    expect(parse).toThrow(expect.objectContaining({ message, provider: 'Gofundo', reason: 'invalid_profile' }));
  });

  it('names the HTTP status when given one (as the strategy does)', () => {
    expect(() => parseProfile({ name: 'No Id' }, '{"name":"No Id"}', 200)).toThrow(
      expect.objectContaining({ message: 'Gofundo user endpoint answered 200 without an id', providerStatus: 200 }),
    );
  });

  it('fails the login with a ProviderApiError (an InternalOAuthError) when /api/user has no id', async () => {
    const errors: unknown[] = [];
    mockToken(200, TOKEN_ANSWER);
    mockUser(200, { name: 'No Id', email: 'no-id@example.com' });
    const outcome = await completeLogin(createLoginApp(new Strategy(options, keepProfile), { errors }));
    expect(errors[0]).toBeInstanceOf(ProviderApiError);
    expect(errors[0]).toBeInstanceOf(InternalOAuthError);
    expect(errors[0]).toMatchObject({
      message: 'Gofundo user endpoint answered 200 without an id',
      reason: 'invalid_profile',
      providerStatus: 200,
      status: 502,
    });
    expect(outcome.body.user).toBeUndefined();
  });

  it('delivers the mapped profile to verify after a login', async () => {
    mockToken(200, TOKEN_ANSWER);
    mockUser(200, USER);
    const outcome = await completeLogin(createLoginApp(new Strategy(options, keepProfile)));
    expect(outcome.body.user).toEqual({
      provider: 'gofundo',
      id: '42',
      displayName: 'Zoë Ångström',
      emails: [{ value: 'zoe@example.com' }],
      _raw: JSON.stringify(USER),
      _json: USER,
    });
  });
});
