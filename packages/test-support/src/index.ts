/** Helpers shared by the strategy packages' tests. */
export {
  completeLogin,
  createLoginApp,
  startLogin,
  type CallbackOutcome,
  type LoginAppOptions,
  type StartedLogin,
} from './login-app';
export { epochSeconds, fakeJwt } from './fake-jwt';
export { CookieJar } from './cookie-jar';
export { thrownBy } from './thrown-by';
export { blockedMs, longestSteadyBlockMs, steadyBlockedMs, type BlockMeasure } from './event-loop-block';
export { useNock } from './nock-setup';
export { captureReply, type CapturedRequest } from './capture-request';
export { verifyFormsSuite, type AnyVerify, type VerifyFormsCase } from './verify-forms-suite';
export { useRealHttpRequest } from './reliability/real-http';
export * from './reliability';
export { freePort, startProcess, type StartedProcess, type StartProcessOptions } from './started-process';
export { loginThroughMinimalApp, type MinimalLoginResult } from './minimal-login';
export { passportOAuth2CompatSuite, DELIBERATE_DIFFERENCES, type CompatCase } from './compat/passport-oauth2-suite';
export { runStrategy, type CompatRequest, type StrategyOutcome } from './compat/run-strategy';
export {
  finishExampleLogin,
  runExample,
  startExampleLogin,
  type Browser,
  type ExampleLoginResult,
  type ExampleProvider,
  type RunningExample,
} from './framework-example';
export { describeFrameworkApp, describeFrameworkExample, type AppUnderTest } from './framework-example-suite';
