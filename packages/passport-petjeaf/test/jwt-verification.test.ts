import jwt from 'jsonwebtoken';
import { completeLogin, createLoginApp, epochSeconds, fakeJwt, useNock } from '@internal/test-support';
import { ProviderApiError, Strategy, type PetjeafStrategyOptions } from 'passport-petjeaf';
import { keepProfile, mockTokenEndpoint, options, tokenAnswer, USER_ID, userClaims } from './support';

useNock();

const SIGNING_KEY = 'petjeaf-hs256-key-for-tests-0123456789';

async function loginWith(accessToken: string, strategyOptions: PetjeafStrategyOptions) {
  const errors: unknown[] = [];
  mockTokenEndpoint(200, tokenAnswer(accessToken));
  const outcome = await completeLogin(createLoginApp(new Strategy(strategyOptions, keepProfile), { errors }));
  return { outcome, error: errors[0] as (Error & { reason?: string }) | undefined };
}

/** An unsigned token (`alg: none`, empty signature), as an attacker would forge it. */
function unsignedJwt(claims: object): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
}

describe('by default the access token is decoded without signature verification (Petje.af publishes no key)', () => {
  it('accepts a token whose signature nobody can check', async () => {
    const { outcome } = await loginWith(fakeJwt(userClaims()), options);
    expect(outcome.body.user).toMatchObject({ provider: 'petjeaf', id: USER_ID });
  });
});

describe('jwtVerification option: check the signature with a key', () => {
  const withKey: PetjeafStrategyOptions = { ...options, jwtVerification: { key: SIGNING_KEY, algorithms: ['HS256'] } };

  it('accepts a token signed HS256 with the key', async () => {
    const token = jwt.sign(userClaims(), SIGNING_KEY, { algorithm: 'HS256' });
    const { outcome } = await loginWith(token, withKey);
    expect(outcome.status).toBe(200);
    expect(outcome.body.user).toMatchObject({ provider: 'petjeaf', id: USER_ID, displayName: 'Zoë Ångström' });
  });

  it('refuses a token signed with another key', async () => {
    const token = jwt.sign(userClaims(), 'some-other-key-0123456789abcdef', { algorithm: 'HS256' });
    const { outcome, error } = await loginWith(token, withKey);
    expect(error).toBeInstanceOf(ProviderApiError);
    expect(error?.reason).toBe('bad_signature');
    expect(error?.message).toMatch(/^Petje\.af access token was refused: invalid signature/);
    expect(error?.message).not.toContain(token);
    expect(outcome.body.user).toBeUndefined();
  });

  it('refuses an unsigned token (alg none)', async () => {
    const token = unsignedJwt(userClaims());
    const { error } = await loginWith(token, withKey);
    expect(error).toBeInstanceOf(ProviderApiError);
    expect(error?.reason).toBe('bad_signature');
  });

  it('refuses alg none even when the algorithms list names it', async () => {
    const token = unsignedJwt(userClaims());
    const { error } = await loginWith(token, {
      ...options,
      jwtVerification: { key: SIGNING_KEY, algorithms: ['none', 'HS256'] },
    });
    expect(error).toBeInstanceOf(ProviderApiError);
    expect(error?.reason).toBe('bad_signature');
  });

  it('still refuses an expired token with a valid signature', async () => {
    const token = jwt.sign(userClaims({ exp: epochSeconds(-60) }), SIGNING_KEY, { algorithm: 'HS256' });
    const { error } = await loginWith(token, withKey);
    expect(error).toBeInstanceOf(ProviderApiError);
    expect(error?.reason).toBe('expired_token');
  });
});

describe('a jwtVerification key that cannot be a key fails the construction, not every login', () => {
  it('refuses an empty key with a TypeError', () => {
    expect(() => new Strategy({ ...options, jwtVerification: { key: '' } }, keepProfile)).toThrow(
      new TypeError('Petje.af strategy: jwtVerification.key is empty'),
    );
  });

  it('refuses a malformed PEM with a TypeError naming the option', () => {
    const pem = '-----BEGIN PUBLIC KEY-----\nnot base64 at all\n-----END PUBLIC KEY-----';
    expect(() => new Strategy({ ...options, jwtVerification: { key: pem } }, keepProfile)).toThrow(
      /^Petje\.af strategy: jwtVerification\.key is not a usable key \(/,
    );
  });
});

describe('clockTolerance option: seconds of clock skew allowed on exp', () => {
  const expiredThirtySecondsAgo = () => fakeJwt(userClaims({ exp: epochSeconds(-30) }));

  it('refuses a token that expired 30 s ago by default (tolerance 0)', async () => {
    const { error } = await loginWith(expiredThirtySecondsAgo(), options);
    expect(error?.reason).toBe('expired_token');
  });

  it('accepts that token with clockTolerance: 120', async () => {
    const { outcome } = await loginWith(expiredThirtySecondsAgo(), { ...options, clockTolerance: 120 });
    expect(outcome.body.user).toMatchObject({ id: USER_ID });
  });

  it('refuses a token beyond the tolerance', async () => {
    const { error } = await loginWith(fakeJwt(userClaims({ exp: epochSeconds(-600) })), {
      ...options,
      clockTolerance: 120,
    });
    expect(error?.reason).toBe('expired_token');
  });

  it('refuses a negative or non-numeric clockTolerance with a TypeError', () => {
    expect(() => new Strategy({ ...options, clockTolerance: -1 }, keepProfile)).toThrow(
      new TypeError('Petje.af strategy: clockTolerance must be a number of seconds >= 0'),
    );
    expect(() => new Strategy({ ...options, clockTolerance: Number.NaN }, keepProfile)).toThrow(TypeError);
  });
});
