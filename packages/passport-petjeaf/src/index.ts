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
  API_BASE_URL,
  DEFAULT_SCOPE,
  DEFAULT_MAX_MEMBERSHIP_PAGES,
  type MembershipsOptions,
  type PetjeafStrategyOptions,
} from './strategy';
export {
  activeMembership,
  isActiveMember,
  DEFAULT_ACTIVE_STATUSES,
  MAX_MEMBERSHIPS_PAGE_SIZE,
  MEMBERSHIPS_SCOPE,
  type ActiveMemberCriteria,
  type PetjeafLink,
  type PetjeafMembership,
  type PetjeafMembershipsAtLogin,
} from './memberships';
export { parseProfile, type PetjeafProfile, type PetjeafTokenClaims } from './profile';
export {
  ProviderApiError,
  ProviderTokenError,
  type ApiGetOptions,
  type JsonResponse,
  type TokenParams,
  type TokenSet,
  type VerifyCallback,
} from 'passport-provider-kit';
export type { JwtVerification } from './jwt/verify-signature';
export type { JwtFailureReason } from './jwt/decode-claims';
