/**
 * Passport strategy for Gofundo OAuth2.
 * @packageDocumentation
 */
export {
  Strategy,
  BASE_URL,
  AUTHORIZATION_URL,
  TOKEN_URL,
  USER_PROFILE_URL,
  API_BASE_URL,
  type GofundoStrategyOptions,
} from './strategy';
export { parseProfile, type GofundoProfile, type GofundoUser } from './profile';
export {
  ProviderApiError,
  ProviderTokenError,
  type ApiGetOptions,
  type JsonResponse,
  type TokenParams,
  type TokenSet,
  type VerifyCallback,
} from 'passport-provider-kit';
