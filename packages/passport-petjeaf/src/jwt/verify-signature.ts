import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { ProviderApiError } from 'passport-provider-kit';

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
 * Checks a JWT's signature (and `iss`/`aud` when given) with jsonwebtoken. Expiry is checked
 * by the caller (`assertNotExpired`), the same way with or without a key. `alg: none`
 * and unsigned tokens are always refused.
 *
 * jsonwebtoken is required here, at the first check, not at the top of the file: it costs more
 * to load than the rest of the strategy together, and an app without `jwtVerification` never
 * needs it.
 */
export function verifyJwtSignature(
  token: string,
  verification: JwtVerification,
  provider: string,
  what = 'access token',
): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jwt = require('jsonwebtoken') as typeof import('jsonwebtoken');
  const algorithms = verification.algorithms?.filter((alg) => alg.toLowerCase() !== 'none');
  try {
    jwt.verify(token, keyObjectOf(verification), {
      // jsonwebtoken refuses an algorithm it does not know; the option's type stays a plain string list.
      algorithms: algorithms as import('jsonwebtoken').Algorithm[] | undefined,
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
