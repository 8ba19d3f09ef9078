import { normalizeProfile, type ProviderProfile } from 'passport-provider-kit';
import type { JwtClaims } from './jwt/decode-claims';
import type { PetjeafMembershipsAtLogin } from './memberships';

/**
 * The claims of a Petje.af access token (a JWT): "a JSON Web Token with the name, email and
 * id after decoding". Other claims (`exp`, `iat`...) are kept as they come.
 *
 * @see https://docs.petje.af/petje.af-api/authentication/tokens
 */
export interface PetjeafTokenClaims extends JwtClaims {
  /** The user's id, an opaque string (28 characters in the API's examples). */
  id?: string;
  name?: string;
  email?: string;
  exp?: number;
}

/** A Petje.af user as a normalized Passport profile; `_json` holds the token's claims. */
export interface PetjeafProfile extends ProviderProfile<'petjeaf', PetjeafTokenClaims> {
  /** Only with the `loadMemberships` option: the user's memberships, or why they are unknown. */
  memberships?: PetjeafMembershipsAtLogin;
}

/**
 * Maps the access token's claims to a profile: `id` → `id`, `name` → `displayName`,
 * `email` → `emails[0].value`. Throws when `id` is missing or not a string/integer.
 *
 * @param claims - the decoded JWT payload.
 * @param raw - the payload's JSON text, kept as `_raw`.
 */
export function parseProfile(claims: PetjeafTokenClaims, raw: string): PetjeafProfile {
  return normalizeProfile(
    'petjeaf',
    'Petje.af',
    'access token',
    { id: claims.id, displayName: claims.name, email: claims.email },
    raw,
    claims,
  );
}
