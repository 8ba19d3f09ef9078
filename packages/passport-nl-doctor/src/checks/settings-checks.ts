import type { CheckResult, DoctorSettings, Sourced } from '../types';
import { PROVIDERS } from '../providers';

/** Whether a host is loopback (`localhost`, `*.localhost`, 127.0.0.0/8, `::1`), where plain http stays on the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '::1';
}

/** What is around a value that should not be: `a trailing space`, `a leading line break`... */
export function outerWhitespace(value: string): string | undefined {
  const name = (char: string) => (char === ' ' ? 'space' : char === '\t' ? 'tab' : 'line break');
  if (/^\s/.test(value)) return `a leading ${name(value[0])}`;
  if (/\s$/.test(value)) return `a trailing ${name(value[value.length - 1])}`;
  return undefined;
}

/** The client id: set, without surrounding whitespace. */
export function clientIdCheck(settings: DoctorSettings): CheckResult {
  const { envPrefix, displayName, console } = PROVIDERS[settings.provider];
  return credentialCheck('client id', settings.clientID, `${envPrefix}_CLIENT_ID`, displayName, console, false);
}

/** The client secret: set, without surrounding whitespace; never shown, not even its length. */
export function clientSecretCheck(settings: DoctorSettings): CheckResult {
  const { envPrefix, displayName, console } = PROVIDERS[settings.provider];
  return credentialCheck(
    'client secret',
    settings.clientSecret,
    `${envPrefix}_CLIENT_SECRET`,
    displayName,
    console,
    true,
  );
}

function credentialCheck(
  name: string,
  setting: Sourced | undefined,
  variable: string,
  displayName: string,
  console: string,
  secret: boolean,
): CheckResult {
  if (!setting) {
    return {
      name,
      ok: false,
      detail: `not set (${variable} or --${name.replace(' ', '-')})`,
      fix: `Set ${variable} to your ${displayName} app's ${name}, from ${console}.`,
    };
  }
  const space = outerWhitespace(setting.value);
  const shown = secret ? 'set' : `"${setting.value}"`;
  if (space) {
    return {
      name,
      ok: false,
      detail: `${shown} from ${setting.source}, with ${space}: a strategy sends it as is (the demo trims it)`,
      fix: `Remove ${space} from ${setting.source}.`,
    };
  }
  return { name, ok: true, detail: `${shown} from ${setting.source}`, fix: null };
}

/** The callback URL: absolute http(s), https unless on loopback, no fragment. */
export function callbackCheck(settings: DoctorSettings): CheckResult {
  const { value, source } = settings.callbackURL;
  const name = 'callback URL';
  const where = `${value} (from ${source})`;
  if (!URL.canParse(value)) {
    return {
      name,
      ok: false,
      detail: `${where} is not an absolute URL`,
      fix: "Set BASE_URL to your app's public origin, e.g. https://app.example.com.",
    };
  }
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { name, ok: false, detail: `${where} is not http(s)`, fix: 'Set BASE_URL to an https:// origin.' };
  }
  if (url.hash) {
    return {
      name,
      ok: false,
      detail: `${where} has a fragment, which OAuth 2.0 forbids`,
      fix: `Remove the #fragment from ${source}.`,
    };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      name,
      ok: false,
      detail: `${where} is plain http on ${url.hostname}: the code would travel in clear, and providers register https callbacks`,
      fix: `Serve your app over https and set ${source.startsWith('--') ? source : 'BASE_URL'} to https://${url.host}.`,
    };
  }
  return {
    name,
    ok: true,
    detail: `${value} (from ${source}); register exactly this URL with the provider`,
    fix: null,
  };
}
