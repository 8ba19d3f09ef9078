import { ProviderApiError } from '../errors/provider-api-error';
import type { ProviderProfile } from './provider-profile';

/** The pieces of a profile a provider mapping picks out of its payload (unchecked). */
export interface ProfileFields {
  /** Required: string or integer id. */
  id: unknown;
  /** Preferred display name; falls back to `username`, then `email`, then `id`. */
  displayName?: unknown;
  username?: unknown;
  email?: unknown;
}

/**
 * Builds a normalized profile from fields a provider mapping picked, checking them:
 * the `id` must be a non-empty string or an integer (made a string), the other fields are
 * kept only when they are non-empty strings. A missing or unusable `id` throws a
 * {@link ProviderApiError} with reason `invalid_profile`.
 *
 * @param provider - strategy name, e.g. `'altdentifier'`.
 * @param providerName - human name for messages, e.g. `'AltDentifier'`.
 * @param source - where the fields came from, for messages, e.g. `'user endpoint'`.
 * @param status - the HTTP status of the response the fields came from, when they came from
 *   one: the error then carries it as `providerStatus` and says e.g.
 *   `Acme user endpoint answered 200 without an id`. Leave it out for fields that came
 *   from no HTTP response (JWT claims): the message is then e.g. `Acme access token has no id`.
 */
export function normalizeProfile<TProvider extends string, TJson>(
  provider: TProvider,
  providerName: string,
  source: string,
  fields: ProfileFields,
  raw: string,
  json: TJson,
  status?: number,
): ProviderProfile<TProvider, TJson> {
  const id = profileId(fields.id);
  if (id === undefined) {
    const missing = fields.id === undefined || fields.id === null;
    // Worded like the HTTP client's other failures ("answered 200 with …") when there was a response.
    const problem =
      status === undefined
        ? missing
          ? 'has no id'
          : 'has an id that is not a string or an integer'
        : missing
          ? `answered ${status} without an id`
          : `answered ${status} with an id that is not a string or an integer`;
    throw new ProviderApiError(`${providerName} ${source} ${problem}`, {
      provider: providerName,
      reason: 'invalid_profile',
      providerStatus: status,
    });
  }
  const username = nonEmptyString(fields.username);
  const email = nonEmptyString(fields.email);
  const profile: ProviderProfile<TProvider, TJson> = {
    provider,
    id,
    displayName: nonEmptyString(fields.displayName) ?? username ?? email ?? id,
    _raw: raw,
    _json: json,
  };
  if (username !== undefined) profile.username = username;
  if (email !== undefined) profile.emails = [{ value: email }];
  return profile;
}

/** An id as a string: a non-empty (trimmed) string, or a safe integer; otherwise undefined. */
export function profileId(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : undefined;
  return nonEmptyString(value);
}

/** The value when it is a string with something other than whitespace in it. */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
