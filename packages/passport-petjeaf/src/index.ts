/**
 * Passport strategy for Petje.af OAuth2.
 * @packageDocumentation
 */
export {
  Strategy,
  BASE_URL,
  NEWER_BASE_URL,
  AUTHORIZATION_URL,
  TOKEN_URL,
  DEFAULT_SCOPE,
  type PetjeafStrategyOptions,
} from './strategy';
export { parseProfile, type PetjeafProfile, type PetjeafTokenClaims } from './profile';
export {
  ProviderApiError,
  ProviderTokenError,
  type TokenParams,
  type TokenSet,
  type VerifyCallback,
  type JwtVerification,
} from 'passport-provider-kit';
