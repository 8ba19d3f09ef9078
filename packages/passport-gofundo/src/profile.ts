import { normalizeProfile, type ProviderProfile } from 'passport-provider-kit';

/**
 * What Gofundo's user endpoint is assumed to answer: Laravel's `User` model, as Laravel
 * Passport apps serve it on `/api/user`. Gofundo does not document it; only `id` is required.
 */
export interface GofundoUser {
  id: string | number;
  name?: string;
  email?: string;
  [field: string]: unknown;
}

/** A Gofundo user as a normalized Passport profile; `_json` holds the user endpoint's answer. */
export type GofundoProfile = ProviderProfile<'gofundo', GofundoUser>;

/**
 * Maps the user endpoint's answer leniently: `id` (required, string or integer) → `id`,
 * `name` → `displayName`, `email` → `emails[0].value`.
 *
 * @param status - the user endpoint's HTTP status, named in the error when `id` is unusable.
 */
export function parseProfile(json: Record<string, unknown>, raw: string, status?: number): GofundoProfile {
  return normalizeProfile(
    'gofundo',
    'Gofundo',
    'user endpoint',
    { id: json.id, displayName: json.name, email: json.email },
    raw,
    json as GofundoUser,
    status,
  );
}
