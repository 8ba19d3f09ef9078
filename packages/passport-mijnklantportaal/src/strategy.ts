import {
  collectPages,
  isRecord,
  ProviderStrategy,
  type ApiGetOptions,
  type JsonOf,
  type JsonResponse,
  type JsonShape,
  endpointUnder,
  parseBaseURL,
  resolveEndpoints,
  type ProviderDefinition,
  type ProviderStrategyOptions,
  type TokenParams,
} from 'passport-provider-kit';
import { parseProfile, profileFromToken, type MijnKlantportaalProfile } from './profile';
import { warnUnstableIdOnce } from './unstable-id-warning';

/**
 * The host of the OAuth endpoints ("the base URL for this endpoint is: https://manage.mijnklantportaal.nl").
 * The API lives on another documented host, `https://api.mijnklantportaal.nl/v1`.
 * @see https://docs.developers.mijnklantportaal.nl/oauth/endpoints/authorize
 */
export const BASE_URL = 'https://manage.mijnklantportaal.nl';
/** Where the user grants access; `state` is required. @see https://docs.developers.mijnklantportaal.nl/oauth/endpoints/authorize */
export const AUTHORIZATION_URL = `${BASE_URL}/oauth/authorize`;
/** Code exchange and refresh, JSON body. @see https://docs.developers.mijnklantportaal.nl/oauth/endpoints/generate-tokens */
export const TOKEN_URL = `${BASE_URL}/oauth/tokens`;
/**
 * Scope requested when none is given. MijnKlantportaal requires a scope and has no identity
 * scope; `customers.read` is our choice. @see https://docs.developers.mijnklantportaal.nl/oauth/scopes
 */
export const DEFAULT_SCOPE = ['customers.read'];
/**
 * The API base (OpenAPI `servers`); the OAuth endpoints live on `manage.` instead.
 * @see https://docs.developers.mijnklantportaal.nl/api-reference/customers-api/list-customers
 */
export const API_BASE_URL = 'https://api.mijnklantportaal.nl/v1';
/** Most pages {@link Strategy.apiGetAll} reads by default. */
export const DEFAULT_MAX_PAGES = 20;
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
   * The origin of the OAuth endpoints: the authorize (`/oauth/authorize`) and token
   * (`/oauth/tokens`) URLs are derived from it. Default {@link BASE_URL}. `authorizationURL`
   * and `tokenURL` still win. `userProfileURL` has no default and is not derived: name it.
   */
  baseURL?: string;
  /**
   * An endpoint that identifies the account, if you have one: the profile is then read from
   * it. Default: none, and the profile is built without an HTTP call, with an `id` that
   * **changes at every login** (`idFromToken: true`; a warning says so once in development).
   */
  userProfileURL?: string;
  /** Header(s) for the bearer token on API calls. Default `both`. */
  bearerHeader?: BearerHeader;
  /**
   * MijnKlantportaal allows 60 API requests per minute per token and answers 429 with
   * `retry-after` beyond. With this option, `apiGet` waits and retries once when the wait is
   * at most this many seconds (0 to 60); a call can pass its own `retryRateLimitedWithin`.
   * Default: no retry; the `ProviderApiError` carries `retryAfter`.
   * @see https://docs.developers.mijnklantportaal.nl/getting-started/rate-limiting
   */
  retryRateLimitedWithin?: number;
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
 * **Do not key users on `profile.id` without `userProfileURL`: it changes at every login.**
 * MijnKlantportaal grants API access to a portal; link it to your own signed-in user
 * (`passReqToCallback: true`, `req.user`) and keep the refresh token with that user.
 *
 * @example
 * ```ts
 * passport.use(new Strategy(
 *   { clientID, clientSecret, callbackURL: 'https://example.com/auth/mijnklantportaal/callback', scope: ['customers.read'] },
 *   (accessToken, refreshToken, profile, done) => done(null, { scopes: profile.scopes, accessToken }),
 * ));
 * // Keyed on your own user, not on profile.id:
 * passport.use(new Strategy(
 *   { clientID, clientSecret, callbackURL, passReqToCallback: true },
 *   (req, accessToken, refreshToken, profile, done) =>
 *     saveConnection(req.user.id, { refreshToken, scopes: profile.scopes }).then(() => done(null, req.user), done),
 * ));
 * app.get('/auth/mijnklantportaal', passport.authenticate('mijnklantportaal', { prompt: 'login' }));
 * ```
 */
export class Strategy extends ProviderStrategy<MijnKlantportaalProfile, MijnKlantportaalStrategyOptions> {
  /** Refuses bad MijnKlantportaal options, and warns once about an unstable id (called by the kit before `describe`). */
  static checkOptions(options: MijnKlantportaalStrategyOptions): void {
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
    const retryWithin = options.retryRateLimitedWithin;
    if (retryWithin !== undefined && !(Number.isFinite(retryWithin) && retryWithin >= 0 && retryWithin <= 60)) {
      throw new TypeError('MijnKlantportaal strategy: retryRateLimitedWithin must be a number of seconds from 0 to 60');
    }
    // Without an identity endpoint the profile id changes at every login: say so once in development.
    if (options.userProfileURL === undefined && options.skipUserProfile !== true) warnUnstableIdOnce();
  }

  /** MijnKlantportaal as data, for the shared base. */
  static describe(options: MijnKlantportaalStrategyOptions): ProviderDefinition {
    const who = 'MijnKlantportaal strategy';
    const base = parseBaseURL(who, 'baseURL', options.baseURL ?? BASE_URL);
    // No host check for userProfileURL: it has no default (the user names it), and the documented API is on
    // another host (api.mijnklantportaal.nl) than the token endpoint (manage.mijnklantportaal.nl).
    const endpoints = resolveEndpoints(who, {
      authorize: {
        option: 'authorizationURL',
        explicit: options.authorizationURL,
        derived: endpointUnder(base, '/oauth/authorize'),
      },
      token: { option: 'tokenURL', explicit: options.tokenURL, derived: endpointUnder(base, '/oauth/tokens') },
    });
    const bearer = options.bearerHeader ?? 'both';
    return {
      name: 'mijnklantportaal',
      displayName: 'MijnKlantportaal',
      // The token in `Authorization`, `Authentication` or both (see BearerHeader).
      bearerHeaders: (accessToken) =>
        bearer === 'both'
          ? { Authorization: `Bearer ${accessToken}`, Authentication: `Bearer ${accessToken}` }
          : { [bearer]: `Bearer ${accessToken}` },
      authorizationURL: endpoints.authorize.url,
      token: { url: endpoints.token.url, bodyEncoding: 'json', clientAuth: 'body' },
      scopeSeparator: ' ',
      defaultScope: DEFAULT_SCOPE,
      apiBaseURL: API_BASE_URL,
      optionURLs: { baseURL: options.baseURL, userProfileURL: options.userProfileURL },
      urlOptions: { 'token endpoint': 'tokenURL (or baseURL)', 'user endpoint': 'userProfileURL' },
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

  /**
   * GETs a path of the API (under `apiBaseURL`, default {@link API_BASE_URL}) with the bearer
   * header(s); with `retryRateLimitedWithin` (here or in the options) a short 429 is retried once.
   * @throws ProviderApiError with `retryAfter` (seconds) on a 429 that was not retried.
   */
  override apiGet<S extends JsonShape = 'object'>(
    accessToken: string,
    pathOrURL: string,
    options: ApiGetOptions<S> = {},
  ): Promise<JsonResponse<JsonOf<S>>> {
    const retryRateLimitedWithin = options.retryRateLimitedWithin ?? this.options.retryRateLimitedWithin;
    return super.apiGet(accessToken, pathOrURL, { ...options, retryRateLimitedWithin });
  }

  /**
   * Every item of a paged list of the API, in order: `GET <apiBaseURL><path>?page=1`, then
   * `page=2`… while the answer's `next_page_url` is not null (the documented Laravel pages:
   * `current_page`, `data`, `next_page_url`...). Only the `page` parameter changes: the
   * `next_page_url` itself is never followed, so the token stays under `apiBaseURL`. Every
   * page counts against the 60 requests per minute (`retryRateLimitedWithin` applies to each).
   *
   * @throws ProviderApiError when a page has no `data` list of objects, or past `maxPages` (default 20).
   * @example
   * ```ts
   * const customers = await strategy.apiGetAll(accessToken, '/customers', { query: { per_page: 100 } });
   * ```
   */
  async apiGetAll(
    accessToken: string,
    path: string,
    options: ApiGetOptions & { maxPages?: number } = {},
  ): Promise<Array<Record<string, unknown>>> {
    const { maxPages = DEFAULT_MAX_PAGES, ...callOptions } = options;
    const label = callOptions.label ?? `API GET ${path.split('?')[0]}`;
    return collectPages(
      async (cursor) => {
        const page = Number(cursor ?? '1');
        const query = { ...callOptions.query, page };
        const answer = await this.apiGet(accessToken, path, { ...callOptions, query, label });
        const { data, next_page_url: next } = answer.json;
        if (!Array.isArray(data) || !data.every(isRecord)) {
          throw this.unusableApiResponse(label, accessToken, answer.status, 'without a data list of objects');
        }
        return { items: data, next: typeof next === 'string' && next !== '' ? String(page + 1) : undefined };
      },
      { provider: 'MijnKlantportaal', label, maxPages },
    );
  }

  /** Without `userProfileURL`, no HTTP call; with it, reads and maps that endpoint. */
  protected override async loadProfile(
    accessToken: string,
    params: TokenParams | undefined,
  ): Promise<MijnKlantportaalProfile> {
    const scopes = this.grantedScopes(params);
    const url = this.options.userProfileURL;
    if (!url) return profileFromToken(accessToken, scopes);
    const answer = await this.callApi('user endpoint', 'GET', url, accessToken);
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
