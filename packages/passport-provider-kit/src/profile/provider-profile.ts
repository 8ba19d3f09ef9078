import type { Profile } from 'passport';

/**
 * The normalized Passport profile every strategy of this project builds: Passport's
 * `Profile` (`provider`, `id`, `displayName`, `username`, `name`, `emails`) with the
 * provider's name as a literal type, and the source response kept in `_raw` and `_json`.
 *
 * @typeParam TProvider - the strategy name, e.g. `'gofundo'`.
 * @typeParam TJson - the provider's own payload the profile was built from.
 */
export interface ProviderProfile<TProvider extends string = string, TJson = Record<string, unknown>> extends Profile {
  provider: TProvider;
  /** The provider's user id, always a non-empty string. */
  id: string;
  displayName: string;
  username?: string;
  emails?: Array<{ value: string }>;
  /** The source as received (response body or JWT payload JSON). */
  _raw: string;
  /** The source, parsed. */
  _json: TJson;
}
