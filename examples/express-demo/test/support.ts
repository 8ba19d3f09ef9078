import request from 'supertest';
import type { Express } from 'express';
import { createDemoApp, sandboxSettings, type DemoApp, type DemoAppConfig } from 'express-demo';
import { PROVIDER_NAMES, startSandbox, submitDecision, type ProviderName, type Sandbox } from 'passport-nl-sandbox';

/** The base URL the test apps believe they run at (the sandbox accepts any localhost callback). */
export const BASE_URL = 'http://localhost:3999';
/** A session secret for tests. */
export const SESSION_SECRET = 'test-session-secret-0123456789';

/** A cookie-keeping client of one app. */
export type Agent = ReturnType<typeof request.agent>;

/** A sandbox and a demo app on it for the file's tests. */
export function useDemo(overrides: Partial<DemoAppConfig> = {}): { sandbox: () => Sandbox; app: () => Express } {
  let sandbox: Sandbox | undefined;
  let demo: DemoApp | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox();
    demo = createDemoApp(demoConfig(sandbox, overrides));
  });
  afterAll(async () => {
    demo?.close();
    await sandbox?.close();
  });
  return { sandbox: () => sandbox as Sandbox, app: () => (demo as DemoApp).app };
}

/** The demo configuration for a sandbox: every provider on it. */
export function demoConfig(sandbox: Sandbox, overrides: Partial<DemoAppConfig> = {}): DemoAppConfig {
  const providers = Object.fromEntries(
    PROVIDER_NAMES.map((name) => [name, sandboxSettings(sandbox.providers[name], sandbox.ca)]),
  );
  return { baseURL: BASE_URL, sessionSecret: SESSION_SECRET, providers, redirectToBaseHost: false, ...overrides };
}

/** `GET /auth/<provider>` and the sandbox authorize URL it redirects to. */
export async function startLogin(agent: Agent, provider: ProviderName, returnTo?: string): Promise<URL> {
  const res = await agent.get(`/auth/${provider}`).query(returnTo === undefined ? {} : { returnTo });
  if (res.status !== 302) throw new Error(`expected a redirect to the provider, got ${res.status}`);
  return new URL(res.headers.location as string);
}

/** A whole login: start, post the sandbox's decision form over HTTP, follow the callback. Returns the callback's answer. */
export async function login(
  agent: Agent,
  provider: ProviderName,
  input: { userId?: string; decision?: 'approve' | 'deny'; returnTo?: string } = {},
) {
  const authorize = await startLogin(agent, provider, input.returnTo);
  const back = await submitDecision(authorize, { userId: input.userId, decision: input.decision });
  if (back.origin !== BASE_URL) throw new Error(`the sandbox sent the browser to ${back.origin}`);
  return agent.get(back.pathname + back.search);
}

/** The CSRF token in a page's forms. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1];
}

/** The session cookie's value in a response's `Set-Cookie`, if any. */
export function sessionCookie(res: { headers: Record<string, unknown> }): string | undefined {
  const cookies = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  return cookies.find((cookie) => cookie.startsWith('demo.sid=') || cookie.startsWith('__Host-demo.sid='));
}
