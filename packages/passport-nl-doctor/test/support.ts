import { randomBytes } from 'node:crypto';
import { main, type DoctorReport, type ProviderName } from 'passport-nl-doctor';
import { startSandbox, type Sandbox, type SandboxOptions, type SandboxProvider } from 'passport-nl-sandbox';

/** The app's public origin in the tests; each provider has `<APP_ORIGIN>/auth/<provider>/callback` registered. */
export const APP_ORIGIN = 'https://app.example.com';

/** Variable prefixes, as the demo reads them. */
export const PREFIX: Record<ProviderName, string> = {
  petjeaf: 'PETJEAF',
  gofundo: 'GOFUNDO',
  mijnklantportaal: 'MIJNKLANTPORTAAL',
  altdentifier: 'ALTDENTIFIER',
};
export const PROVIDERS: ProviderName[] = ['petjeaf', 'gofundo', 'mijnklantportaal', 'altdentifier'];

/** Every output the doctor wrote in this file, and the secrets it was given: checked at the end. */
export const written: string[] = [];
export const secretsGiven = new Set<string>();

/** A secret of random characters, so that any part of it found in an output is a leak. */
export function randomSecret(): string {
  return `s-${randomBytes(18).toString('base64url')}`;
}

/**
 * A sandbox whose clients have random secrets and exactly `<APP_ORIGIN>/auth/<provider>/callback`
 * registered, started before the file's tests.
 */
export function useDoctorSandbox(options: SandboxOptions = {}): () => Sandbox {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    const clients = Object.fromEntries(
      PROVIDERS.map((name) => [
        name,
        {
          clientID: `app-${name}-${randomBytes(4).toString('hex')}`,
          clientSecret: randomSecret(),
          redirectURIs: [`${APP_ORIGIN}/auth/${name}/callback`],
        },
      ]),
    );
    sandbox = await startSandbox({ ...options, clients });
  });
  afterAll(async () => sandbox?.close());
  return () => {
    if (!sandbox) throw new Error('sandbox not started');
    return sandbox;
  };
}

/** The environment the demo would read for a provider on the sandbox: client, URLs, BASE_URL. */
export function envFor(
  provider: SandboxProvider,
  overrides: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  const prefix = PREFIX[provider.name];
  const env: Record<string, string | undefined> = {
    [`${prefix}_CLIENT_ID`]: provider.client.clientID,
    [`${prefix}_CLIENT_SECRET`]: provider.client.clientSecret,
    [`${prefix}_AUTHORIZATION_URL`]: provider.authorizationURL,
    [`${prefix}_TOKEN_URL`]: provider.tokenURL,
    BASE_URL: APP_ORIGIN,
  };
  if (provider.name !== 'petjeaf') env[`${prefix}_USER_PROFILE_URL`] = provider.userProfileURL;
  return { ...env, ...overrides };
}

/** What one doctor run gave: exit code, the report (from --json) and the table. */
export interface DoctorRun {
  code: number;
  report: DoctorReport;
  table: string;
  tableCode: number;
  /** The check of that name. */
  check(name: string): DoctorReport['checks'][number];
}

/** Runs the command twice, as a table and with --json, in-process, over real HTTP. */
export async function runDoctorCommand(
  provider: ProviderName,
  env: Record<string, string | undefined>,
  args: string[] = [],
): Promise<DoctorRun> {
  for (const [name, value] of Object.entries(env))
    if (name.endsWith('_CLIENT_SECRET') && value) secretsGiven.add(value);
  const capture = () => {
    const out: string[] = [];
    return { out, output: { stdout: (text: string) => out.push(text), stderr: (text: string) => out.push(text) } };
  };
  const json = capture();
  const code = await main([provider, ...args, '--json'], env, json.output);
  const table = capture();
  const tableCode = await main([provider, ...args], env, table.output);
  written.push(json.out.join(''), table.out.join(''));
  const report = JSON.parse(json.out.join('')) as DoctorReport;
  return {
    code,
    report,
    table: table.out.join(''),
    tableCode,
    check(name) {
      const found = report.checks.find((check) => check.name === name);
      if (!found) throw new Error(`no check named ${name} in ${report.checks.map((check) => check.name).join(', ')}`);
      return found;
    },
  };
}

/** The names of the checks that failed. */
export function failed(run: DoctorRun): string[] {
  return run.report.checks.filter((check) => check.ok === false).map((check) => check.name);
}

/**
 * A jest `describe` that checks every output written so far in the file: no secret given,
 * nor any 6 characters of one, nor its Base64; no token or code text of the sandbox.
 */
export function neverPrintsSecretsSuite(extra: () => string[] = () => []): void {
  describe('never prints the secret, a code or a token, in any form', () => {
    it('in any output of this file (table and --json)', () => {
      expect(written.length).toBeGreaterThan(0);
      const all = written.join('\n');
      for (const secret of [...secretsGiven, ...extra()]) {
        for (let i = 0; i + 6 <= secret.length; i++) expect(all).not.toContain(secret.slice(i, i + 6));
        expect(all).not.toContain(Buffer.from(secret).toString('base64').slice(0, 12));
      }
      // The sandbox's opaque tokens (the client_credentials grant's) and the doctor's made-up code.
      expect(all).not.toMatch(/\b(at|rt)_[A-Za-z0-9_-]{8,}/);
      expect(all).not.toContain('not-a-code');
    });
  });
}
