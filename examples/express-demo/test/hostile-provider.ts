import type { Express } from 'express';
import request from 'supertest';
import { fakeJwt, epochSeconds, LocalProvider } from '@internal/test-support';
import { createDemoApp, type DemoApp, type DemoAppConfig, type ProviderSettings } from 'express-demo';
import { PROVIDER_NAMES, type ProviderName } from 'passport-nl-sandbox';
import { BASE_URL, SESSION_SECRET, type Agent } from './support';

/** The strategies' deadline on each call to a provider (their default `timeout`), in ms. */
export const PROVIDER_DEADLINE_MS = 10_000;

/** The client secret each provider of the hostile demo has (`<name>-hostile-secret-…`). */
export const hostileSecret = (name: ProviderName) => `${name}-hostile-secret-7c41e9`;

/** The demo's settings for `name` against a local provider: `/<name>/authorize`, `/<name>/token`, `/<name>/user`. */
function hostileSettings(provider: LocalProvider, name: ProviderName): ProviderSettings {
  return {
    clientID: `${name}-hostile-client`,
    clientSecret: hostileSecret(name),
    sandbox: false,
    authorizationURL: provider.url(`/${name}/authorize`),
    tokenURL: provider.url(`/${name}/token`),
    userProfileURL: name === 'petjeaf' ? undefined : provider.url(`/${name}/user`),
  };
}

/** A valid token answer (Petje.af's access token is a JWT with the profile's claims). */
export function validTokenAnswer(name: ProviderName, claims: Record<string, unknown> = {}): Record<string, unknown> {
  const accessToken =
    name === 'petjeaf'
      ? fakeJwt({ id: 'hostile-1', name: 'Hostile User', exp: epochSeconds(3600), ...claims })
      : `${name}-access-token-5d2a`;
  return {
    access_token: accessToken,
    refresh_token: `${name}-refresh-token-9b1f`,
    token_type: 'Bearer',
    expires_in: 3600,
  };
}

/** The demo, on a fresh local provider for each test, with every provider pointing at it. */
export interface HostileDemo {
  app(): Express;
  provider(): LocalProvider;
}

/** A demo app whose four providers are one local server that each test programs (see {@link LocalProvider}). */
export function useHostileDemo(overrides: Partial<DemoAppConfig> = {}): HostileDemo {
  let provider: LocalProvider | undefined;
  let demo: DemoApp | undefined;
  beforeEach(async () => {
    provider = await LocalProvider.start();
    const local = provider;
    const providers = Object.fromEntries(PROVIDER_NAMES.map((name) => [name, hostileSettings(local, name)]));
    demo = createDemoApp({
      baseURL: BASE_URL,
      sessionSecret: SESSION_SECRET,
      providers,
      redirectToBaseHost: false,
      ...overrides,
    });
  });
  afterEach(async () => {
    demo?.close();
    await provider?.stop();
  });
  return {
    app: () => (demo as DemoApp).app,
    provider: () => provider as LocalProvider,
  };
}

/** What a login through the hostile demo gave: the callback's response and how long it took. */
export interface HostileLogin {
  status: number;
  text: string;
  headers: Record<string, string | string[] | undefined>;
  /** Time from sending the callback to its complete response, in ms. */
  ms: number;
  agent: Agent;
}

/**
 * Starts a login at the demo and comes back to its callback with `query` (by default a code
 * and the state the demo issued; `state: undefined` leaves it out); a response not complete
 * within the provider deadline plus a margin is an error (a hang), not a wait.
 */
export async function hostileLogin(
  app: Express,
  name: ProviderName,
  query: (state: string) => Record<string, string | string[]> | string = (state) => ({ code: 'hostile-code', state }),
): Promise<HostileLogin> {
  const agent = request.agent(app);
  const start = await agent.get(`/auth/${name}`);
  if (start.status !== 302) throw new Error(`expected a redirect to the provider, got ${start.status}`);
  const state = new URL(start.headers.location as string).searchParams.get('state') ?? '';
  const began = performance.now();
  const res = await agent
    .get(`/auth/${name}/callback`)
    .query(query(state))
    .timeout({ response: PROVIDER_DEADLINE_MS + 2000, deadline: PROVIDER_DEADLINE_MS + 4000 });
  return {
    status: res.status,
    text: res.text,
    headers: res.headers as HostileLogin['headers'],
    ms: performance.now() - began,
    agent,
  };
}
