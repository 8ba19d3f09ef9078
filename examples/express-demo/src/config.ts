import { randomBytes } from 'node:crypto';
import { PROVIDER_NAMES, type ProviderName } from 'passport-nl-sandbox';
import { httpsWithoutProxyWarning } from './proxy-check';

/**
 * A provider's real credentials, from `<PROVIDER>_CLIENT_ID` / `<PROVIDER>_CLIENT_SECRET`, and
 * the endpoints that override the strategy's defaults (`<PROVIDER>_AUTHORIZATION_URL`, ...).
 */
export interface ProviderCredentials {
  clientID: string;
  clientSecret: string;
  authorizationURL?: string;
  tokenURL?: string;
  /** Gofundo, MijnKlantportaal and AltDentifier: where the profile is read. */
  userProfileURL?: string;
  /** Petje.af: where `revoke()` sends its `DELETE`. */
  revocationURL?: string;
}

/** The URL options each provider's strategy takes, as `<PROVIDER>_<SUFFIX>` variables. */
const URL_VARIABLES = {
  authorizationURL: 'AUTHORIZATION_URL',
  tokenURL: 'TOKEN_URL',
  userProfileURL: 'USER_PROFILE_URL',
  revocationURL: 'REVOCATION_URL',
} as const;
type UrlOption = keyof typeof URL_VARIABLES;

/** Which URL options each strategy has (Petje.af reads its profile from the JWT; only it has revoke()). */
const URL_OPTIONS: Readonly<Record<ProviderName, readonly UrlOption[]>> = {
  petjeaf: ['authorizationURL', 'tokenURL', 'revocationURL'],
  gofundo: ['authorizationURL', 'tokenURL', 'userProfileURL'],
  mijnklantportaal: ['authorizationURL', 'tokenURL', 'userProfileURL'],
  altdentifier: ['authorizationURL', 'tokenURL', 'userProfileURL'],
};

/** The demo's configuration, read from the environment by {@link loadConfig}. */
export interface DemoConfig {
  /** `PORT`, default 3000 (0: any free port). */
  port: number;
  /** `HOST` to listen on, default `127.0.0.1`. */
  host: string;
  /** `BASE_URL`, the public origin (callback URLs are built from it); default `http://localhost:<PORT>`. */
  baseURL?: string;
  /** `SESSION_SECRET`; random per process when unset (see `warnings`). */
  sessionSecret: string;
  /** `REDIS_URL`: sessions in Redis, shared by several instances. */
  redisURL?: string;
  /** `TRUST_PROXY=1`: trust `X-Forwarded-*` (behind a TLS-terminating proxy). */
  trustProxy: boolean;
  /** `SANDBOX_PORT`: serve the sandbox on fixed ports from this base (reused when already running). */
  sandboxPort?: number;
  /** `PETJEAF_PAGE_ID` / `PETJEAF_PAGE_URL`: the page of the "Members only" page (default the sandbox's). */
  petjeafPage: { id?: string; url?: string };
  /** Providers with real credentials; the others use the sandbox. */
  credentials: Partial<Record<ProviderName, ProviderCredentials>>;
  /** Providers whose strategy gets `skipUserProfile: true` (`<PROVIDER>_SKIP_USER_PROFILE=1`), real or sandbox. */
  skipUserProfile: ProviderName[];
  /** Things the user should know (e.g. a generated session secret). */
  warnings: string[];
}

/** A configuration value that cannot be used; the message names the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The environment variable prefix of each provider, e.g. `PETJEAF` for `PETJEAF_CLIENT_ID`. */
export const ENV_PREFIX: Readonly<Record<ProviderName, string>> = {
  petjeaf: 'PETJEAF',
  gofundo: 'GOFUNDO',
  mijnklantportaal: 'MIJNKLANTPORTAAL',
  altdentifier: 'ALTDENTIFIER',
};

/**
 * Reads and checks the demo's environment variables (see `.env.example`). Empty values
 * count as unset. Throws {@link ConfigError} naming the variable on a bad value.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): DemoConfig {
  const value = (name: string) => (env[name]?.trim() ? env[name]?.trim() : undefined);
  const warnings: string[] = [];
  const port = parsePort('PORT', value('PORT') ?? '3000');
  const baseURL = value('BASE_URL') === undefined ? undefined : parseBaseURL(value('BASE_URL') as string);
  let sessionSecret = value('SESSION_SECRET');
  if (sessionSecret === undefined) {
    sessionSecret = randomBytes(32).toString('base64url');
    warnings.push(
      'SESSION_SECRET is not set: using a random one, so sessions end when the process stops and instances cannot share them.',
    );
  } else if (sessionSecret.length < 16) {
    throw new ConfigError('SESSION_SECRET must be at least 16 characters long');
  }
  const redisURL = value('REDIS_URL');
  if (redisURL !== undefined && !/^rediss?:\/\/[^\s]+$/.test(redisURL)) {
    throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL');
  }
  const sandboxPort =
    value('SANDBOX_PORT') === undefined ? undefined : parsePort('SANDBOX_PORT', value('SANDBOX_PORT') as string);
  const credentials: DemoConfig['credentials'] = {};
  const skipUserProfile: ProviderName[] = [];
  for (const name of PROVIDER_NAMES) {
    const prefix = ENV_PREFIX[name];
    const idName = `${prefix}_CLIENT_ID`;
    const secretName = `${prefix}_CLIENT_SECRET`;
    const clientID = value(idName);
    const clientSecret = value(secretName);
    const urls = providerURLs(name, value);
    if (clientID && clientSecret) credentials[name] = { clientID, clientSecret, ...urls };
    else if (clientID || clientSecret)
      throw new ConfigError(`set both ${idName} and ${secretName}, or neither (to use the sandbox)`);
    else if (Object.keys(urls).length)
      throw new ConfigError(
        `${prefix}_${URL_VARIABLES[Object.keys(urls)[0] as UrlOption]} is set without ${idName} and ${secretName}: the sandbox serves its own URLs`,
      );
    if (parseFlag(`${prefix}_SKIP_USER_PROFILE`, value(`${prefix}_SKIP_USER_PROFILE`))) skipUserProfile.push(name);
  }
  const trustProxy = ['1', 'true', 'yes'].includes((value('TRUST_PROXY') ?? '').toLowerCase());
  const proxyWarning = httpsWithoutProxyWarning(baseURL, trustProxy, port);
  if (proxyWarning) warnings.push(proxyWarning);
  return {
    port,
    host: value('HOST') ?? '127.0.0.1',
    baseURL,
    sessionSecret,
    redisURL,
    trustProxy,
    sandboxPort,
    petjeafPage: { id: value('PETJEAF_PAGE_ID'), url: value('PETJEAF_PAGE_URL') },
    credentials,
    skipUserProfile,
    warnings,
  };
}

/** The `<PROVIDER>_*_URL` variables set for `name`; one its strategy does not take, or not an http(s) URL, is refused. */
function providerURLs(
  name: ProviderName,
  value: (variable: string) => string | undefined,
): Partial<Record<UrlOption, string>> {
  const urls: Partial<Record<UrlOption, string>> = {};
  for (const option of Object.keys(URL_VARIABLES) as UrlOption[]) {
    const variable = `${ENV_PREFIX[name]}_${URL_VARIABLES[option]}`;
    const text = value(variable);
    if (text === undefined) continue;
    if (!URL_OPTIONS[name].includes(option)) {
      throw new ConfigError(
        `${variable} is not an option of ${name}'s strategy (it takes ${URL_OPTIONS[name].map((o) => `${ENV_PREFIX[name]}_${URL_VARIABLES[o]}`).join(', ')})`,
      );
    }
    const url = URL.canParse(text) ? new URL(text) : undefined;
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
      throw new ConfigError(`${variable} must be an absolute http(s) URL, not ${text}`);
    urls[option] = text;
  }
  return urls;
}

/** `1`, `true`, `yes` (any case) or unset/`0`/`false`/`no`; anything else is refused. */
function parseFlag(name: string, text: string | undefined): boolean {
  if (text === undefined) return false;
  const lower = text.toLowerCase();
  if (['1', 'true', 'yes'].includes(lower)) return true;
  if (['0', 'false', 'no'].includes(lower)) return false;
  throw new ConfigError(`${name} must be 1 or 0 (true/false), not ${text}`);
}

function parsePort(name: string, text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw new ConfigError(`${name} must be a port number (0-65535), not ${text}`);
  return port;
}

function parseBaseURL(text: string): string {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (
    !url ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.pathname !== '/' ||
    url.search ||
    url.hash
  ) {
    throw new ConfigError(`BASE_URL must be an http(s) origin such as https://demo.example.com, not ${text}`);
  }
  return url.origin;
}
