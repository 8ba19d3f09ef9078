/** The shared base of the provider strategies: what a provider package builds on, what an app configures or catches. @packageDocumentation */
export { ProviderStrategy } from './strategy/provider-strategy';
export type { ProviderDefinition } from './strategy/provider-definition';
export { MAX_EXPIRES_IN_SECONDS, type TokenEndpoint, type TokenResponseError } from './oauth/token-request';
export type * from './strategy/options';
export type * from './strategy/verify';
export { collectPages } from './strategy/api-call';
export type { ApiGetOptions, ApiPage, ApiQueryValue, CollectPagesOptions } from './strategy/api-call';
export type { JsonOf, JsonResponse, JsonShape } from './http/classify';
export { assertTokenStaysOnIssuer, endpointUnder, parseBaseURL, resolveEndpoints } from './strategy/endpoints';
export { singleHostEndpoints, type EndpointChoice, type ResolvedEndpoint } from './strategy/endpoints';
export type { TokenParams, TokenSet } from './oauth/token-set';
export { ProviderTokenError } from './errors/provider-token-error';
export { ProviderApiError } from './errors/provider-api-error';
export type { FailureDetails, FailureReason } from './errors/failure-reason';
export { AuthorizationError, InternalOAuthError, TokenError } from 'passport-oauth2';
export { isRecord } from './errors/error-body';
export { parseBoundedJson, type BoundedJson, type JsonBounds, type JsonRefusal } from './json/parse-bounded-json';
export { normalizeProfile, nonEmptyString, type ProfileFields, type ProviderProfile } from './profile/provider-profile';
