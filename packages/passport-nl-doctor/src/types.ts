/** The four providers the doctor knows, by the name their strategy registers. */
export type ProviderName = 'petjeaf' | 'gofundo' | 'mijnklantportaal' | 'altdentifier';

/** Every provider name, in the order the usage text lists them. */
export const PROVIDER_NAMES: readonly ProviderName[] = ['petjeaf', 'gofundo', 'mijnklantportaal', 'altdentifier'];

/** One line of the report: ✓ (`ok: true`), ✗ (`ok: false`) or ? (`ok: null`, the doctor cannot tell). */
export interface CheckResult {
  /** What was checked, e.g. `token endpoint: client credentials`. */
  name: string;
  /** `true` passed, `false` failed, `null` could not be told (or not checked: `detail` says why). */
  ok: boolean | null;
  /** What the doctor saw, in a sentence or two; never a secret, a code or a token. */
  detail: string;
  /** For a failure (and some unknowns): what to do, in one sentence; otherwise `null`. */
  fix: string | null;
}

/** The doctor's findings for one provider, in the order checked (the `--json` output). */
export interface DoctorReport {
  provider: ProviderName;
  checks: CheckResult[];
}

/** Where a setting came from, for the messages: an environment variable or a flag (e.g. `GOFUNDO_CLIENT_ID`, `--token-url`). */
export type SettingSource = string;

/** A setting and where it came from. */
export interface Sourced<T = string> {
  value: T;
  source: SettingSource;
}

/** What the doctor checks with: the settings as the app would read them (see `readSettings`). */
export interface DoctorSettings {
  provider: ProviderName;
  /** As given: surrounding spaces are kept, so that the doctor can point at them. */
  clientID?: Sourced;
  clientSecret?: Sourced;
  /** `<BASE_URL>/auth/<provider>/callback`, or `--callback-url`. */
  callbackURL: Sourced;
  authorizationURL?: Sourced;
  tokenURL?: Sourced;
  /** Gofundo, MijnKlantportaal and AltDentifier. */
  userProfileURL?: Sourced;
  /** Petje.af only. */
  revocationURL?: Sourced;
  /** AltDentifier only: where the app sends the client credentials (the strategy's `clientAuth`). */
  clientAuth?: Sourced<'body' | 'basic'>;
  /** With `--access-token`: the profile is read as the strategy would. */
  accessToken?: string;
  /** The deadline of every request, connection and lookup, in ms. */
  timeoutMs: number;
}
