/**
 * The shared base of the passport-petjeaf, passport-gofundo, passport-mijnklantportaal and
 * passport-altdentifier strategies: what a provider package builds on (the strategy base, its
 * definition type, the helpers the four packages use) and what an app configures or catches
 * (options, state-store and verify types, the error classes). Everything else is internal.
 *
 * @packageDocumentation
 */
export { ProviderStrategy } from './strategy/provider-strategy';
export type { ProviderDefinition } from './strategy/provider-definition';
export {
  MAX_EXPIRES_IN_SECONDS,
  oauthErrorInResponse,
  type TokenEndpoint,
  type TokenResponseError,
} from './oauth/token-request';
export type {
  ProviderStrategyOptions,
  SkipUserProfile,
  StateStore,
  StateStoreCallback,
  StateStoreMeta,
  StateVerifyCallback,
  WithRequest,
  WithoutRequest,
} from './strategy/options';
export type {
  AnyVerifyFunction,
  VerifyCallback,
  VerifyFunction,
  VerifyFunctionWithParams,
  VerifyFunctionWithRequest,
  VerifyFunctionWithRequestAndParams,
} from './strategy/verify';
export {
  collectPages,
  type ApiGetOptions,
  type ApiPage,
  type ApiQueryValue,
  type CollectPagesOptions,
} from './strategy/api-call';
export type { JsonOf, JsonResponse, JsonShape } from './http/classify';
export {
  assertTokenStaysOnIssuer,
  endpointUnder,
  parseBaseURL,
  resolveEndpoints,
  singleHostEndpoints,
  type EndpointChoice,
  type SingleHostURLOptions,
  type ResolvedEndpoint,
} from './strategy/endpoints';
export type { TokenParams, TokenSet } from './oauth/token-set';
export { ProviderTokenError } from './errors/provider-token-error';
export { ProviderApiError } from './errors/provider-api-error';
export type { FailureDetails, FailureReason } from './errors/failure-reason';
export { AuthorizationError, InternalOAuthError, TokenError } from 'passport-oauth2';
export { isRecord } from './errors/error-body';
export {
  DEFAULT_JSON_BOUNDS,
  parseBoundedJson,
  type BoundedJson,
  type JsonBounds,
  type JsonRefusal,
} from './json/parse-bounded-json';
export { normalizeProfile, nonEmptyString, type ProfileFields, type ProviderProfile } from './profile/provider-profile';
