import { parseBoundedJson, ProviderApiError, type FailureReason } from 'passport-provider-kit';

/**
 * Why passport-petjeaf refuses a JWT, as the `reason` of its `ProviderApiError`: not a JWT
 * (`invalid_token`), expired (`expired_token`), or a signature that does not verify (`bad_signature`).
 */
export type JwtFailureReason = 'invalid_token' | 'expired_token' | 'bad_signature';

/** The claims of a JWT payload. */
export type JwtClaims = Record<string, unknown>;

/** The segments of a compact JWS, `header.payload.signature`, each base64url. */
const COMPACT_JWS = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/;

/** A JWT payload: its claims and the JSON text they were read from. */
export interface JwtPayload {
  /** The claims. */
  claims: JwtClaims;
  /** The payload's JSON text as the token carries it (e.g. for a profile's `_raw`). */
  raw: string;
}

/**
 * Reads the claims of a JWT without checking its signature, as a client may for a token it
 * just received from the provider over TLS, with the payload's JSON text (the profile's
 * `_raw`). Throws a {@link ProviderApiError} naming what is wrong: not three base64url
 * segments, a payload that is not base64url JSON, or JSON that is not an object
 * (`invalid_token`), or a segment over 64 KiB or nested deeper than the kit's JSON bounds
 * (`unexpected_shape`). Never puts
 * the token itself in a message.
 *
 * Hand-written rather than `jsonwebtoken.decode()` so that a strategy that does not verify
 * signatures does not load jsonwebtoken (and its dependencies) at all.
 *
 * @param token - the compact JWT.
 * @param provider - the provider's human name, for messages.
 * @param what - what the token is, for messages (default `access token`).
 */
export function decodeJwtPayload(token: string, provider: string, what = 'access token'): JwtPayload {
  const fail = (
    reason: JwtFailureReason | FailureReason,
    problem: string,
  ): ProviderApiError<JwtFailureReason | FailureReason> =>
    new ProviderApiError(`${provider} ${what} ${problem}`, { provider, reason });

  const match = COMPACT_JWS.exec(token);
  if (!match) throw fail('invalid_token', 'is not a JWT (expected three base64url segments)');
  const header = parseSegment(match[1]);
  if (header.problem !== undefined) throw fail('unexpected_shape', `has a JWT header ${header.problem}`);
  if (!isObject(header.value)) throw fail('invalid_token', 'has a JWT header that is not base64url-encoded JSON');
  const payload = parseSegment(match[2]);
  if (payload.problem !== undefined) throw fail('unexpected_shape', `has a JWT payload ${payload.problem}`);
  if (payload.value === undefined) throw fail('invalid_token', 'has a JWT payload that is not base64url-encoded JSON');
  if (!isObject(payload.value)) throw fail('invalid_token', 'has a JWT payload that is not a JSON object');
  return { claims: payload.value, raw: payload.text };
}

/**
 * Refuses a token whose `exp` (seconds since the epoch) has passed, allowing some clock skew.
 * A non-numeric `exp` is refused as well; a token without `exp` passes.
 */
export function assertNotExpired(
  claims: JwtClaims,
  provider: string,
  options: { now?: number; clockToleranceSeconds?: number; what?: string } = {},
): void {
  const { exp } = claims;
  if (exp === undefined) return;
  const what = options.what ?? 'access token';
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    throw new ProviderApiError(`${provider} ${what} has an exp claim that is not a number`, {
      provider,
      reason: 'invalid_token',
    });
  }
  const nowSeconds = (options.now ?? Date.now()) / 1000;
  if (exp + (options.clockToleranceSeconds ?? 0) <= nowSeconds) {
    // An exp far outside Date's range (±8.64e12 s) is still expired; toISOString() would throw on it.
    const date = new Date(exp * 1000);
    const when = Number.isNaN(date.getTime()) ? `exp ${exp}` : date.toISOString();
    throw new ProviderApiError(`${provider} ${what} expired at ${when}`, { provider, reason: 'expired_token' });
  }
}

/** Largest JWT segment read, decoded: far above any real token (servers refuse headers over 8-16 KB). */
const MAX_SEGMENT_BYTES = 64 * 1024;

/**
 * A segment's decoded text and its JSON value (undefined when it is not JSON), read within the
 * kit's JSON bounds; `problem` says how it broke them (too large or nested too deep).
 */
function parseSegment(segment: string): { text: string; value: unknown; problem?: string } {
  // base64url holds 3 bytes in 4 characters: refuse an oversized segment before decoding it.
  if (Math.floor((segment.length * 3) / 4) > MAX_SEGMENT_BYTES) {
    return { text: '', value: undefined, problem: `over ${MAX_SEGMENT_BYTES} bytes` };
  }
  const text = Buffer.from(segment, 'base64url').toString('utf8');
  const parsed = parseBoundedJson(text, { maxBytes: MAX_SEGMENT_BYTES });
  if (parsed.ok) return { text, value: parsed.value };
  return { text, value: undefined, problem: parsed.refusal === 'invalid_json' ? undefined : parsed.problem };
}

function isObject(value: unknown): value is JwtClaims {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
