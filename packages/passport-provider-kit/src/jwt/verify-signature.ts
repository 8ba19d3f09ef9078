import type { KeyObject } from 'node:crypto';
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
 * Checks a JWT's signature (and `iss`/`aud` when given) with jsonwebtoken, loaded only
 * when a key is configured. Expiry is checked by the caller, the same way with or without
 * a key. `alg: none` and unsigned tokens are always refused.
 */
export function verifyJwtSignature(token: string, verification: JwtVerification, provider: string, what = 'access token'): void {
  // Lazy: jsonwebtoken costs more to load than the rest of a strategy together.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jwt = require('jsonwebtoken') as typeof import('jsonwebtoken');
  const algorithms = verification.algorithms?.filter((alg) => alg.toLowerCase() !== 'none');
  try {
    jwt.verify(token, verification.key, {
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
