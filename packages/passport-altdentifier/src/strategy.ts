import {
  endpointUnder,
  parseBaseURL,
  ProviderStrategy,
  singleHostEndpoints,
  type ProviderDefinition,
  type ProviderStrategyOptions,
  type ResolvedEndpoint,
} from 'passport-provider-kit';
import { parseProfile, type AltDentifierProfile } from './profile';

/** AltDentifier's one documented host. @see https://docs.altdentifier.dev/api/oauth2-api */
export const BASE_URL = 'https://altdentifier.com';
const PATHS = { authorize: '/oauth2/authorize', token: '/oauth2/token', user: '/api/v2/user/@me' } as const;
/** The API's path under the base URL. */
const API_PATH = '/api/v2';
/** Where the user grants access. @see https://docs.altdentifier.dev/api/oauth2-api */
export const AUTHORIZATION_URL = `${BASE_URL}${PATHS.authorize}`;
/** Code exchange. @see https://docs.altdentifier.dev/api/oauth2-api */
export const TOKEN_URL = `${BASE_URL}${PATHS.token}`;
/**
 * User endpoint. **An assumption**: the HTTP API page is not public; this follows the API's
 * `/api/v2/user/{id}` naming and Discord's `@me`. Override with `userProfileURL`.
 */
export const USER_PROFILE_URL = `${BASE_URL}${PATHS.user}`;
/**
 * The API base `apiGet` resolves paths against. **An assumption**: the HTTP API page is not
 * public; community code calls `https://altdentifier.com/api/v2/user/{id}/trustfactor`.
 * Moves with `baseURL`; override with `apiBaseURL`.
 */
export const API_BASE_URL = `${BASE_URL}${API_PATH}`;
/** Scopes: `read:user` (login) and `write:integrations`. */
export const DEFAULT_SCOPE = ['read:user'];

/** Options of the AltDentifier strategy. */
export interface AltDentifierStrategyOptions extends ProviderStrategyOptions {
  /**
   * The origin the authorize, token and user URLs are derived from (e.g. a sandbox).
   * Default {@link BASE_URL}. Explicit URL options still win; a user endpoint on another host
   * than the token endpoint is refused unless you name both.
   */
  baseURL?: string;
  /** The endpoint the profile is read from. Default {@link USER_PROFILE_URL} (an assumption). */
  userProfileURL?: string;
  /** Client credentials in the token request body (`body`, default) or as HTTP Basic (`basic`); both are documented. */
  clientAuth?: 'body' | 'basic';
}

/** `authenticate()` options this strategy understands. */
export interface AltDentifierAuthenticateOptions {
  /** Point the user at a Discord server; only with the `write:integrations` scope. Sent as `guild_id`. */
  guildId?: string;
}

/** Options of {@link integrationURL}. */
export interface IntegrationLinkOptions {
  /** Pre-select a Discord server (`guild_id`). */
  guildId?: string;
  /** Override the authorize URL. */
  authorizationURL?: string;
  /** Derive the authorize URL from this origin instead of {@link BASE_URL}; `authorizationURL` wins. */
  baseURL?: string;
}

/** The integration link's scope pair as URLSearchParams writes it, and as AltDentifier's docs spell it. */
const ENCODED_SCOPE_PAIR = new URLSearchParams({ scope: 'write:integrations' }).toString();
const DOCUMENTED_SCOPE_PAIR = 'scope=write:integrations';

/**
 * The documented "simplified integration flow" link, which adds your integration to a
 * Discord server without a full OAuth2 login, exactly in the documented form:
 * `https://altdentifier.com/oauth2/authorize?client_id=…&scope=write:integrations`
 * (then `&guild_id=…` with `guildId`). The client id and the guild id are percent-encoded.
 */
export function integrationURL(clientID: string, options: IntegrationLinkOptions = {}): string {
  if (typeof clientID !== 'string' || clientID === '') throw new TypeError('integrationURL() requires a clientID');
  const base = options.baseURL === undefined ? undefined : parseBaseURL('integrationURL()', 'baseURL', options.baseURL);
  const url = new URL(options.authorizationURL ?? (base ? endpointUnder(base, PATHS.authorize) : AUTHORIZATION_URL));
  url.searchParams.set('client_id', clientID);
  url.searchParams.set('scope', 'write:integrations');
  if (options.guildId) url.searchParams.set('guild_id', options.guildId);
  // URLSearchParams writes the colon as %3A; the docs (and the official example) spell it literally, which a
  // query allows (RFC 3986 §3.4). Only the scope pair is rewritten: every other value keeps its encoding, and
  // the URL's own query serialization leaves a colon as it is.
  url.search = url.searchParams
    .toString()
    .split('&')
    .map((pair) => (pair === ENCODED_SCOPE_PAIR ? DOCUMENTED_SCOPE_PAIR : pair))
    .join('&');
  return url.toString();
}

/**
 * Passport strategy for AltDentifier (`passport.authenticate('altdentifier')`).
 *
 * AltDentifier's quirks: scopes `read:user` (default) and `write:integrations`, with
 * `guildId` from `authenticate()` options sent as `guild_id`; the client credentials may go
 * in the body (default) or as HTTP Basic (`clientAuth: 'basic'`); the profile comes from
 * a user endpoint whose path is an assumption; error bodies are `{"error": "<sentence>"}`;
 * refresh is not documented, so `refresh()` tries the standard grant and reports the
 * provider's refusal.
 *
 * @example
 * ```ts
 * passport.use(new Strategy(
 *   { clientID, clientSecret, callbackURL: 'https://example.com/auth/altdentifier/callback' },
 *   (accessToken, refreshToken, profile, done) => done(null, { id: profile.id, tag: profile.displayName }),
 * ));
 * ```
 */
export class Strategy extends ProviderStrategy<AltDentifierProfile, AltDentifierStrategyOptions> {
  /** The user endpoint: `userProfileURL`, or `/api/v2/user/@me` under `baseURL`. */
  private readonly userProfileURL = altdentifierEndpoints(this.options).user.url;

  /** Refuses bad AltDentifier options (called by the kit before `describe`). */
  static checkOptions(options: AltDentifierStrategyOptions): void {
    const clientAuth = options.clientAuth ?? 'body';
    if (clientAuth !== 'body' && clientAuth !== 'basic') {
      throw new TypeError('AltDentifier strategy: clientAuth must be body or basic');
    }
  }

  /** AltDentifier as data, for the shared base. */
  static describe(options: AltDentifierStrategyOptions): ProviderDefinition {
    const clientAuth = options.clientAuth ?? 'body';
    const endpoints = altdentifierEndpoints(options);
    return {
      name: 'altdentifier',
      displayName: 'AltDentifier',
      authorizationURL: endpoints.authorize.url,
      token: { url: endpoints.token.url, bodyEncoding: 'form', clientAuth },
      scopeSeparator: ' ',
      defaultScope: DEFAULT_SCOPE,
      apiBaseURL: endpointUnder(
        parseBaseURL('AltDentifier strategy', 'baseURL', options.baseURL ?? BASE_URL),
        API_PATH,
      ),
      optionURLs: { baseURL: options.baseURL, userProfileURL: options.userProfileURL },
      urlOptions: { 'token endpoint': 'tokenURL (or baseURL)', 'user endpoint': 'userProfileURL' },
      errorFields: ['error', 'error_description', 'message'],
    };
  }

  /** Passes `guildId` from `authenticate()` options as `guild_id`. */
  override authorizationParams(options: AltDentifierAuthenticateOptions = {}): Record<string, string> {
    return options.guildId ? { guild_id: options.guildId } : {};
  }

  /** Reads the user endpoint with the bearer token and maps its answer. */
  protected override async loadProfile(accessToken: string): Promise<AltDentifierProfile> {
    const answer = await this.callApi('user endpoint', 'GET', this.userProfileURL, accessToken);
    return parseProfile(answer.json, answer.raw, answer.status);
  }
}

/** The endpoints from `baseURL` and the explicit URL options; the user endpoint stays on the token endpoint's host unless both are named. */
function altdentifierEndpoints(
  options: AltDentifierStrategyOptions,
): Record<'authorize' | 'token' | 'user', ResolvedEndpoint> {
  return singleHostEndpoints('AltDentifier strategy', options, BASE_URL, PATHS);
}
