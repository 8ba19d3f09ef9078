import type { ProviderName, SandboxEndpoints } from './types';

/**
 * The options that point one of the passport-nl strategies at a sandbox provider: paste them
 * into `new <Provider>Strategy({ ...options, callbackURL }, verify)`. The callback may be any
 * `http(s)://localhost` or `127.0.0.1` URL.
 */
export interface SandboxStrategyOptions {
  clientID: string;
  clientSecret: string;
  authorizationURL: string;
  tokenURL: string;
  /**
   * Gofundo and AltDentifier: their user endpoint. MijnKlantportaal: the sandbox-only
   * `/v1/sandbox/me` (the real provider documents no identity endpoint). Not set for Petje.af,
   * whose profile comes from its JWT access token.
   */
  userProfileURL?: string;
  /** Petje.af only: where `revoke()` sends its `DELETE`. */
  revocationURL?: string;
  /**
   * Set when the sandbox is served over plain http on a host that is not loopback (`--host
   * 0.0.0.0` or a LAN address): the strategies refuse such URLs without it.
   */
  allowInsecureHTTP?: true;
}

/** Providers whose strategy reads the profile from `userProfileURL`. */
const READS_PROFILE_URL: ReadonlySet<ProviderName> = new Set(['gofundo', 'mijnklantportaal', 'altdentifier']);

/**
 * The strategy options for a sandbox provider (from `startSandbox()`, or `sandboxEndpoints()`
 * for one served by the CLI): client id and secret and the provider's URLs on the sandbox.
 *
 * @example
 * ```ts
 * const sandbox = await startSandbox();
 * passport.use(new GofundoStrategy({ ...strategyOptions(sandbox.providers.gofundo), callbackURL }, verify));
 * ```
 */
export function strategyOptions(provider: SandboxEndpoints): SandboxStrategyOptions {
  const options: SandboxStrategyOptions = {
    clientID: provider.client.clientID,
    clientSecret: provider.client.clientSecret,
    authorizationURL: provider.authorizationURL,
    tokenURL: provider.tokenURL,
  };
  if (READS_PROFILE_URL.has(provider.name) && provider.userProfileURL) options.userProfileURL = provider.userProfileURL;
  if (provider.revocationURL) options.revocationURL = provider.revocationURL;
  if (isPlainHttpOffLoopback(provider.origin)) options.allowInsecureHTTP = true;
  return options;
}

/** True for an `http:` origin whose host is not `localhost`, 127.0.0.0/8 or `::1` (the strategies' own rule). */
function isPlainHttpOffLoopback(origin: string): boolean {
  const { protocol, hostname } = new URL(origin);
  const loopback =
    hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || /^127\./.test(hostname);
  return protocol === 'http:' && !loopback;
}
