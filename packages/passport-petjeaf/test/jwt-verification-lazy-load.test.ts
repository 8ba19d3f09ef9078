import { createHmac } from 'node:crypto';
import type { PetjeafProfile, PetjeafStrategyOptions, Strategy } from 'passport-petjeaf';

/**
 * jsonwebtoken is passport-petjeaf's own dependency (not the kit's), and it is loaded only
 * when `jwtVerification` is set, at the first signature check. This file imports neither
 * jsonwebtoken nor @internal/test-support (whose JWT suite does), so the mock below sees
 * every load of it; the tests run in order and the first ones must not load it. The package
 * is loaded in beforeAll, after the mock is ready, so that loading it is checked too.
 */
const mockJsonwebtokenLoaded = jest.fn();
jest.mock('jsonwebtoken', () => {
  mockJsonwebtokenLoaded();
  return jest.requireActual('jsonwebtoken');
});

const KEY = 'petjeaf-hs256-key-for-lazy-load-tests';
const options: PetjeafStrategyOptions = {
  clientID: 'petjeaf-client-1',
  clientSecret: 'petjeaf-client-secret',
  callbackURL: 'http://localhost/callback',
};
const claims = { id: '8jFy8VbRPTfkM1658U2IrwvIV7R2', name: 'Zoë', exp: Math.floor(Date.now() / 1000) + 3600 };

/** An HS256 JWT signed with node:crypto, so that this file needs no JWT library. */
function signedJwt(key: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
}

/** The profile passport-oauth2 would get after the token exchange (no HTTP: read from the token). */
function profileFrom(strategy: Strategy, accessToken: string): Promise<PetjeafProfile> {
  return new Promise((resolve, reject) => {
    strategy.userProfile(accessToken, (error, profile) => (error ? reject(error) : resolve(profile!)));
  });
}

const verify = () => undefined;
let petjeaf: typeof import('passport-petjeaf');

beforeAll(async () => {
  petjeaf = await import('passport-petjeaf');
});

describe('without jwtVerification, jsonwebtoken is never loaded', () => {
  it('not by loading the package, constructing the strategy or reading a profile from the token', async () => {
    const strategy = new petjeaf.Strategy(options, verify);
    const profile = await profileFrom(strategy, signedJwt('a key nobody checks'));
    expect(profile.id).toBe(claims.id);
    expect(mockJsonwebtokenLoaded).not.toHaveBeenCalled();
  });

  it('not by constructing a strategy with jwtVerification either, until a signature is checked', () => {
    new petjeaf.Strategy({ ...options, jwtVerification: { key: KEY, algorithms: ['HS256'] } }, verify);
    expect(mockJsonwebtokenLoaded).not.toHaveBeenCalled();
  });
});

describe('with jwtVerification, jsonwebtoken is loaded (from passport-petjeaf) at the first check', () => {
  it('and checks the signature with it', async () => {
    const strategy = new petjeaf.Strategy({ ...options, jwtVerification: { key: KEY, algorithms: ['HS256'] } }, verify);
    await expect(profileFrom(strategy, signedJwt(KEY))).resolves.toMatchObject({ id: claims.id });
    expect(mockJsonwebtokenLoaded).toHaveBeenCalledTimes(1);
    const refused = await profileFrom(strategy, signedJwt('another key')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(petjeaf.ProviderApiError);
    expect(refused).toMatchObject({ reason: 'bad_signature' });
    expect(mockJsonwebtokenLoaded).toHaveBeenCalledTimes(1);
  });
});
