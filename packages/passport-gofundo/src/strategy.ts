import {
  endpointUnder,
  parseBaseURL,
  ProviderStrategy,
  singleHostEndpoints,
  type ResolvedEndpoint,
  type ProviderDefinition,
  type ProviderStrategyOptions,
  type TokenSet,
} from 'passport-provider-kit';
import { parseProfile, type GofundoProfile } from './profile';

/**
 * The instance served at `gofundo.nl`. Gofundo is multi-instance ("API clients relevant to your
 * current instance of Gofundo"): another instance's origin goes in `baseURL`.
 * @see https://developer.gofundo.nl/gofundo
 */
export const BASE_URL = 'https://gofundo.nl';
/** The endpoints' paths under {@link BASE_URL} or an instance's `baseURL`. */
const PATHS = { authorize: '/oauth/authorize', token: '/oauth/token', user: '/api/user', api: '/api' } as const;
/** Where the user grants access. @see https://developer.gofundo.nl/gofundo */
export const AUTHORIZATION_URL = `${BASE_URL}${PATHS.authorize}`;
/** Token endpoint for every grant. @see https://developer.gofundo.nl/gofundo */
export const TOKEN_URL = `${BASE_URL}${PATHS.token}`;
/**
 * User endpoint. **An assumption**: Gofundo documents none; this is Laravel Passport's
 * convention. Override with `userProfileURL`.
 */
export const USER_PROFILE_URL = `${BASE_URL}${PATHS.user}`;
/**
 * The API base `apiGet` resolves paths against. **An assumption**: Gofundo documents no API
 * reference; this is Laravel's `/api` prefix, as in the assumed {@link USER_PROFILE_URL}.
 * Moves with `baseURL`; override with `apiBaseURL`.
 */
export const API_BASE_URL = `${BASE_URL}${PATHS.api}`;
/** "All requests should contain the Accept header with value application/json." */
const ACCEPT_JSON = { Accept: 'application/json' };

/** Options of the Gofundo strategy. */
export interface GofundoStrategyOptions extends ProviderStrategyOptions {
  /**
   * Your Gofundo instance's origin (optionally with a path prefix), from which the authorize
   * (`/oauth/authorize`), token (`/oauth/token`) and user (`/api/user`) URLs are derived.
   * Default {@link BASE_URL}. `authorizationURL`, `tokenURL` and `userProfileURL` still win;
   * a mix that would send the access token to a host other than the token endpoint's is
   * refused unless you name both URLs of the mix.
   */
  baseURL?: string;
  /** The endpoint the profile is read from. Default {@link USER_PROFILE_URL} (an assumption). */
  userProfileURL?: string;
}

/**
 * Passport strategy for Gofundo (`passport.authenticate('gofundo')`).
 *
 * Gofundo's quirks: the authorize request carries `scope` as the empty string; every
 * request, token and API, carries `Accept: application/json` (Laravel answers HTML
 * otherwise); the profile comes from a user endpoint (an assumption, see
 * {@link USER_PROFILE_URL}); the documented token lifetimes look swapped, so only
 * `expires_in` is trusted; besides the code grant, Gofundo lists the `client_credentials`
 * and `password` grants, offered as {@link Strategy.clientCredentials} and {@link Strategy.password}.
 *
 * @example
 * ```ts
 * passport.use(new Strategy(
 *   { clientID, clientSecret, callbackURL: 'https://example.com/auth/gofundo/callback' },
 *   (accessToken, refreshToken, profile, done) => done(null, { id: profile.id, name: profile.displayName }),
 * ));
 * ```
 */
export class Strategy extends ProviderStrategy<GofundoProfile, GofundoStrategyOptions> {
  /** The user endpoint: `userProfileURL`, or `/api/user` under `baseURL`. */
  private readonly userProfileURL = gofundoEndpoints(this.options).user.url;

  /** Gofundo as data, for the shared base. */
  static describe(options: GofundoStrategyOptions): ProviderDefinition {
    const endpoints = gofundoEndpoints(options);
    return {
      name: 'gofundo',
      displayName: 'Gofundo',
      authorizationURL: endpoints.authorize.url,
      token: { url: endpoints.token.url, bodyEncoding: 'form', clientAuth: 'body', headers: ACCEPT_JSON },
      scopeSeparator: ' ',
      apiBaseURL: endpointUnder(parseBaseURL('Gofundo strategy', 'baseURL', options.baseURL ?? BASE_URL), PATHS.api),
      apiHeaders: ACCEPT_JSON,
      optionURLs: { baseURL: options.baseURL, userProfileURL: options.userProfileURL },
      urlOptions: { 'token endpoint': 'tokenURL (or baseURL)', 'user endpoint': 'userProfileURL' },
      errorFields: ['error_description', 'message', 'error', 'hint'],
    };
  }

  /** Gofundo wants `scope` present and empty ("Containing empty string"); a `scope` option replaces it. */
  override authorizationParams(): Record<string, string> {
    return { scope: '' };
  }

  /**
   * The `client_credentials` grant: a token for your app itself, no user involved.
   * @param scope - optional scope; Gofundo documents none, so the empty string by default.
   */
  async clientCredentials(scope: string | readonly string[] = ''): Promise<TokenSet> {
    return this.grant({ grant_type: 'client_credentials', scope: joinScope(scope) });
  }

  /**
   * The `password` grant: a token for a user whose Gofundo credentials your app holds.
   * Prefer the code flow; use this only for first-party apps.
   */
  async password(username: string, password: string, scope: string | readonly string[] = ''): Promise<TokenSet> {
    if (typeof username !== 'string' || username === '' || typeof password !== 'string' || password === '') {
      throw new TypeError('Gofundo password() requires a username and a password');
    }
    return this.grant({ grant_type: 'password', username, password, scope: joinScope(scope) });
  }

  /** Reads the user endpoint with the bearer token and maps its answer. */
  protected override async loadProfile(accessToken: string): Promise<GofundoProfile> {
    const answer = await this.callApi('user endpoint', 'GET', this.userProfileURL, accessToken);
    return parseProfile(answer.json, answer.raw, answer.status);
  }
}

/**
 * The three endpoints from `baseURL` (default {@link BASE_URL}) and the explicit URL options,
 * refusing a user endpoint on another host than the token endpoint unless both are named.
 */
function gofundoEndpoints(options: GofundoStrategyOptions): Record<'authorize' | 'token' | 'user', ResolvedEndpoint> {
  return singleHostEndpoints('Gofundo strategy', options, BASE_URL, PATHS);
}

function joinScope(scope: string | readonly string[]): string {
  return typeof scope === 'string' ? scope : scope.join(' ');
}
