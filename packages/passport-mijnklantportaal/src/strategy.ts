import {
  ProviderStrategy,
  type ProviderDefinition,
  type ProviderStrategyOptions,
  type TokenParams,
} from 'passport-provider-kit';
import { parseProfile, profileFromToken, type MijnKlantportaalProfile } from './profile';

/** Where the user grants access; `state` is required. @see https://docs.developers.mijnklantportaal.nl/oauth/endpoints/authorize */
export const AUTHORIZATION_URL = 'https://manage.mijnklantportaal.nl/oauth/authorize';
/** Code exchange and refresh, JSON body. @see https://docs.developers.mijnklantportaal.nl/oauth/endpoints/generate-tokens */
export const TOKEN_URL = 'https://manage.mijnklantportaal.nl/oauth/tokens';
/**
 * Scope requested when none is given. MijnKlantportaal requires a scope and has no identity
 * scope; `customers.read` is our choice. @see https://docs.developers.mijnklantportaal.nl/oauth/scopes
 */
export const DEFAULT_SCOPE = ['customers.read'];
/** The `prompt` values the authorize endpoint documents. */
export const PROMPTS = ['consent', 'login'] as const;

/**
 * Which header carries the bearer token on API calls. The authentication page says
 * `Authentication`, the API reference `Authorization`; `both` (default) sends both.
 */
export type BearerHeader = 'both' | 'Authorization' | 'Authentication';

/** Options of the MijnKlantportaal strategy. */
export interface MijnKlantportaalStrategyOptions extends ProviderStrategyOptions {
  /**
   * An endpoint that identifies the account, if you have one: the profile is then read from
   * it. Default: none, and the profile is built without an HTTP call.
   */
  userProfileURL?: string;
  /** Header(s) for the bearer token on API calls. Default `both`. */
  bearerHeader?: BearerHeader;
}

/** `authenticate()` options this strategy understands. */
export interface MijnKlantportaalAuthenticateOptions {
  /** `consent` (the provider's default) or `login`. */
  prompt?: (typeof PROMPTS)[number];
}

/**
 * Passport strategy for MijnKlantportaal (`passport.authenticate('mijnklantportaal')`).
 *
 * MijnKlantportaal's quirks: `state` is required (so `state: false` is refused); the token
 * request is a JSON body, not a form; a refresh answer has no new refresh token, so
 * `refresh()` returns the one you passed; the docs disagree on the bearer header's name, so
 * both are sent by default; and there is no identity endpoint, so by default the profile
 * holds only the granted scopes and a token-derived id (see `profileFromToken`).
 *
 * @example
 * ```ts
 * passport.use(new Strategy(
 *   { clientID, clientSecret, callbackURL: 'https://example.com/auth/mijnklantportaal/callback', scope: ['customers.read'] },
 *   (accessToken, refreshToken, profile, done) => done(null, { scopes: profile.scopes, accessToken }),
 * ));
 * app.get('/auth/mijnklantportaal', passport.authenticate('mijnklantportaal', { prompt: 'login' }));
 * ```
 */
export class Strategy extends ProviderStrategy<MijnKlantportaalProfile, MijnKlantportaalStrategyOptions> {
  /** MijnKlantportaal as data, for the shared base. */
  static describe(options: MijnKlantportaalStrategyOptions): ProviderDefinition {
    if (options.state === false) {
      throw new TypeError('MijnKlantportaal strategy: the provider requires state, so state: false is not supported');
    }
    if (options.userProfileURL !== undefined && !URL.canParse(options.userProfileURL)) {
      throw new TypeError(`MijnKlantportaal strategy: userProfileURL ${options.userProfileURL} is not an absolute URL`);
    }
    if (
      options.bearerHeader !== undefined &&
      !['both', 'Authorization', 'Authentication'].includes(options.bearerHeader)
    ) {
      throw new TypeError('MijnKlantportaal strategy: bearerHeader must be both, Authorization or Authentication');
    }
    return {
      name: 'mijnklantportaal',
      displayName: 'MijnKlantportaal',
      authorizationURL: AUTHORIZATION_URL,
      token: { url: TOKEN_URL, bodyEncoding: 'json', clientAuth: 'body' },
      scopeSeparator: ' ',
      defaultScope: DEFAULT_SCOPE,
      errorFields: ['message', 'error_description', 'error'],
    };
  }

  /** Passes `prompt` (`consent` or `login`) from `authenticate()` options to the authorize URL. */
  override authorizationParams(options: MijnKlantportaalAuthenticateOptions = {}): Record<string, string> {
    const { prompt } = options;
    if (prompt === undefined) return {};
    if (!PROMPTS.includes(prompt))
      throw new TypeError(`MijnKlantportaal prompt must be consent or login, not ${String(prompt)}`);
    return { prompt };
  }

  /** Sends the token in `Authorization`, `Authentication` or both (see {@link BearerHeader}). */
  protected override bearerHeaders(accessToken: string): Record<string, string> {
    const value = `Bearer ${accessToken}`;
    const choice = this.options.bearerHeader ?? 'both';
    if (choice === 'both') return { Authorization: value, Authentication: value };
    return { [choice]: value };
  }

  /** Without `userProfileURL`, no HTTP call; with it, reads and maps that endpoint. */
  protected override async loadProfile(
    accessToken: string,
    params: TokenParams | undefined,
  ): Promise<MijnKlantportaalProfile> {
    const scopes = this.grantedScopes(params);
    const url = this.options.userProfileURL;
    if (!url) return profileFromToken(accessToken, scopes);
    const answer = await this.readUserEndpoint(accessToken, url);
    return parseProfile(answer.json, answer.raw, scopes, answer.status);
  }

  /** The token answer's `scope` when it has one, else the scopes requested. */
  private grantedScopes(params: TokenParams | undefined): string[] {
    const granted = typeof params?.scope === 'string' ? params.scope : undefined;
    const requested = this.options.scope ?? DEFAULT_SCOPE;
    const scope = granted ?? (typeof requested === 'string' ? requested : requested.join(' '));
    return scope.split(/[\s,]+/).filter(Boolean);
  }
}
