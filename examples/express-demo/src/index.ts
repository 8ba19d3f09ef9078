/**
 * The Express demo of the four strategies, as a library for tests, the benchmark and the
 * soak test: {@link createDemoApp} builds the app, {@link startDemo} runs it as `npm start`
 * does, {@link loadConfig} reads the environment.
 *
 * @packageDocumentation
 */
export { createDemoApp, type DemoApp, type DemoAppConfig } from './app';
export { SESSION_COOKIE, sessionCookieName } from './security';
export { ConfigError, ENV_PREFIX, loadConfig, type DemoConfig, type ProviderCredentials } from './config';
export { PROVIDER_LABELS, sandboxSettings, type DemoStrategy, type DemoUser, type ProviderSettings } from './providers';
export { safeLocalPath } from './security';
export { PortInUseError, startDemo, type RunningDemo, type StartDemoOptions } from './start-demo';
export { formatLoginEvent, logLogins, type LoginEvent, type LoginOutcome } from './login-log';
