/**
 * Shared mechanics of the passport-petjeaf, passport-gofundo, passport-mijnklantportaal and
 * passport-altdentifier strategies: a safe `OAuth2Strategy` base, HTTP with deadlines and
 * connection reuse, error-body parsing, JWT claim decoding, profile normalization, typed
 * errors and promise token helpers.
 *
 * @packageDocumentation
 */
export { ProviderStrategy } from './strategy/provider-strategy';
export type { ProviderDefinition } from './strategy/provider-definition';
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
export { settle } from './strategy/settle';
export {
  getFromApi,
  resolveApiURL,
  MAX_RATE_LIMIT_WAIT_SECONDS,
  type ApiCallTarget,
  type ApiGetOptions,
  type ApiQueryValue,
} from './strategy/api-call';
export { collectPages, type ApiPage, type CollectPagesOptions } from './strategy/api-pages';
export {
  assertTokenStaysOnIssuer,
  describeRedirect,
  endpointUnder,
  parseBaseURL,
  resolveEndpoints,
  type EndpointChoice,
  type ResolvedEndpoint,
} from './strategy/endpoints';
export { ProviderTokenError } from './errors/provider-token-error';
export { ProviderApiError } from './errors/provider-api-error';
export { statusForFailure, type FailureDetails, type FailureReason } from './errors/failure-reason';
export { cleanText, errorCodeFromBody, errorTextFromBody, isRecord } from './errors/error-body';
export { redactSecrets } from './errors/redact';
export {
  ProviderHttpClient,
  type EndpointRequest,
  type JsonAnswer,
  type ProviderHttpClientSettings,
} from './http/provider-http-client';
export { sendRequest, TransportFailure, type HttpRequest, type HttpResponse } from './http/send-request';
export { readJsonBody, retryAfterSeconds, type BodyKind } from './http/read-json';
export { createKeepAliveAgents, type ProviderAgents } from './http/agents';
export { requestToken, validateTokenParams, type ClientCredentials, type TokenEndpoint } from './oauth/token-request';
export type { TokenParams, TokenSet } from './oauth/token-set';
export { MAX_EXPIRES_IN_SECONDS } from './oauth/expires-in';
export {
  MultiStateSessionStore,
  STATE_MESSAGES,
  type MultiStateSessionStoreOptions,
} from './state/multi-state-session-store';
export {
  CookieStateStore,
  type CookieStateStoreOptions,
  type StateFailure,
  type StateFailureReason,
} from './state/cookie-state-store';
export { defaultStateStore, type StateStoreKind } from './state/default-store';
export {
  assertNotExpired,
  decodeJwtClaims,
  decodeJwtPayload,
  jwtAlgorithm,
  type JwtClaims,
  type JwtPayload,
} from './jwt/decode-claims';
export {
  assertUsableJwtKey,
  verifyJwtSignature,
  type JwtLibrary,
  type JwtLibrarySource,
  type JwtVerification,
  type JwtVerifyOptions,
} from './jwt/verify-signature';
export { normalizeProfile, nonEmptyString, profileId, type ProfileFields } from './profile/normalize';
export type { ProviderProfile } from './profile/provider-profile';
export { AuthorizationError, InternalOAuthError, TokenError } from 'passport-oauth2';
