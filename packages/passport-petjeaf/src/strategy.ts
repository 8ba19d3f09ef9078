import {
  assertNotExpired,
  collectPages,
  decodeJwtPayload,
  ProviderApiError,
  ProviderStrategy,
  assertUsableJwtKey,
  verifyJwtSignature,
  type JwtLibrary,
  type FailureDetails,
  type JwtVerification,
  type ProviderDefinition,
  type ProviderStrategyOptions,
  type TokenParams,
} from 'passport-provider-kit';
import {
  MAX_MEMBERSHIPS_PAGE_SIZE,
  MEMBERSHIPS_SCOPE,
  parseMembershipsPage,
  type PetjeafMembership,
  type PetjeafMembershipsAtLogin,
} from './memberships';
import { parseProfile, type PetjeafProfile, type PetjeafTokenClaims } from './profile';

/** Where the user grants access. @see https://docs.petje.af/petje.af-api/authentication/authorize */
export const AUTHORIZATION_URL = 'https://petje.af/oauth2/authorize';
/** Code exchange, refresh (POST, form-urlencoded) and revocation (DELETE). @see https://docs.petje.af/petje.af-api/authentication/tokens */
export const TOKEN_URL = 'https://api.petje.af/v1/oauth2/tokens';
/**
 * The API base: `apiGet` paths and the memberships endpoint are read under it (override with
 * `apiBaseURL`, e.g. for the newer `https://api.petjeaf.com/v1`).
 * @see https://docs.petje.af/petje.af-api/reference/memberships-1
 */
export const API_BASE_URL = 'https://api.petje.af/v1';
/** Most pages {@link Strategy.memberships} reads by default (250 memberships each). */
export const DEFAULT_MAX_MEMBERSHIP_PAGES = 20;
/** Scopes: `profile.read`, `memberships.read`, `pages.read`. @see https://docs.petje.af/petje.af-api/authentication/scopes */
export const DEFAULT_SCOPE = ['profile.read'];

/** Options of the Petje.af strategy. */
export interface PetjeafStrategyOptions extends ProviderStrategyOptions {
  /** Override the revocation URL (`DELETE`). Default: the token URL, as the official plugin uses. */
  revocationURL?: string;
  /**
   * Check the access token's signature with this key, using jsonwebtoken (a dependency of
   * this package, loaded only when this option is set). Petje.af publishes no key, so by
   * default the token's claims are read without verification (it comes straight from the
   * token endpoint over TLS); `exp` is checked either way.
   */
  jwtVerification?: JwtVerification;
  /** Seconds of clock skew allowed when checking `exp`. Default 0. */
  clockTolerance?: number;
  /**
   * Also read the user's memberships at login into `profile.memberships` (one more request,
   * `GET <apiBaseURL>/memberships`; request the `memberships.read` scope too). When the user did
   * not grant that scope the login still succeeds and `profile.memberships` says the list is
   * unknown. `true` reads every page's memberships; `{ pageId }` only those of one page.
   * Default `false`: no request, no `profile.memberships`.
   */
  loadMemberships?: boolean | { pageId?: string };
}

/** Options of {@link Strategy.memberships}. */
export interface MembershipsOptions {
  /** Only memberships of this page (creator). */
  pageId?: string;
  /** Memberships per request, 1 to 250. Default 250 (the documented maximum: fewest requests). */
  pageSize?: number;
  /** Most pages read; a longer list is an error rather than a silently cut one. Default 20. */
  maxPages?: number;
}

/**
 * Passport strategy for Petje.af (`passport.authenticate('petjeaf')`).
 *
 * Petje.af's quirks: the token request is form-urlencoded with the credentials in the body;
 * scopes are space-separated (default `profile.read`); the profile is read from the access
 * token, a JWT with `id`, `name` and `email` claims, so a login costs one request; refresh
 * tokens rotate; tokens are revoked with `DELETE` on the token URL. Errors carry the
 * problem-details `detail`.
 *
 * @example
 * ```ts
 * passport.use(new Strategy(
 *   { clientID, clientSecret, callbackURL: 'https://example.com/auth/petjeaf/callback' },
 *   (accessToken, refreshToken, profile, done) => done(null, { id: profile.id, name: profile.displayName }),
 * ));
 * ```
 */
export class Strategy extends ProviderStrategy<PetjeafProfile, PetjeafStrategyOptions> {
  /** Petje.af as data, for the shared base. */
  static describe(options: PetjeafStrategyOptions): ProviderDefinition {
    if (options.clockTolerance !== undefined && !(options.clockTolerance >= 0)) {
      throw new TypeError('Petje.af strategy: clockTolerance must be a number of seconds >= 0');
    }
    const load = options.loadMemberships;
    if (load !== undefined && typeof load !== 'boolean' && !(typeof load === 'object' && load !== null)) {
      throw new TypeError('Petje.af strategy: loadMemberships must be true, false or { pageId }');
    }
    if (typeof load === 'object' && load.pageId !== undefined) checkPageId(load.pageId, 'loadMemberships.pageId');
    if (options.jwtVerification) assertUsableJwtKey(options.jwtVerification, 'Petje.af strategy');
    return {
      name: 'petjeaf',
      displayName: 'Petje.af',
      authorizationURL: AUTHORIZATION_URL,
      token: { url: TOKEN_URL, bodyEncoding: 'form', clientAuth: 'body' },
      scopeSeparator: ' ',
      defaultScope: DEFAULT_SCOPE,
      apiBaseURL: API_BASE_URL,
      errorFields: ['detail', 'error_description', 'message', 'error', 'title'],
    };
  }

  /**
   * Revokes an access token (`DELETE` on the token URL with the bearer token), e.g. at logout.
   * @throws ProviderApiError when Petje.af refuses.
   */
  async revoke(accessToken: string): Promise<void> {
    if (typeof accessToken !== 'string' || accessToken === '') {
      throw new TypeError('Petje.af revoke() requires an access token');
    }
    await this.callApi(
      'revocation endpoint',
      'DELETE',
      this.options.revocationURL ?? this.provider.token.url,
      accessToken,
      { allowEmpty: true },
    );
  }

  /**
   * Every membership of the user (`GET <apiBaseURL>/memberships`, scope `memberships.read`),
   * following the documented `from` cursor (the last membership's id) while `_links.next` is
   * not null. The token is sent only to `apiBaseURL`, never to a URL the answer names (the
   * docs' links point at the production host without `/v1`).
   *
   * @throws ProviderApiError with Petje.af's text: a 403 when `memberships.read` was not
   *   granted, a bad answer (`reason`), or a list longer than `maxPages` pages.
   * @example
   * ```ts
   * const memberships = await strategy.memberships(accessToken, { pageId: 'my-page-id' });
   * if (isActiveMember(memberships, { pageId: 'my-page-id' })) { ... }
   * ```
   */
  async memberships(accessToken: string, options: MembershipsOptions = {}): Promise<PetjeafMembership[]> {
    if (typeof accessToken !== 'string' || accessToken === '') {
      throw new TypeError('Petje.af memberships() requires an access token');
    }
    const { pageId, pageSize = MAX_MEMBERSHIPS_PAGE_SIZE, maxPages = DEFAULT_MAX_MEMBERSHIP_PAGES } = options;
    if (pageId !== undefined) checkPageId(pageId, 'memberships() pageId');
    if (!(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= MAX_MEMBERSHIPS_PAGE_SIZE)) {
      throw new TypeError(`Petje.af memberships(): pageSize must be an integer from 1 to ${MAX_MEMBERSHIPS_PAGE_SIZE}`);
    }
    const label = 'memberships endpoint';
    return collectPages(
      async (from) => {
        const answer = await this.apiGet(accessToken, '/memberships', {
          query: { pageId, limit: pageSize, from },
          label,
        });
        const page = parseMembershipsPage(answer.json);
        if (typeof page === 'string') {
          throw this.http.unusableAnswer({ label, error: apiError, secrets: [accessToken] }, page, answer.status);
        }
        return { items: page.memberships, next: page.hasNext ? page.memberships.at(-1)?.id : undefined };
      },
      { provider: 'Petje.af', label, maxPages },
    );
  }

  /**
   * Reads the profile from the access token's claims (no HTTP call); with `loadMemberships`,
   * adds the memberships (one request).
   */
  protected override loadProfile(
    accessToken: string,
    params: TokenParams | undefined,
  ): PetjeafProfile | Promise<PetjeafProfile> {
    const { jwtVerification, clockTolerance, loadMemberships } = this.options;
    const payload = decodeJwtPayload(accessToken, 'Petje.af');
    const claims: PetjeafTokenClaims = payload.claims;
    if (jwtVerification) verifyJwtSignature(accessToken, jwtVerification, 'Petje.af', loadJsonwebtoken);
    assertNotExpired(claims, 'Petje.af', { clockToleranceSeconds: clockTolerance });
    const profile = parseProfile(claims, payload.raw);
    if (!loadMemberships) return profile;
    const pageId = typeof loadMemberships === 'object' ? loadMemberships.pageId : undefined;
    return this.membershipsAtLogin(accessToken, params, pageId).then((memberships) => ({ ...profile, memberships }));
  }

  /** The memberships for the profile: never rejects, an unreadable list is "unknown" with the reason. */
  private async membershipsAtLogin(
    accessToken: string,
    params: TokenParams | undefined,
    pageId: string | undefined,
  ): Promise<PetjeafMembershipsAtLogin> {
    const granted = typeof params?.scope === 'string' ? params.scope.split(/[\s,]+/) : undefined;
    if (granted && !granted.includes(MEMBERSHIPS_SCOPE)) {
      return {
        known: false,
        reason: 'scope_not_granted',
        message: `Petje.af did not grant the ${MEMBERSHIPS_SCOPE} scope, so the memberships are unknown`,
      };
    }
    try {
      return { known: true, list: await this.memberships(accessToken, { pageId }) };
    } catch (error) {
      if (error instanceof ProviderApiError && error.providerStatus === 403) {
        return { known: false, reason: 'scope_not_granted', message: error.message };
      }
      const message = error instanceof Error ? error.message : 'the memberships could not be read';
      return { known: false, reason: 'request_failed', message };
    }
  }
}

function apiError(message: string, details: FailureDetails): ProviderApiError {
  return new ProviderApiError(message, details);
}

function checkPageId(pageId: unknown, name: string): void {
  if (typeof pageId !== 'string' || pageId === '') throw new TypeError(`Petje.af ${name} must be a non-empty string`);
}

/**
 * jsonwebtoken, required from this package (which depends on it, unlike the kit) and only when
 * a signature is checked: it costs more to load than the rest of the strategy together.
 */
function loadJsonwebtoken(): JwtLibrary {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jwt = require('jsonwebtoken') as typeof import('jsonwebtoken');
  return jwt;
}
