import { thrownBy } from '@internal/test-support';
import { nonEmptyString, normalizeProfile, ProviderApiError } from 'passport-provider-kit';

/** The pure profile helpers every provider mapping uses. */

describe('nonEmptyString', () => {
  it('keeps a string with content, trimmed', () => {
    expect(nonEmptyString('  Zoë  ')).toBe('Zoë');
  });

  it.each([
    ['the empty string', ''],
    ['whitespace', ' \t\n '],
    ['a number', 7],
    ['null', null],
    ['undefined', undefined],
    ['an object', { value: 'x' }],
  ])('gives undefined for %s', (_what, value) => {
    expect(nonEmptyString(value)).toBeUndefined();
  });
});

describe('normalizeProfile: the id', () => {
  const profileId = (id: unknown): string | undefined => {
    try {
      return normalizeProfile('acme', 'Acme', 'user endpoint', { id }, '{}', {}).id;
    } catch (error) {
      expect(error).toMatchObject({ reason: 'invalid_profile' });
      return undefined;
    }
  };

  it.each([
    ['a string', 'abc-123', 'abc-123'],
    ['a string with spaces around', ' 42 ', '42'],
    ['an integer', 42, '42'],
    ['zero', 0, '0'],
    ['a negative integer', -5, '-5'],
    ['the largest safe integer', Number.MAX_SAFE_INTEGER, String(Number.MAX_SAFE_INTEGER)],
  ])('makes %s a string id', (_what, value, id) => {
    expect(profileId(value)).toBe(id);
  });

  it.each([
    ['a fraction', 1.5],
    ['an unsafe integer (precision already lost)', 2 ** 53],
    ['NaN', Number.NaN],
    ['an empty string', ''],
    ['a boolean', true],
    ['an array', ['1']],
    ['an object', { id: 1 }],
    ['null', null],
  ])('refuses %s', (_what, value) => {
    expect(profileId(value)).toBeUndefined();
  });
});

describe('normalizeProfile', () => {
  const raw = '{"id":42}';

  it('builds a Passport profile with provider, string id, _raw and _json', () => {
    const json = { id: 42, login: 'zoe' };
    const profile = normalizeProfile(
      'acme',
      'Acme',
      'user endpoint',
      { id: 42, displayName: 'Zoë Ångström', username: 'zoe', email: 'zoe@example.com' },
      raw,
      json,
    );
    expect(profile).toEqual({
      provider: 'acme',
      id: '42',
      displayName: 'Zoë Ångström',
      username: 'zoe',
      emails: [{ value: 'zoe@example.com' }],
      _raw: raw,
      _json: json,
    });
  });

  it('falls back for displayName to username, then email, then id', () => {
    expect(normalizeProfile('acme', 'Acme', 's', { id: 1, displayName: ' ', username: 'u' }, raw, {}).displayName).toBe(
      'u',
    );
    expect(normalizeProfile('acme', 'Acme', 's', { id: 1, email: 'e@x.nl' }, raw, {}).displayName).toBe('e@x.nl');
    expect(normalizeProfile('acme', 'Acme', 's', { id: 1 }, raw, {}).displayName).toBe('1');
  });

  it('leaves out username and emails that are not non-empty strings', () => {
    const profile = normalizeProfile('acme', 'Acme', 's', { id: 'x', username: 12, email: '' }, raw, {});
    expect(profile).not.toHaveProperty('username');
    expect(profile).not.toHaveProperty('emails');
  });

  const refusal = (run: () => unknown): ProviderApiError => thrownBy(run, ProviderApiError);

  it.each([
    ['no id', undefined, 'Acme user endpoint answered 200 without an id'],
    ['a null id', null, 'Acme user endpoint answered 200 without an id'],
    [
      'an id of the wrong type',
      { nested: 1 },
      'Acme user endpoint answered 200 with an id that is not a string or an integer',
    ],
    ['an empty id', '', 'Acme user endpoint answered 200 with an id that is not a string or an integer'],
  ])('refuses %s from an HTTP answer, naming its status, with reason invalid_profile', (_what, id, message) => {
    const error = refusal(() => normalizeProfile('acme', 'Acme', 'user endpoint', { id }, raw, {}, 200));
    expect(error).toMatchObject({
      message,
      reason: 'invalid_profile',
      provider: 'Acme',
      providerStatus: 200,
      status: 502,
    });
  });

  it.each([
    ['no id', undefined, 'Acme access token has no id'],
    ['an id of the wrong type', { nested: 1 }, 'Acme access token has an id that is not a string or an integer'],
  ])('refuses %s from fields of no HTTP answer (JWT claims) without a status', (_what, id, message) => {
    const error = refusal(() => normalizeProfile('acme', 'Acme', 'access token', { id }, raw, {}));
    expect(error).toMatchObject({ message, reason: 'invalid_profile', provider: 'Acme', status: 502 });
    expect(error.providerStatus).toBeUndefined();
  });
});
