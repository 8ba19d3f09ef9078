/**
 * A local stand-in for Petje.af, Gofundo, MijnKlantportaal and AltDentifier: one real
 * HTTP(S) server per provider serving its documented OAuth2 endpoints, for developing and
 * testing apps offline (`npx passport-nl-sandbox`, or {@link startSandbox} in a test suite),
 * the demo and benchmarks. Not a mock for unit tests of a strategy (those use nock).
 *
 * @packageDocumentation
 */
export { startSandbox } from './start-sandbox';
export { generateCertificate, type SandboxCertificate } from './certificate';
export { sandboxEndpoints } from './endpoints';
export { strategyOptions, type SandboxStrategyOptions } from './strategy-options';
export { submitDecision, type DecisionInput, type SubmitDecisionOptions } from './decision';
export { isAllowedRedirectURI, sandboxClient, SANDBOX_APP_NAME } from './clients';
export { CODE_TTL_SECONDS } from './grants';
export { SEEDED_USERS } from './users';
export {
  OTHER_PETJEAF_PAGE,
  SANDBOX_PETJEAF_PAGE,
  SEEDED_MEMBERSHIPS,
  type SandboxPetjeafPage,
} from './providers/petjeaf-memberships';
export { MIJNKLANTPORTAAL_RATE_LIMIT, type RateLimitSettings } from './rate-limit';
export {
  PROVIDER_NAMES,
  type ProviderName,
  type Sandbox,
  type SandboxClient,
  type SandboxClientRegistration,
  type SandboxEndpoints,
  type ProviderSettings,
  type SandboxOptions,
  type SandboxProvider,
  type SandboxStats,
  type SandboxUser,
} from './types';
