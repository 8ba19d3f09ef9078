import nock from 'nock';
import { captureReply, completeLogin, createLoginApp, useNock, type CapturedRequest } from '@internal/test-support';
import { ProviderApiError, parseProfile } from 'passport-altdentifier';
import { HOST, makeStrategy, memberObject, tokenAnswer } from './support';

useNock();

describe('profile request: GET https://altdentifier.com/api/v2/user/@me (an assumed path)', () => {
  it('sends the bearer token in the Authorization header and never in the query string', async () => {
    const seen: CapturedRequest[] = [];
    nock(HOST).post('/oauth2/token').reply(200, tokenAnswer);
    nock(HOST)
      .get('/api/v2/user/@me')
      .reply(captureReply(seen, 200, memberObject));
    const outcome = await completeLogin(createLoginApp(makeStrategy()));
    expect(outcome.status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0].path).toBe('/api/v2/user/@me');
    expect(seen[0].headers.authorization).toBe(`Bearer ${tokenAnswer.access_token}`);
    expect(seen[0].path).not.toContain(tokenAnswer.access_token);
  });

  it('reads userProfileURL instead when it is set', async () => {
    const seen: CapturedRequest[] = [];
    nock(HOST).post('/oauth2/token').reply(200, tokenAnswer);
    nock(HOST)
      .get('/api/v2/users/me')
      .reply(captureReply(seen, 200, memberObject));
    const outcome = await completeLogin(createLoginApp(makeStrategy({ userProfileURL: `${HOST}/api/v2/users/me` })));
    expect(outcome.status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0].headers.authorization).toBe(`Bearer ${tokenAnswer.access_token}`);
  });

  it('refuses a userProfileURL that is not an absolute URL with a TypeError', () => {
    expect(() => makeStrategy({ userProfileURL: '/api/v2/user/@me' })).toThrow(TypeError);
  });

  it('gives the login the mapped profile', async () => {
    nock(HOST).post('/oauth2/token').reply(200, tokenAnswer);
    nock(HOST).get('/api/v2/user/@me').reply(200, memberObject);
    const outcome = await completeLogin(createLoginApp(makeStrategy()));
    expect(outcome.body.user).toEqual({
      provider: 'altdentifier',
      id: '66166172835385344',
      username: 'Auxim',
      displayName: 'Auxim#0001',
      discriminator: '0001',
      _raw: JSON.stringify(memberObject),
      _json: memberObject,
    });
  });

  it('fails with a ProviderApiError (an InternalOAuthError) when the user endpoint refuses', async () => {
    nock(HOST).post('/oauth2/token').reply(200, tokenAnswer);
    nock(HOST).get('/api/v2/user/@me').reply(401, { error: 'Invalid token' });
    const errors: unknown[] = [];
    const outcome = await completeLogin(createLoginApp(makeStrategy(), { errors }));
    expect(outcome.status).toBe(401);
    expect(outcome.body.error).toMatchObject({
      name: 'ProviderApiError',
      message: 'AltDentifier user endpoint answered 401: Invalid token',
    });
    expect(errors[0]).toBeInstanceOf(ProviderApiError);
  });
});

describe('profile mapping (the webhook Member object, docs: /api/webhooks)', () => {
  const map = (json: Record<string, unknown>) => parseProfile(json, JSON.stringify(json));

  it('keeps the id as a string and shows username#discriminator', () => {
    expect(map(memberObject)).toMatchObject({
      id: '66166172835385344',
      username: 'Auxim',
      discriminator: '0001',
      displayName: 'Auxim#0001',
    });
  });

  it('accepts name where username is missing (the official example server reads name)', () => {
    expect(map({ id: '1', name: 'Auxim Solutions', discriminator: '4242' })).toMatchObject({
      username: 'Auxim Solutions',
      displayName: 'Auxim Solutions#4242',
    });
  });

  it('shows just the username when there is no discriminator or it is "0" (Discord usernames without tags)', () => {
    expect(map({ id: '1', username: 'auxim' }).displayName).toBe('auxim');
    expect(map({ id: '1', username: 'auxim', discriminator: '0' }).displayName).toBe('auxim');
  });

  it('accepts a numeric id that is a safe integer, as a string', () => {
    expect(map({ id: 1234, username: 'a' }).id).toBe('1234');
  });

  it('refuses a numeric id beyond 2^53 (its digits are already lost)', () => {
    expect(() => map({ id: 66166172835385344, username: 'Auxim' })).toThrow(ProviderApiError);
    expect(() => map({ id: 66166172835385344, username: 'Auxim' })).toThrow(
      'AltDentifier user endpoint has an id that is not a string or an integer',
    );
  });

  it('refuses an answer without id, with reason invalid_profile', () => {
    expect(() => map({ username: 'Auxim' })).toThrow(
      expect.objectContaining({ reason: 'invalid_profile', message: 'AltDentifier user endpoint has no id' }),
    );
  });

  it('names the HTTP status when given one (as the strategy does)', () => {
    expect(() => parseProfile({ username: 'Auxim' }, '{"username":"Auxim"}', 200)).toThrow(
      expect.objectContaining({
        reason: 'invalid_profile',
        providerStatus: 200,
        message: 'AltDentifier user endpoint answered 200 without an id',
      }),
    );
  });
});
