import nock from 'nock';
import { completeLogin, createLoginApp, epochSeconds, fakeJwt, useNock } from '@internal/test-support';
import { InternalOAuthError } from 'passport-oauth2';
import { parseProfile, ProviderApiError, Strategy, type PetjeafStrategyOptions } from 'passport-petjeaf';
import { CLIENT_SECRET, keepProfile, mockTokenEndpoint, options, tokenAnswer, USER_ID, userClaims } from './support';

useNock();

/** Requests to anything but the local test app that no mock answered: the profile step must make none. */
const unmatched: string[] = [];
const onNoMatch = (req: { method?: string; href?: string; hostname?: string; host?: string }): void => {
  const href = req.href ?? `${req.host ?? req.hostname ?? ''}`;
  if (!/^https?:\/\/127\.0\.0\.1[:/]/.test(href)) unmatched.push(`${req.method ?? ''} ${href}`);
};
beforeEach(() => {
  unmatched.length = 0;
  nock.emitter.on('no match', onNoMatch);
});
afterEach(() => nock.emitter.removeListener('no match', onNoMatch));

/** Logs in with `accessToken` as the token endpoint's answer; collects errors that reach the app. */
async function loginWith(accessToken: string, strategyOptions: PetjeafStrategyOptions = options) {
  const errors: unknown[] = [];
  const scope = mockTokenEndpoint(200, tokenAnswer(accessToken));
  const outcome = await completeLogin(createLoginApp(new Strategy(strategyOptions, keepProfile), { errors }));
  expect(scope.isDone()).toBe(true);
  return { outcome, error: errors[0] };
}

describe('profile from the access token claims id, name, email (docs: tokens, 200 tab)', () => {
  it('maps id, name and email without any HTTP call besides the token request', async () => {
    const { outcome } = await loginWith(fakeJwt(userClaims()));
    expect(outcome.status).toBe(200);
    expect(outcome.body.user).toMatchObject({
      provider: 'petjeaf',
      id: USER_ID,
      displayName: 'Zoë Ångström',
      emails: [{ value: 'zoe@example.com' }],
    });
    expect(unmatched).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('keeps the claims as _json and their JSON text as _raw', async () => {
    const claims = userClaims({ iat: epochSeconds(-5), scope: 'profile.read' });
    const { outcome } = await loginWith(fakeJwt(claims));
    const user = outcome.body.user as { _json: unknown; _raw: string };
    expect(user._json).toEqual(claims);
    expect(JSON.parse(user._raw)).toEqual(claims);
  });

  it('works without name and email (only id is required)', async () => {
    const { outcome } = await loginWith(fakeJwt({ id: USER_ID }));
    expect(outcome.body.user).toMatchObject({ provider: 'petjeaf', id: USER_ID, displayName: USER_ID });
    expect(outcome.body.user).not.toHaveProperty('emails');
  });

  it('parseProfile maps the documented claims as a pure function', () => {
    const claims = userClaims();
    expect(parseProfile(claims, JSON.stringify(claims))).toEqual({
      provider: 'petjeaf',
      id: USER_ID,
      displayName: 'Zoë Ångström',
      emails: [{ value: 'zoe@example.com' }],
      _raw: JSON.stringify(claims),
      _json: claims,
    });
  });
});

describe('an access token that cannot give a profile fails with a clear ProviderApiError', () => {
  const cases: Array<[string, string, RegExp, string]> = [
    ['is not a JWT', 'opaque-access-token-123456', /^Petje\.af access token is not a JWT/, 'invalid_token'],
    [
      'has a payload that is not JSON',
      'eyJhbGciOiJIUzI1NiJ9.bm90LWpzb24.c2ln',
      /^Petje\.af access token has a JWT payload that is not/,
      'invalid_token',
    ],
    [
      'has expired (exp in the past)',
      fakeJwt(userClaims({ exp: epochSeconds(-120) })),
      /^Petje\.af access token expired at \d{4}-/,
      'expired_token',
    ],
    [
      'has no id claim',
      fakeJwt({ name: 'No Id', email: 'no-id@example.com', exp: epochSeconds(600) }),
      /^Petje\.af access token has no id$/,
      'invalid_profile',
    ],
    [
      'has an id of the wrong type',
      fakeJwt(userClaims({ id: { value: USER_ID } })),
      /^Petje\.af access token has an id that is not a string or an integer$/,
      'invalid_profile',
    ],
    [
      'has an empty id',
      fakeJwt(userClaims({ id: '  ' })),
      /^Petje\.af access token has (no id|an id that is not a string)/,
      'invalid_profile',
    ],
  ];

  it.each(cases)('token that %s', async (_what, accessToken, message, reason) => {
    const { outcome, error } = await loginWith(accessToken);
    expect(error).toBeInstanceOf(ProviderApiError);
    expect(error).toBeInstanceOf(InternalOAuthError);
    expect(error).toMatchObject({ provider: 'Petje.af', reason });
    const text = (error as Error).message;
    expect(text).toMatch(message);
    expect(text).not.toContain(accessToken);
    expect(text).not.toContain(CLIENT_SECRET);
    expect(outcome.body.error?.name).toBe('ProviderApiError');
    expect(outcome.body.user).toBeUndefined();
    expect(unmatched).toEqual([]);
  });

  it('keeps the token out of the message even where it would fit (a short non-JWT token)', async () => {
    const { error } = await loginWith('tok3n');
    expect(String(error)).not.toContain('tok3n');
  });
});
