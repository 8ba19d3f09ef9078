import type { Profile } from 'passport';
import { ProviderApiError } from '../errors/provider-api-error';

/** The Passport `Profile` every strategy here builds: `provider` the strategy name, the source (a body, JWT claims) as received in `_raw`, parsed in `_json`. */
export interface ProviderProfile<TProvider extends string = string, TJson = Record<string, unknown>> extends Profile {
  provider: TProvider;
  emails?: Array<{ value: string }>;
  _raw: string;
  _json: TJson;
}

/** The pieces of a profile a provider mapping picks out of its payload, unchecked: `id` required, `displayName` preferred. */
export interface ProfileFields {
  id: unknown;
  displayName?: unknown;
  username?: unknown;
  email?: unknown;
}

/** The profile from the fields a mapping picked; an unusable `id` throws a {@link ProviderApiError} `invalid_profile`. */
export function normalizeProfile<TProvider extends string, TJson>(
  provider: TProvider,
  providerName: string,
  source: string,
  fields: ProfileFields,
  raw: string,
  json: TJson,
  status?: number,
): ProviderProfile<TProvider, TJson> {
  const id = Number.isSafeInteger(fields.id) ? String(fields.id) : nonEmptyString(fields.id);
  if (id === undefined) {
    const missing = fields.id === undefined || fields.id === null;
    const what = missing ? 'no id' : 'an id that is not a string or an integer';
    const problem =
      status === undefined ? `has ${what}` : `answered ${status} ${missing ? 'without an id' : `with ${what}`}`;
    const details = { provider: providerName, reason: 'invalid_profile', providerStatus: status } as const;
    throw new ProviderApiError(`${providerName} ${source} ${problem}`, details);
  }
  const username = nonEmptyString(fields.username);
  const email = nonEmptyString(fields.email);
  const displayName = nonEmptyString(fields.displayName) ?? username ?? email ?? id;
  const profile: ProviderProfile<TProvider, TJson> = { provider, id, displayName, _raw: raw, _json: json };
  if (username !== undefined) profile.username = username;
  if (email !== undefined) profile.emails = [{ value: email }];
  return profile;
}

/** The value, trimmed, when it is a string with something other than white space in it. */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
