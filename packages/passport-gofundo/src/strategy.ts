import {
  ProviderStrategy,
  type ProviderDefinition,
  type ProviderStrategyOptions,
  type TokenSet,
} from 'passport-provider-kit';
import { parseProfile, type GofundoProfile } from './profile';

/** Where the user grants access. @see https://developer.gofundo.nl/gofundo */
export const AUTHORIZATION_URL = 'https://gofundo.nl/oauth/authorize';
/** Token endpoint for every grant. @see https://developer.gofundo.nl/gofundo */
export const TOKEN_URL = 'https://gofundo.nl/oauth/token';
/**
 * User endpoint. **An assumption**: Gofundo documents none; this is Laravel Passport's
 * convention. Override with `userProfileURL`.
 */
export const USER_PROFILE_URL = 'https://gofundo.nl/api/user';
/**
 * The API base `apiGet` resolves paths against. **An assumption**: Gofundo documents no API
 * reference; this is Laravel's `/api` prefix, as in the assumed {@link USER_PROFILE_URL}.
 * Override with `apiBaseURL`.
 */
export const API_BASE_URL = 'https://gofundo.nl/api';
/** "All requests should contain the Accept header with value application/json." */
const ACCEPT_JSON = { Accept: 'application/json' };

/** Options of the Gofundo strategy. */
export interface GofundoStrategyOptions extends ProviderStrategyOptions {
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
  /** Gofundo as data, for the shared base. */
  static describe(options: GofundoStrategyOptions): ProviderDefinition {
    if (options.userProfileURL !== undefined && !URL.canParse(options.userProfileURL)) {
      throw new TypeError(`Gofundo strategy: userProfileURL ${options.userProfileURL} is not an absolute URL`);
    }
    return {
      name: 'gofundo',
      displayName: 'Gofundo',
      authorizationURL: AUTHORIZATION_URL,
      token: { url: TOKEN_URL, bodyEncoding: 'form', clientAuth: 'body', headers: ACCEPT_JSON },
      scopeSeparator: ' ',
      apiBaseURL: API_BASE_URL,
      apiHeaders: ACCEPT_JSON,
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
    const params = await this.grant({ grant_type: 'client_credentials', scope: joinScope(scope) });
    return this.tokenSet(params);
  }

  /**
   * The `password` grant: a token for a user whose Gofundo credentials your app holds.
   * Prefer the code flow; use this only for first-party apps.
   */
  async password(username: string, password: string, scope: string | readonly string[] = ''): Promise<TokenSet> {
    if (typeof username !== 'string' || username === '' || typeof password !== 'string' || password === '') {
      throw new TypeError('Gofundo password() requires a username and a password');
    }
    const params = await this.grant({ grant_type: 'password', username, password, scope: joinScope(scope) });
    return this.tokenSet(params);
  }

  /** Reads the user endpoint with the bearer token and maps its answer. */
  protected override async loadProfile(accessToken: string): Promise<GofundoProfile> {
    const answer = await this.readUserEndpoint(accessToken, this.options.userProfileURL ?? USER_PROFILE_URL);
    return parseProfile(answer.json, answer.raw, answer.status);
  }
}

function joinScope(scope: string | readonly string[]): string {
  return typeof scope === 'string' ? scope : scope.join(' ');
}
