import {
  assertTokenStaysOnIssuer,
  endpointUnder,
  parseBaseURL,
  resolveEndpoints,
  type ResolvedEndpoint,
  assertNotExpired,
  decodeJwtPayload,
  ProviderStrategy,
  assertUsableJwtKey,
  verifyJwtSignature,
  type JwtLibrary,
  type JwtVerification,
  type ProviderDefinition,
  type ProviderStrategyOptions,
} from 'passport-provider-kit';
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

  /** Petje.af as data, for the shared base. */
  static describe(options: PetjeafStrategyOptions): ProviderDefinition {
    if (options.clockTolerance !== undefined && !(options.clockTolerance >= 0)) {
      throw new TypeError('Petje.af strategy: clockTolerance must be a number of seconds >= 0');
    }
    if (options.jwtVerification) assertUsableJwtKey(options.jwtVerification, 'Petje.af strategy');
    const endpoints = petjeafEndpoints(options);
    return {
      name: 'petjeaf',
      displayName: 'Petje.af',
      authorizationURL: endpoints.authorize.url,
      token: { url: endpoints.token.url, bodyEncoding: 'form', clientAuth: 'body' },
      scopeSeparator: ' ',
      defaultScope: DEFAULT_SCOPE,
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

  /** Reads the profile from the access token's claims: no HTTP call. */
  protected override loadProfile(accessToken: string): PetjeafProfile {
    const { jwtVerification, clockTolerance } = this.options;
    const payload = decodeJwtPayload(accessToken, 'Petje.af');
    const claims: PetjeafTokenClaims = payload.claims;
    if (jwtVerification) verifyJwtSignature(accessToken, jwtVerification, 'Petje.af', loadJsonwebtoken);
    assertNotExpired(claims, 'Petje.af', { clockToleranceSeconds: clockTolerance });
    return parseProfile(claims, payload.raw);
  }
}

/**
 * The endpoints from `baseURL` and `apiBaseURL` and the explicit URL options; the revocation
 * URL (it receives the access token) must be on the token endpoint's host unless both are named.
 */
function petjeafEndpoints(
  options: PetjeafStrategyOptions,
): Record<'authorize' | 'token' | 'revocation', ResolvedEndpoint> {
  const who = 'Petje.af strategy';
  const site = parseBaseURL(who, 'baseURL', options.baseURL ?? BASE_URL);
  const api = parseBaseURL(who, 'apiBaseURL', options.apiBaseURL ?? `${site.protocol}//api.${site.host}/v1`);
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
  const revocationFollowsToken = options.revocationURL === undefined;
  assertTokenStaysOnIssuer(who, 'baseURL', endpoints.token, [
    revocationFollowsToken ? undefined : endpoints.revocation,
  ]);
  return endpoints;
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
