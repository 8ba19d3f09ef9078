import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { ProviderApiError } from '../errors/provider-api-error';

/** How to check a JWT's signature, for providers that publish (or give you) a key. */
export interface JwtVerification {
  /** HMAC secret, or PEM / KeyObject public key. */
  key: string | Buffer | KeyObject;
  /** Accepted algorithms (e.g. `['RS256']`). Default: those that suit the key's type; `none` never. */
  algorithms?: string[];
  /** Expected `iss`, if any. */
  issuer?: string;
  /** Expected `aud`, if any. */
  audience?: string;
}

/**
 * The options {@link verifyJwtSignature} passes to the library's `verify`: a subset of
 * jsonwebtoken's `VerifyOptions`, typed as loosely as jsonwebtoken's own so that its module
 * is a {@link JwtLibrary} without `@types/jsonwebtoken` being needed here.
 */
export interface JwtVerifyOptions {
  algorithms?: string[];
  issuer?: string | string[];
  audience?: string | RegExp | Array<string | RegExp>;
  ignoreExpiration?: boolean;
}

/**
 * The part of a JWT library that {@link verifyJwtSignature} uses: jsonwebtoken's `verify`,
 * which throws when the token does not check out. `require('jsonwebtoken')` fits as it is.
 */
export interface JwtLibrary {
  verify(token: string, key: string | Buffer | KeyObject, options: JwtVerifyOptions): unknown;
}

/**
 * The JWT library, or a function that loads it on first use (e.g. `() => require('jsonwebtoken')`).
 * The kit has no JWT library of its own: the strategy that checks signatures depends on one and
 * hands it over, so that it is resolved from the strategy's package (strict installs such as
 * pnpm included) and the other strategies never install it.
 */
export type JwtLibrarySource = JwtLibrary | (() => JwtLibrary);

/**
 * Checks a JWT's signature (and `iss`/`aud` when given) with the JWT library the caller
 * supplies (jsonwebtoken's API); a loader function is called only here, when a key is
 * configured. Expiry is checked by the caller, the same way with or without a key.
 * `alg: none` and unsigned tokens are always refused.
 */
export function verifyJwtSignature(
  token: string,
  verification: JwtVerification,
  provider: string,
  library: JwtLibrarySource,
  what = 'access token',
): void {
  const jwt = loadJwtLibrary(library);
  const algorithms = verification.algorithms?.filter((alg) => alg.toLowerCase() !== 'none');
  try {
    jwt.verify(token, keyObjectOf(verification), {
      algorithms,
      issuer: verification.issuer,
      audience: verification.audience,
      ignoreExpiration: true,
    });
  } catch (error) {
    const problem = error instanceof Error ? error.message : 'could not be verified';
    throw new ProviderApiError(`${provider} ${what} was refused: ${problem}`, {
      provider,
      reason: 'bad_signature',
      cause: error instanceof Error ? { name: error.name, message: error.message } : undefined,
    });
  }
}

const keyObjects = new WeakMap<JwtVerification, KeyObject>();

/**
 * Throws a `TypeError` naming `owner` when `verification.key` cannot be a key (an empty
 * secret, a malformed PEM), so that a configuration mistake stops the strategy's construction
 * instead of failing every login as a "refused" token. Also prepares the key for
 * {@link verifyJwtSignature}.
 */
export function assertUsableJwtKey(verification: JwtVerification, owner: string): void {
  const { key } = verification;
  if ((typeof key === 'string' || Buffer.isBuffer(key)) && key.length === 0) {
    throw new TypeError(`${owner}: jwtVerification.key is empty`);
  }
  try {
    keyObjectOf(verification);
  } catch (error) {
    throw new TypeError(`${owner}: jwtVerification.key is not a usable key (${(error as Error).message})`);
  }
}

/**
 * The verification key as a KeyObject, made once per configuration. Given a string or a
 * Buffer, jsonwebtoken tries it as a PEM key first and falls back to a secret on each call,
 * and that failed parse costs about 0.6 ms per token against 0.02 ms with a KeyObject.
 */
function keyObjectOf(verification: JwtVerification): KeyObject {
  const { key } = verification;
  if (typeof key !== 'string' && !Buffer.isBuffer(key)) return key;
  let made = keyObjects.get(verification);
  if (!made) {
    const text = typeof key === 'string' ? key : key.toString('latin1');
    // A PEM (public key or certificate) is an asymmetric key; anything else is an HMAC secret.
    made = text.includes('-----BEGIN ')
      ? createPublicKey(key)
      : createSecretKey(typeof key === 'string' ? Buffer.from(key, 'utf8') : key);
    keyObjects.set(verification, made);
  }
  return made;
}

/** The library itself, from the library or its loader; a programming error if neither fits. */
function loadJwtLibrary(library: JwtLibrarySource): JwtLibrary {
  const hasVerify = (value: unknown): value is JwtLibrary =>
    typeof (value as Partial<JwtLibrary> | undefined)?.verify === 'function';
  const jwt: unknown = typeof library === 'function' && !hasVerify(library) ? library() : library;
  if (!hasVerify(jwt)) {
    throw new TypeError(
      "verifyJwtSignature needs a JWT library with jsonwebtoken's verify(), or a function that loads one (e.g. () => require('jsonwebtoken'))",
    );
  }
  return jwt;
}
