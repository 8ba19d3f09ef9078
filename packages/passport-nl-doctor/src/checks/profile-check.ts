import { PROVIDERS, type BuiltStrategy } from '../providers';
import type { CheckResult, DoctorSettings } from '../types';

/** Seconds a token's `iat` may be ahead of this machine's clock before it counts as skew. */
const SKEW_SECONDS = 60;

/**
 * Petje.af's access token is a JWT: its `exp` and `iat` claims against this machine's clock.
 * The token is decoded here (no request), never printed.
 */
export function tokenClockCheck(accessToken: string, now = Date.now()): CheckResult {
  const name = 'access token clock';
  const claims = jwtClaims(accessToken);
  if (!claims) {
    return {
      name,
      ok: false,
      detail: 'the token is not a JWT (three base64url parts with a JSON payload)',
      fix: 'Pass the access_token of a Petje.af token answer, whole.',
    };
  }
  const seconds = Math.floor(now / 1000);
  const { exp, iat } = claims;
  const at = (epoch: number) => new Date(epoch * 1000).toISOString();
  if (typeof iat === 'number' && iat > seconds + SKEW_SECONDS) {
    return {
      name,
      ok: false,
      detail: `issued at ${at(iat)}, ${iat - seconds} s in this machine's future: its clock is behind`,
      fix: "Synchronise this machine's clock (NTP): the strategy checks exp against it.",
    };
  }
  if (typeof exp !== 'number')
    return {
      name,
      ok: null,
      detail: 'the token has no exp claim: the strategy cannot tell when it expires',
      fix: null,
    };
  if (exp <= seconds) {
    const skew = typeof iat === 'number' ? ` (issued ${at(iat)}, ${exp - iat} s lifetime)` : '';
    return {
      name,
      ok: false,
      detail: `expired at ${at(exp)}, ${seconds - exp} s ago by this machine's clock${skew}`,
      fix: "Log in again for a fresh token; if it was fresh, this machine's clock is ahead: synchronise it (NTP).",
    };
  }
  return {
    name,
    ok: true,
    detail: `valid until ${at(exp)} (${exp - seconds} s left by this machine's clock)${typeof iat === 'number' ? `, issued ${seconds - iat} s ago` : ''}`,
    fix: null,
  };
}

function jwtClaims(token: string): { exp?: unknown; iat?: unknown } | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
    return typeof claims === 'object' && claims !== null ? (claims as { exp?: unknown; iat?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}

/** The profile as the strategy builds it from the token (its own request, deadline and mapping), or why it cannot. */
export async function profileCheck(
  settings: DoctorSettings,
  built: BuiltStrategy,
  accessToken: string,
): Promise<CheckResult> {
  const name = 'profile';
  const { envPrefix, displayName } = PROVIDERS[settings.provider];
  const user = built.endpoints.find((endpoint) => endpoint.kind === 'user');
  const setting = settings.userProfileURL?.source ?? `${envPrefix}_USER_PROFILE_URL`;
  try {
    const profile = await new Promise<unknown>((resolve, reject) =>
      built.strategy.userProfile(accessToken, (error, result) => (error ? reject(error) : resolve(result))),
    );
    const {
      id,
      displayName: shown,
      emails,
    } = (profile ?? {}) as { id?: unknown; displayName?: unknown; emails?: Array<{ value?: unknown }> };
    const email = emails?.[0]?.value;
    const from = user ? `read from ${user.url}` : 'read from the token';
    return {
      name,
      ok: true,
      detail: `${from}: id "${String(id)}", displayName "${String(shown ?? '')}"${typeof email === 'string' ? `, email ${email}` : ''}`,
      fix: null,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const { reason, providerStatus } = error as { reason?: string; providerStatus?: number };
    const status = providerStatus === undefined ? '' : ` (status ${providerStatus})`;
    return {
      name,
      ok: false,
      detail: `${reason ?? 'error'}${status}: ${message}`,
      fix: profileFix(reason, providerStatus, setting, displayName),
    };
  }
}

function profileFix(
  reason: string | undefined,
  status: number | undefined,
  setting: string,
  displayName: string,
): string {
  if (status === 401 || reason === 'invalid_token')
    return `${displayName} refuses this token: log in again and pass a fresh access token.`;
  if (reason === 'expired_token')
    return "Log in again for a fresh token; if it was fresh, synchronise this machine's clock (NTP).";
  if (status === 403) return 'Request the scope the profile needs (see the strategy README) and log in again.';
  if (status === 404 || reason === 'html_body' || reason === 'redirect')
    return `Set ${setting} to ${displayName}'s user endpoint: this one is not it.`;
  if (
    reason === 'invalid_profile' ||
    reason === 'unexpected_shape' ||
    reason === 'invalid_json' ||
    reason === 'empty_body'
  ) {
    return `The answer is not a user with an id: set ${setting} to ${displayName}'s user endpoint.`;
  }
  if (reason === 'timeout' || reason === 'network')
    return `Check that this machine reaches ${setting}'s host; try again.`;
  return `Fix what the message names (${setting}, or the token).`;
}
