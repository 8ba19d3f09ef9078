import { randomBytes } from 'node:crypto';
import express from 'express';
import { decideLocally } from './decision';
import { sandboxEndpoints } from './endpoints';
import { generateCertificate, type SandboxCertificate } from './certificate';
import { serveFavicon } from './favicon';
import { sandboxClient } from './clients';
import { GrantStore } from './grants';
import { listen, type CountedServer } from './listen';
import { PROVIDER_MODULES } from './providers';
import { sandboxRateLimit, type RateLimitSettings } from './rate-limit';
import {
  PROVIDER_NAMES,
  type ProviderName,
  type ProviderSettings,
  type Sandbox,
  type SandboxOptions,
  type SandboxClient,
  type SandboxClientRegistration,
  type SandboxProvider,
} from './types';
import { SEEDED_USERS } from './users';

/**
 * Starts one server per provider, each serving that provider's documented endpoints at the
 * documented paths over real HTTP (or HTTPS with a certificate generated now).
 *
 * @example
 * ```ts
 * const sandbox = await startSandbox({ https: true });
 * const { authorizationURL, tokenURL, client } = sandbox.providers.gofundo;
 * // ... log in, then:
 * await sandbox.close();
 * ```
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const delayMs = options.delayMs ?? 0;
  if (!(Number.isFinite(delayMs) && delayMs >= 0)) throw new TypeError('startSandbox: delayMs must be a number >= 0');
  for (const [name, port] of Object.entries(options.ports ?? {})) {
    if (!(Number.isInteger(port) && port >= 0 && port < 65536))
      throw new TypeError(`startSandbox: ports.${name} must be an integer port`);
  }
  const now = options.clock ?? Date.now;
  const rateLimit = sandboxRateLimit(options.rateLimit);
  const certificate = options.certificate ?? (options.https ? await generateCertificate() : undefined);

  const servers: CountedServer[] = [];
  const providers = {} as Record<ProviderName, SandboxProvider>;
  try {
    for (const name of PROVIDER_NAMES) {
      const provider = await startProvider(name, {
        host,
        port: options.ports?.[name] ?? 0,
        delayMs,
        now,
        certificate,
        rateLimit,
        providerSettings: options.providerSettings ?? {},
        registration: registeredClient(name, options.clients?.[name]),
      });
      servers.push(provider.server);
      providers[name] = provider.provider;
    }
  } catch (error) {
    await Promise.all(servers.map((server) => server.close()));
    throw error;
  }
  return {
    providers,
    ca: certificate?.cert,
    close: async () => {
      await Promise.all(servers.map((server) => server.close()));
    },
  };
}

interface StartSettings {
  host: string;
  port: number;
  delayMs: number;
  now: () => number;
  certificate?: SandboxCertificate;
  rateLimit: RateLimitSettings;
  providerSettings: ProviderSettings;
  registration: { client: SandboxClient; redirectAllowed?: (redirectURI: string) => boolean };
}

/** The client of `name`: the default one with what `registration` changes, checked. */
function registeredClient(
  name: ProviderName,
  registration: SandboxClientRegistration | undefined,
): StartSettings['registration'] {
  const client = sandboxClient(name);
  if (registration === undefined) return { client };
  const { clientID = client.clientID, clientSecret = client.clientSecret, redirectURIs } = registration;
  for (const [field, value] of Object.entries({ clientID, clientSecret })) {
    if (typeof value !== 'string' || value === '') {
      throw new TypeError(`startSandbox: clients.${name}.${field} must be a non-empty string`);
    }
  }
  const registered = { client: { clientID, clientSecret } };
  if (redirectURIs === undefined) return registered;
  if (!Array.isArray(redirectURIs) || !redirectURIs.every((uri) => typeof uri === 'string' && URL.canParse(uri))) {
    throw new TypeError(`startSandbox: clients.${name}.redirectURIs must be a list of absolute URLs`);
  }
  const exact = new Set(redirectURIs);
  return { ...registered, redirectAllowed: (redirectURI) => exact.has(redirectURI) };
}

async function startProvider(
  name: ProviderName,
  settings: StartSettings,
): Promise<{ server: CountedServer; provider: SandboxProvider }> {
  const module = PROVIDER_MODULES[name];
  const { client, redirectAllowed } = settings.registration;
  const users = SEEDED_USERS[name].map((user) => ({ ...user }));
  const jwtSecret = randomBytes(32).toString('base64url');
  const { app, authorize } = module.createApp({
    client,
    redirectAllowed,
    users,
    store: new GrantStore(settings.now),
    delayMs: settings.delayMs,
    now: settings.now,
    jwtSecret,
    rateLimit: settings.rateLimit,
    settings: settings.providerSettings,
  });
  // The icon browsers ask every origin for, in front of the provider's own routes (and its 404).
  const site = express().disable('x-powered-by').get('/favicon.ico', serveFavicon).use(app);
  const server = await listen(site, settings.host, settings.port, settings.certificate);
  const provider: SandboxProvider = {
    ...sandboxEndpoints(name, server.origin),
    client,
    users,
    stats: server.stats,
    resetStats: server.resetStats,
    openConnections: server.openConnections,
    decide: (authorizeURL, input) => decideLocally(authorize, authorizeURL, input),
  };
  if (module.signsTokens) provider.jwtSecret = jwtSecret;
  return { server, provider };
}
