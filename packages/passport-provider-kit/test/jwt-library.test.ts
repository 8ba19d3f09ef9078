import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProviderApiError, verifyJwtSignature, type JwtLibrary, type JwtVerifyOptions } from 'passport-provider-kit';

/**
 * The kit has no JWT library of its own: verifyJwtSignature uses the one the strategy hands
 * it (or loads it through the strategy's loader), so that only the strategy that checks
 * signatures (passport-petjeaf) depends on jsonwebtoken, and resolves it from its own package.
 * This file never imports jsonwebtoken; the mock below records any attempt to load it.
 */
const mockJsonwebtokenLoaded = jest.fn();
jest.mock('jsonwebtoken', () => {
  mockJsonwebtokenLoaded();
  return jest.requireActual('jsonwebtoken');
});

const TOKEN = 'header.payload.signature';

/** A stand-in JWT library whose verify() passes, or throws `failure`. */
function fakeLibrary(failure?: Error): JwtLibrary & { verify: jest.Mock } {
  return {
    verify: jest.fn(() => {
      if (failure) throw failure;
      return { id: 'u1' };
    }),
  };
}

describe('verifyJwtSignature: the JWT library comes from the caller', () => {
  it('calls its verify() with the key and the checks, expiry left to assertNotExpired', () => {
    const library = fakeLibrary();
    verifyJwtSignature(TOKEN, { key: 'k', issuer: 'https://issuer.example', audience: 'client' }, 'Acme', library);
    expect(library.verify).toHaveBeenCalledTimes(1);
    // The secret string arrives as a KeyObject made from it (see jwt.test.ts).
    expect(library.verify).toHaveBeenCalledWith(
      TOKEN,
      expect.objectContaining({ type: 'secret', symmetricKeySize: 1 }),
      {
        algorithms: undefined,
        issuer: 'https://issuer.example',
        audience: 'client',
        ignoreExpiration: true,
      } satisfies JwtVerifyOptions,
    );
  });

  it("never passes 'none' among the algorithms, whatever its case", () => {
    const library = fakeLibrary();
    verifyJwtSignature(TOKEN, { key: 'k', algorithms: ['none', 'HS256', 'NONE'] }, 'Acme', library);
    expect(library.verify.mock.calls[0][2]).toMatchObject({ algorithms: ['HS256'] });
  });

  it("turns the library's refusal into a ProviderApiError (bad_signature), named as told", () => {
    const failure = Object.assign(new Error('invalid signature'), { name: 'JsonWebTokenError' });
    let caught: unknown;
    try {
      verifyJwtSignature(TOKEN, { key: 'k' }, 'Acme', fakeLibrary(failure), 'ID token');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProviderApiError);
    expect(caught).toMatchObject({
      message: 'Acme ID token was refused: invalid signature',
      reason: 'bad_signature',
      provider: 'Acme',
    });
  });

  it('takes a loader instead, and calls it only when a signature is checked, each time', () => {
    const library = fakeLibrary();
    const loader = jest.fn(() => library);
    expect(loader).not.toHaveBeenCalled();
    verifyJwtSignature(TOKEN, { key: 'k' }, 'Acme', loader);
    verifyJwtSignature(TOKEN, { key: 'k' }, 'Acme', loader);
    expect(loader).toHaveBeenCalledTimes(2);
    expect(library.verify).toHaveBeenCalledTimes(2);
  });

  it('takes a library that is itself a function with a verify() as the library, not as a loader', () => {
    const verify = jest.fn();
    const callable = Object.assign(jest.fn(), { verify });
    verifyJwtSignature(TOKEN, { key: 'k' }, 'Acme', callable);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(callable).not.toHaveBeenCalled();
  });

  it('lets a failing loader (library not installed) through as it is, not as a bad signature', () => {
    const notFound = Object.assign(new Error("Cannot find module 'jsonwebtoken'"), { code: 'MODULE_NOT_FOUND' });
    expect(() =>
      verifyJwtSignature(TOKEN, { key: 'k' }, 'Acme', () => {
        throw notFound;
      }),
    ).toThrow(notFound);
  });

  it.each([
    ['no library (a caller of the old signature)', undefined],
    ["the old signature's `what` in its place", 'ID token'],
    ['an object without verify()', {}],
    ['a loader that returns nothing', () => undefined],
  ])('refuses %s with a TypeError saying what it needs', (_what, library) => {
    expect(() => verifyJwtSignature(TOKEN, { key: 'k' }, 'Acme', library as unknown as JwtLibrary)).toThrow(
      new TypeError(
        "verifyJwtSignature needs a JWT library with jsonwebtoken's verify(), or a function that loads one (e.g. () => require('jsonwebtoken'))",
      ),
    );
  });
});

describe('the kit does not depend on jsonwebtoken', () => {
  it('lists it in none of its dependencies (passport-petjeaf does)', () => {
    const manifest = (name: string) =>
      JSON.parse(readFileSync(join(__dirname, '../..', name, 'package.json'), 'utf8')) as Record<string, unknown>;
    const kit = manifest('passport-provider-kit');
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
      expect(Object.keys((kit[field] as object | undefined) ?? {})).not.toContain('jsonwebtoken');
    }
    expect(Object.keys(manifest('passport-petjeaf').dependencies as object)).toContain('jsonwebtoken');
  });
});

describe('nothing above loaded jsonwebtoken', () => {
  it('neither loading the kit nor checking signatures with a given library requires it', () => {
    expect(mockJsonwebtokenLoaded).not.toHaveBeenCalled();
  });
});
