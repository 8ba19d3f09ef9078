import {
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

/** Where the user grants access. @see https://docs.petje.af/petje.af-api/authentication/authorize */
export const AUTHORIZATION_URL = 'https://petje.af/oauth2/authorize';
/** Code exchange, refresh (POST, form-urlencoded) and revocation (DELETE). @see https://docs.petje.af/petje.af-api/authentication/tokens */
export const TOKEN_URL = 'https://api.petje.af/v1/oauth2/tokens';
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
    if (options.jwtVerification) assertUsableJwtKey(options.jwtVerification, 'Petje.af strategy');
    return {
      name: 'petjeaf',
      displayName: 'Petje.af',
      authorizationURL: AUTHORIZATION_URL,
      token: { url: TOKEN_URL, bodyEncoding: 'form', clientAuth: 'body' },
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
    await this.callApi(
      'revocation endpoint',
      'DELETE',
      this.options.revocationURL ?? this.provider.token.url,
      accessToken,
      { allowEmpty: true },
    );
  }

  /** Reads the profile from the access token's claims: no HTTP call. */
  protected override async loadProfile(accessToken: string): Promise<PetjeafProfile> {
    const { jwtVerification, clockTolerance } = this.options;
    const payload = decodeJwtPayload(accessToken, 'Petje.af');
    const claims: PetjeafTokenClaims = payload.claims;
    if (jwtVerification) verifyJwtSignature(accessToken, jwtVerification, 'Petje.af', loadJsonwebtoken);
    assertNotExpired(claims, 'Petje.af', { clockToleranceSeconds: clockTolerance });
    return parseProfile(claims, payload.raw);
  }
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
