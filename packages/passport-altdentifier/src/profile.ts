import { nonEmptyString, normalizeProfile, type ProviderProfile } from 'passport-provider-kit';

/**
 * An AltDentifier (Discord) user, as the webhook Member object documents it
 * (`{"id": "66166172835385344", "username": "Auxim", "discriminator": "0001"}`); the
 * official example server reads `name` instead of `username`, so both are accepted.
 *
 * @see https://docs.altdentifier.dev/api/webhooks
 */
export interface AltDentifierUser {
  /** Discord snowflake, a string. */
  id: string;
  username?: string;
  name?: string;
  discriminator?: string;
  [field: string]: unknown;
}

/** An AltDentifier user as a normalized Passport profile. */
export interface AltDentifierProfile extends ProviderProfile<'altdentifier', AltDentifierUser> {
  /** Discord discriminator (`0001`), when the user has one. */
  discriminator?: string;
}

/**
 * Maps the user endpoint's answer: `id` → `id` (snowflakes must be strings; a number past
 * 2^53 has already lost digits and is refused), `username` (or `name`) → `username`, and
 * `displayName` `username#discriminator` when there is a discriminator other than `0`.
 *
 * @param status - the user endpoint's HTTP status, named in the error when `id` is unusable.
 */
export function parseProfile(json: Record<string, unknown>, raw: string, status?: number): AltDentifierProfile {
  const username = nonEmptyString(json.username) ?? nonEmptyString(json.name);
  const discriminator = nonEmptyString(json.discriminator);
  const tagged = username && discriminator && discriminator !== '0' ? `${username}#${discriminator}` : username;
  const profile: AltDentifierProfile = normalizeProfile(
    'altdentifier',
    'AltDentifier',
    'user endpoint',
    { id: json.id, username, displayName: tagged, email: json.email },
    raw,
    json as AltDentifierUser,
    status,
  );
  if (discriminator !== undefined) profile.discriminator = discriminator;
  return profile;
}
