import type { TokenEndpoint } from '../oauth/token-request';

/**
 * Everything that makes one provider different, as data: a provider package returns one of
 * these from its strategy's static `describe(options)`, and {@link ProviderStrategy} does
 * the rest.
 */
export interface ProviderDefinition {
  /** Strategy name for `passport.authenticate(name)`, e.g. `'gofundo'`. */
  name: string;
  /** Human name used in error messages, e.g. `'Gofundo'`. */
  displayName: string;
  /** The authorize URL. */
  authorizationURL: string;
  /** How the token endpoint wants to be called (URL, body encoding, client auth, headers). */
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
  /**
   * The provider's own URL options as the app gave them, by option name (`{ baseURL, userProfileURL }`),
   * in the order an insecure one is reported: each must be `https:` unless loopback or `allowInsecureHTTP`.
   * (`authorizationURL`, `tokenURL` and `apiBaseURL` are the kit's options, checked anyway.)
   */
  optionURLs?: Readonly<Record<string, string | undefined>>;
  /**
   * The option(s) that set each endpoint's URL, by the endpoint's label in messages, e.g.
   * `{ 'token endpoint': 'tokenURL (or baseURL)' }`: a redirect's error names them.
   */
  urlOptions?: Readonly<Record<string, string>>;
  /** Where the provider's error bodies put their human text, in order of preference; `error.message` names a nested field. */
  errorFields: readonly string[];
  /**
   * Also read the provider's text from an error response (4xx/5xx) that is plain text or
   * HTML, not JSON: tags stripped, whitespace flattened, capped at 300 characters, secrets
   * redacted. Default `false`: an HTML error page is usually a framework's or a proxy's, whose
   * text says little; a provider that explains errors in plain text (GitHub's 403 for a
   * request without `User-Agent`) turns it on.
   */
  textErrorBodies?: boolean;
}
