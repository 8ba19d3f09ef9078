import {
  assertTokenStaysOnIssuer,
  endpointUnder,
  parseBaseURL,
  resolveEndpoints,
  type ResolvedEndpoint,
  collectPages,
  ProviderApiError,
  ProviderStrategy,
  type ProviderDefinition,
  type ProviderStrategyOptions,
  type TokenParams,
} from 'passport-provider-kit';
import { assertNotExpired, decodeJwtPayload } from './jwt/decode-claims';
import { assertUsableJwtKey, verifyJwtSignature, type JwtVerification } from './jwt/verify-signature';
import {
  MAX_MEMBERSHIPS_PAGE_SIZE,
  MEMBERSHIPS_SCOPE,
  parseMembershipsPage,
  type PetjeafMembership,
  type PetjeafMembershipsAtLogin,
} from './memberships';
import { parseProfile, type PetjeafProfile, type PetjeafTokenClaims } from './profile';

/**
 * The site host of the pages in our copy of the docs (authorize page on it, API on `api.` +
 * it). The newest docs pages use {@link NEWER_BASE_URL} instead; which one is current, and
 * whether the older redirects, is not documented.
 * @see https://docs.petje.af/petje.af-api/authentication/tokens
 */
export const BASE_URL = 'https://petje.af';
/** The host of the newer docs pages (`petjeaf.com`, API `api.petjeaf.com`): `baseURL: NEWER_BASE_URL` moves every endpoint there. */
export const NEWER_BASE_URL = 'https://petjeaf.com';
/** Where the user grants access. **Documented only in pages outside our copy of the docs** (see the README). @see https://docs.petje.af/petje.af-api/authentication/authorize */
export const AUTHORIZATION_URL = 'https://petje.af/oauth2/authorize';
/** Code exchange, refresh (POST, form-urlencoded) and revocation (DELETE). @see https://docs.petje.af/petje.af-api/authentication/tokens */
export const TOKEN_URL = 'https://api.petje.af/v1/oauth2/tokens';
/**
 * The API base: `apiGet` paths and the memberships endpoint are read under it. It follows
 * `baseURL` (`api.` + its host, `/v1`); override with `apiBaseURL`.
 * @see https://docs.petje.af/petje.af-api/reference/memberships-1
 */
export const API_BASE_URL = 'https://api.petje.af/v1';
/** Most pages {@link Strategy.memberships} reads by default (250 memberships each). */
export const DEFAULT_MAX_MEMBERSHIP_PAGES = 20;
/**
 * Scope requested when none is given. **An assumption**: our copy of the docs shows only
 * `memberships.read` (in the token answer example); `profile.read` is the default of
 * Petje.af's own PHP client (petjeaf/oauth2-petjeaf). Set `scope` to change it.
 * @see https://docs.petje.af/petje.af-api/authentication/scopes
 */
export const DEFAULT_SCOPE = ['profile.read'];

/** Options of the Petje.af strategy. */
export interface PetjeafStrategyOptions extends ProviderStrategyOptions {
  /**
   * The Petje.af site, e.g. {@link NEWER_BASE_URL}: the authorize URL is `/oauth2/authorize`
   * on it and the API (token and revocation URLs) on `api.` + its host, `/v1`. Default
   * {@link BASE_URL}. Explicit URL options still win.
   */
  baseURL?: string;
  /** The API base (token and revocation URLs under it). Default: `https://api.<baseURL host>/v1`. */
  apiBaseURL?: string;
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
  /** `revocationURL`, or the token URL (as the official plugin revokes). */
  private readonly revocationURL = petjeafEndpoints(this.options).revocation.url;

  /** Refuses bad Petje.af options (called by the kit before `describe`). */
  static checkOptions(options: PetjeafStrategyOptions): void {
    if (options.clockTolerance !== undefined && !(options.clockTolerance >= 0)) {
      throw new TypeError('Petje.af strategy: clockTolerance must be a number of seconds >= 0');
    }
    const load = options.loadMemberships;
    if (load !== undefined && typeof load !== 'boolean' && !(typeof load === 'object' && load !== null)) {
      throw new TypeError('Petje.af strategy: loadMemberships must be true, false or { pageId }');
    }
    if (typeof load === 'object' && load.pageId !== undefined) checkPageId(load.pageId, 'loadMemberships.pageId');
    if (options.jwtVerification) assertUsableJwtKey(options.jwtVerification, 'Petje.af strategy');
  }

  /** Petje.af as data, for the shared base. */
  static describe(options: PetjeafStrategyOptions): ProviderDefinition {
    const endpoints = petjeafEndpoints(options);
    return {
      name: 'petjeaf',
      displayName: 'Petje.af',
      authorizationURL: endpoints.authorize.url,
      token: { url: endpoints.token.url, bodyEncoding: 'form', clientAuth: 'body' },
      scopeSeparator: ' ',
      defaultScope: DEFAULT_SCOPE,
      apiBaseURL: endpoints.apiBase,
      optionURLs: { baseURL: options.baseURL, revocationURL: options.revocationURL },
      urlOptions: { 'token endpoint': 'tokenURL (or baseURL)', 'revocation endpoint': 'revocationURL' },
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
    await this.callApi('revocation endpoint', 'DELETE', this.revocationURL, accessToken, { allowEmpty: true });
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
          throw this.unusableApiResponse(label, accessToken, answer.status, page);
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
  protected override async loadProfile(accessToken: string, params: TokenParams | undefined): Promise<PetjeafProfile> {
    const { jwtVerification, clockTolerance, loadMemberships } = this.options;
    const payload = decodeJwtPayload(accessToken, 'Petje.af');
    const claims: PetjeafTokenClaims = payload.claims;
    if (jwtVerification) verifyJwtSignature(accessToken, jwtVerification, 'Petje.af');
    assertNotExpired(claims, 'Petje.af', { clockToleranceSeconds: clockTolerance });
    const profile = parseProfile(claims, payload.raw);
    if (!loadMemberships) return profile;
    const pageId = typeof loadMemberships === 'object' ? loadMemberships.pageId : undefined;
    return { ...profile, memberships: await this.membershipsAtLogin(accessToken, params, pageId) };
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

function checkPageId(pageId: unknown, name: string): void {
  if (typeof pageId !== 'string' || pageId === '') throw new TypeError(`Petje.af ${name} must be a non-empty string`);
}

/**
 * The endpoints from `baseURL` and `apiBaseURL` and the explicit URL options; the revocation
 * URL (it receives the access token) must be on the token endpoint's host unless both are named.
 */
function petjeafEndpoints(
  options: PetjeafStrategyOptions,
): Record<'authorize' | 'token' | 'revocation', ResolvedEndpoint> & { apiBase: string } {
  const who = 'Petje.af strategy';
  const site = parseBaseURL(who, 'baseURL', options.baseURL ?? BASE_URL);
  const apiBase = options.apiBaseURL ?? `${site.protocol}//api.${site.host}/v1`;
  const api = parseBaseURL(who, 'apiBaseURL', apiBase);
  const token = options.tokenURL ?? endpointUnder(api, '/oauth2/tokens');
  const endpoints = resolveEndpoints(who, {
    authorize: {
      option: 'authorizationURL',
      explicit: options.authorizationURL,
      derived: endpointUnder(site, '/oauth2/authorize'),
    },
    token: { option: 'tokenURL', explicit: options.tokenURL, derived: token },
    // Revocation follows the token URL, even an explicit one: the official plugin revokes there.
    revocation: { option: 'revocationURL', explicit: options.revocationURL, derived: token },
  });
  // An explicit revocationURL receives the access token too; one that follows the token URL is on its host.
  if (options.revocationURL !== undefined)
    assertTokenStaysOnIssuer(who, 'baseURL', endpoints.token, endpoints.revocation);
  return { ...endpoints, apiBase };
}
