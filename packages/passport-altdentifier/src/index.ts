/**
 * Passport strategy for AltDentifier OAuth2.
 * @packageDocumentation
 */
export {
  Strategy,
  integrationURL,
  BASE_URL,
  AUTHORIZATION_URL,
  TOKEN_URL,
  USER_PROFILE_URL,
  API_BASE_URL,
  DEFAULT_SCOPE,
  type AltDentifierAuthenticateOptions,
  type AltDentifierStrategyOptions,
  type IntegrationLinkOptions,
} from './strategy';
export { parseProfile, type AltDentifierProfile, type AltDentifierUser } from './profile';
export {
  ProviderApiError,
  ProviderTokenError,
  type ApiGetOptions,
  type JsonResponse,
  type TokenParams,
  type TokenSet,
  type VerifyCallback,
} from 'passport-provider-kit';
