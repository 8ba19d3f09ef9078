import { parseArgs } from 'node:util';
import { PROVIDERS, type UrlSetting } from './providers';
import { PROVIDER_NAMES, type DoctorSettings, type ProviderName, type Sourced } from './types';

/** Default deadline of each request, connection and lookup. */
export const DEFAULT_TIMEOUT_MS = 5000;

/** A command line the doctor cannot run with; the message says why. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** What the command line asks besides the settings. */
export interface DoctorCommand {
  settings: DoctorSettings;
  json: boolean;
}

/** The usage text of `passport-nl-doctor --help`. */
export const USAGE = `Usage: passport-nl-doctor <${PROVIDER_NAMES.join('|')}> [options]

Checks a provider's client against the real provider: the options, each endpoint's DNS, TCP and
TLS, the client id and callback at the authorize endpoint, the client credentials at the token
endpoint, and with --access-token the profile. Reads the variables the demo reads
(<PROVIDER>_CLIENT_ID, <PROVIDER>_CLIENT_SECRET, <PROVIDER>_AUTHORIZATION_URL, _TOKEN_URL,
_USER_PROFILE_URL, PETJEAF_REVOCATION_URL, BASE_URL, PORT); each flag overrides its variable.

Options:
  --client-id <id>            the client id
  --client-secret <secret>    the client secret (prefer the variable: flags show in the process list)
  --base-url <origin>         your app's public origin; the callback is <origin>/auth/<provider>/callback
  --callback-url <url>        the callback URL, when it is not <BASE_URL>/auth/<provider>/callback
  --authorization-url <url>   override the authorize endpoint
  --token-url <url>           override the token endpoint
  --user-profile-url <url>    override the user endpoint (Gofundo, MijnKlantportaal, AltDentifier)
  --revocation-url <url>      override the revocation endpoint (Petje.af; listed, never called)
  --client-auth <body|basic>  AltDentifier: where your app sends the credentials (default body)
  --access-token <token>      also read the profile with this token, as the strategy would
  --timeout <ms>              deadline of every request (default ${DEFAULT_TIMEOUT_MS})
  --json                      print { provider, checks: [{ name, ok, detail, fix }] }
  --help                      this text

Exit code: 0 when no check failed (✓ and ? only), 1 otherwise (a ✗, or a command line it cannot run).`;

const URL_FLAGS: Readonly<Record<UrlSetting, { flag: string; suffix: string }>> = {
  authorizationURL: { flag: 'authorization-url', suffix: 'AUTHORIZATION_URL' },
  tokenURL: { flag: 'token-url', suffix: 'TOKEN_URL' },
  userProfileURL: { flag: 'user-profile-url', suffix: 'USER_PROFILE_URL' },
  revocationURL: { flag: 'revocation-url', suffix: 'REVOCATION_URL' },
};

const OPTIONS = {
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  'base-url': { type: 'string' },
  'callback-url': { type: 'string' },
  'authorization-url': { type: 'string' },
  'token-url': { type: 'string' },
  'user-profile-url': { type: 'string' },
  'revocation-url': { type: 'string' },
  'client-auth': { type: 'string' },
  'access-token': { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

/**
 * Reads the command line and the environment as the demo does, except that values are kept
 * as given (the demo trims them; a strategy used directly does not), so that a pasted space
 * can be pointed at. An empty variable counts as unset. Returns `'help'` for `--help`.
 * @throws UsageError for an unknown provider, flag or value.
 */
export function readCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): DoctorCommand | 'help' {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1 || !PROVIDER_NAMES.includes(positionals[0] as ProviderName)) {
    throw new UsageError(`name one provider: ${PROVIDER_NAMES.join(', ')}`);
  }
  const provider = positionals[0] as ProviderName;
  const info = PROVIDERS[provider];
  const pick = (flag: keyof typeof OPTIONS, variable?: string): Sourced | undefined => {
    const given = values[flag];
    if (typeof given === 'string') return { value: given, source: `--${flag}` };
    const fromEnv = variable === undefined ? undefined : env[variable];
    return fromEnv === undefined || fromEnv === '' || variable === undefined
      ? undefined
      : { value: fromEnv, source: variable };
  };
  const settings: DoctorSettings = {
    provider,
    clientID: pick('client-id', `${info.envPrefix}_CLIENT_ID`),
    clientSecret: pick('client-secret', `${info.envPrefix}_CLIENT_SECRET`),
    callbackURL: callbackOf(provider, pick('callback-url'), pick('base-url', 'BASE_URL'), env.PORT),
    timeoutMs: timeoutOf(values.timeout),
  };
  for (const setting of Object.keys(URL_FLAGS) as UrlSetting[]) {
    const { flag, suffix } = URL_FLAGS[setting];
    const variable = `${info.envPrefix}_${suffix}`;
    const value = pick(flag as keyof typeof OPTIONS, variable);
    if (value === undefined) continue;
    if (!info.urlSettings.includes(setting)) {
      throw new UsageError(`${value.source} is not an option of ${info.displayName}'s strategy`);
    }
    settings[setting] = value;
  }
  if (values['client-auth'] !== undefined) {
    if (provider !== 'altdentifier') throw new UsageError('--client-auth is an AltDentifier option');
    if (values['client-auth'] !== 'body' && values['client-auth'] !== 'basic') {
      throw new UsageError('--client-auth must be body or basic');
    }
    settings.clientAuth = { value: values['client-auth'], source: '--client-auth' };
  }
  if (values['access-token'] !== undefined) {
    if (values['access-token'] === '') throw new UsageError('--access-token needs a token');
    settings.accessToken = values['access-token'];
  }
  return { settings, json: values.json === true };
}

function callbackOf(
  provider: ProviderName,
  explicit: Sourced | undefined,
  baseURL: Sourced | undefined,
  port: string | undefined,
): Sourced {
  if (explicit) return explicit;
  const path = `/auth/${provider}/callback`;
  if (baseURL) return { value: `${baseURL.value.replace(/\/+$/, '')}${path}`, source: baseURL.source };
  const origin = `http://localhost:${port?.trim() || '3000'}`;
  return { value: `${origin}${path}`, source: "the demo's default, as BASE_URL is not set" };
}

function timeoutOf(text: string | undefined): number {
  if (text === undefined) return DEFAULT_TIMEOUT_MS;
  const ms = Number(text);
  if (!/^\d+$/.test(text) || ms < 1 || ms > 120_000)
    throw new UsageError('--timeout must be a number of ms from 1 to 120000');
  return ms;
}
