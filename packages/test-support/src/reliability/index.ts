/** The shared reliability suite of the four strategies (issue 4), and the cases that describe them. */
export { runReliabilitySuite } from './run-reliability-suite';
export type { CaseStrategy, ProfileEndpoint, ProviderCase, SuiteStrategyOptions, SuiteVerify } from './provider-case';
export { petjeafCase } from './cases/petjeaf';
export { gofundoCase } from './cases/gofundo';
export { altdentifierCase } from './cases/altdentifier';
export { mijnklantportaalCase, mijnklantportaalWithProfileCase } from './cases/mijnklantportaal';
export { runPropertySuite } from './property-suite';
export { findSecretForm } from './secret-forms';
export { LocalProvider, type LocalHandler, type SeenRequest } from './local-provider';
export { runHostileInputSuite, MAX_EVENT_LOOP_BLOCK_MS } from './hostile-input-suite';
export * from './hostile-inputs';
