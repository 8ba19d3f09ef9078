import type { TokenEndpoint } from '../oauth/token-request';

/** One provider as data, from its strategy's static `describe(options)` (the kit README describes each field). */
export interface ProviderDefinition {
  /** Strategy name for `passport.authenticate(name)`, e.g. `'gofundo'`. */
  name: string;
  /** Human name used in error messages, e.g. `'Gofundo'`. */
  displayName: string;
  /** The authorize URL. */
  authorizationURL: string;
  /** How the token endpoint wants to be called (URL, body encoding, client auth, headers, per-grant fields). */
  token: TokenEndpoint;
  /** Joins an array `scope`. */
  scopeSeparator: string;
  /** Scope sent when the user gives none. */
  defaultScope?: string | readonly string[];
  /** The API base `apiGet` resolves paths against, e.g. `https://api.petje.af/v1`. */
  apiBaseURL?: string;
  /** Headers sent on every API call besides the bearer token (e.g. `Accept`). */
  apiHeaders?: Record<string, string>;
  /** The header(s) that carry the access token on an API call. Default `Authorization: Bearer <token>`. */
  bearerHeaders?: (accessToken: string) => Record<string, string>;
  /** The provider's own URL options as given, by name (`{ baseURL }`): each must be `https:` unless loopback. */
  optionURLs?: Readonly<Record<string, string | undefined>>;
  /** The option(s) that set each endpoint, by its label, named when it redirects: `{ 'token endpoint': 'tokenURL' }`. */
  urlOptions?: Readonly<Record<string, string>>;
  /** Where the provider's error bodies put their text, in order of preference; `error.message` names a nested field. */
  errorFields: readonly string[];
  /** Also read the provider's text from a plain-text or HTML error response (cleaned, capped, redacted). Default `false`. */
  textErrorBodies?: boolean;
}
