/**
 * Passport strategy for MijnKlantportaal OAuth2.
 * @packageDocumentation
 */
export {
  Strategy,
  BASE_URL,
  AUTHORIZATION_URL,
  TOKEN_URL,
  API_BASE_URL,
  DEFAULT_MAX_PAGES,
  DEFAULT_SCOPE,
  PROMPTS,
  type BearerHeader,
  type MijnKlantportaalAuthenticateOptions,
  type MijnKlantportaalStrategyOptions,
} from './strategy';
export {
  parseProfile,
  profileFromToken,
  type MijnKlantportaalProfile,
  type MijnKlantportaalProfileSource,
} from './profile';
export {
  ProviderApiError,
  ProviderTokenError,
  type ApiGetOptions,
  type JsonResponse,
  type TokenParams,
  type TokenSet,
  type VerifyCallback,
} from 'passport-provider-kit';
