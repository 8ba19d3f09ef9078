import { createHash } from 'node:crypto';
import { normalizeProfile, type ProviderProfile } from 'passport-provider-kit';

/**
 * What the profile is built from. Without `userProfileURL` (the default: MijnKlantportaal
 * documents no identity endpoint) it is only the granted scopes; with it, the endpoint's answer.
 */
export interface MijnKlantportaalProfileSource {
  /** The scopes granted (the token answer's `scope`, or those requested when it has none). */
  scopes: string[];
  [field: string]: unknown;
}

/**
 * A MijnKlantportaal account as a normalized Passport profile.
 *
 * **Without `userProfileURL`, `id` is derived from the access token and changes at every
 * login** (`idFromToken: true`): MijnKlantportaal documents no endpoint that identifies the
 * account. Do not key users on it; key the connection on your own signed-in user
 * (`passReqToCallback: true`, `req.user`) and store the refresh token with it, or set
 * `userProfileURL` to an endpoint that identifies the account (`idFromToken: false`).
 * @see https://docs.developers.mijnklantportaal.nl/getting-started/authentication
 */
export interface MijnKlantportaalProfile extends ProviderProfile<'mijnklantportaal', MijnKlantportaalProfileSource> {
  /** The scopes granted to your app. */
  scopes: string[];
  /** True when `id` is derived from the access token (no identity endpoint): it changes at every login. */
  idFromToken: boolean;
}

/**
 * The default profile, built without an HTTP call: MijnKlantportaal has no documented
 * identity endpoint, so `id` is a digest of the access token, which is **not stable across
 * logins** (`idFromToken: true`), and `displayName` is `MijnKlantportaal account`.
 */
export function profileFromToken(accessToken: string, scopes: string[]): MijnKlantportaalProfile {
  const id = `token-${createHash('sha256').update(accessToken).digest('hex').slice(0, 32)}`;
  const json: MijnKlantportaalProfileSource = { scopes };
  return {
    ...normalizeProfile(
      'mijnklantportaal',
      'MijnKlantportaal',
      'token',
      { id, displayName: 'MijnKlantportaal account' },
      JSON.stringify(json),
      json,
    ),
    scopes,
    idFromToken: true,
  };
}

/**
 * Maps the answer of a `userProfileURL` leniently: `id` (required) → `id`, `name` or
 * `company_name` → `displayName`, `email` → `emails[0].value`.
 *
 * @param status - the endpoint's HTTP status, named in the error when `id` is unusable.
 */
export function parseProfile(
  json: Record<string, unknown>,
  raw: string,
  scopes: string[],
  status?: number,
): MijnKlantportaalProfile {
  const source: MijnKlantportaalProfileSource = { ...json, scopes };
  return {
    ...normalizeProfile(
      'mijnklantportaal',
      'MijnKlantportaal',
      'user endpoint',
      { id: json.id, displayName: json.name ?? json.company_name, email: json.email },
      raw,
      source,
      status,
    ),
    scopes,
    idFromToken: false,
  };
}
