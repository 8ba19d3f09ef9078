import { completeLogin, createLoginApp, useNock } from '@internal/test-support';
import { InternalOAuthError } from 'passport-oauth2';
import { parseProfile, ProviderApiError, Strategy } from 'passport-gofundo';
import { keepProfile, mockToken, mockUser, options, TOKEN_ANSWER, USER } from './support';

useNock();

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
