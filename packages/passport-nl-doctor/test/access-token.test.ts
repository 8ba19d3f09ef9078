import { randomBytes } from 'node:crypto';
import type { SandboxProvider } from 'passport-nl-sandbox';
import { APP_ORIGIN, envFor, neverPrintsSecretsSuite, runDoctorCommand, useDoctorSandbox } from './support';

const TWO_HOURS_MS = 2 * 3600 * 1000;
let clockOffset = 0;
const sandbox = useDoctorSandbox({ clock: () => Date.now() + clockOffset });
const tokens: string[] = [];

/** A real access token of the sandbox's first user: approve in-process, then exchange the code over HTTP. */
async function accessToken(provider: SandboxProvider, scope: string): Promise<string> {
  const callback = `${APP_ORIGIN}/auth/${provider.name}/callback`;
  const authorize = new URL(provider.authorizationURL);
  const params = {
    client_id: provider.client.clientID,
    redirect_uri: callback,
    response_type: 'code',
    scope,
    state: 'st',
  };
  for (const [name, value] of Object.entries(params)) authorize.searchParams.set(name, value);
  const code = new URL(provider.decide(authorize)).searchParams.get('code') as string;
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: callback,
    client_id: provider.client.clientID,
    client_secret: provider.client.clientSecret,
  });
  const res = await fetch(provider.tokenURL, { method: 'POST', body, headers: { Accept: 'application/json' } });
  const token = ((await res.json()) as { access_token: string }).access_token;
  tokens.push(token);
  return token;
}

describe('--access-token: the profile as the strategy maps it, or the exact reason it fails', () => {
  it('Gofundo: the mapped profile from the user endpoint', async () => {
    const gofundo = sandbox().providers.gofundo;
    const run = await runDoctorCommand('gofundo', envFor(gofundo), ['--access-token', await accessToken(gofundo, '')]);
    expect(run.check('profile')).toMatchObject({
      ok: true,
      detail: expect.stringContaining(`id "${gofundo.users[0].id}", displayName "${gofundo.users[0].name}"`),
    });
    expect(run.code).toBe(0);
  });

  it('a token the provider refuses: the status and the fix to log in again', async () => {
    const madeUp = `tk-${randomBytes(16).toString('base64url')}`;
    tokens.push(madeUp);
    const run = await runDoctorCommand('altdentifier', envFor(sandbox().providers.altdentifier), [
      '--access-token',
      madeUp,
    ]);
    expect(run.check('profile')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('(status 401)'),
      fix: expect.stringMatching(/refuses this token: log in again/),
    });
    expect(run.code).toBe(1);
  });
});

describe("--access-token with Petje.af: the JWT's exp and iat against this machine's clock", () => {
  it('a fresh token: valid, and the profile from its claims', async () => {
    const petjeaf = sandbox().providers.petjeaf;
    const run = await runDoctorCommand('petjeaf', envFor(petjeaf), [
      '--access-token',
      await accessToken(petjeaf, 'profile.read'),
    ]);
    expect(run.check('access token clock')).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^valid until .+ \(\d+ s left by this machine's clock\), issued \d+ s ago$/),
    });
    expect(run.check('profile')).toMatchObject({
      ok: true,
      detail: expect.stringContaining(`id "${petjeaf.users[0].id}"`),
    });
  });

  it('a token issued by a provider whose clock is 2 hours behind ours: expired by our clock, fix: fresh token or NTP', async () => {
    const petjeaf = sandbox().providers.petjeaf;
    clockOffset = -TWO_HOURS_MS;
    const token = await accessToken(petjeaf, 'profile.read');
    clockOffset = 0;
    const run = await runDoctorCommand('petjeaf', envFor(petjeaf), ['--access-token', token]);
    expect(run.check('access token clock')).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^expired at .+, \d+ s ago by this machine's clock/),
      fix: expect.stringContaining('synchronise it (NTP)'),
    });
    expect(run.check('profile').ok).toBe(false);
  });

  it("a token issued in this machine's future: our clock is behind", async () => {
    const petjeaf = sandbox().providers.petjeaf;
    clockOffset = TWO_HOURS_MS;
    const token = await accessToken(petjeaf, 'profile.read');
    clockOffset = 0;
    const run = await runDoctorCommand('petjeaf', envFor(petjeaf), ['--access-token', token]);
    expect(run.check('access token clock')).toMatchObject({
      ok: false,
      detail: expect.stringContaining("in this machine's future"),
      fix: expect.stringContaining('Synchronise'),
    });
  });
});

describe('the command line', () => {
  it('an unknown provider or flag: the reason and the usage on stderr, exit code 1', async () => {
    for (const argv of [['github'], ['gofundo', '--secret', 'x'], ['gofundo', '--client-auth', 'basic']]) {
      const out: string[] = [];
      const { main } = await import('passport-nl-doctor');
      const code = await main(
        argv,
        {},
        { stdout: (text) => out.push(`out:${text}`), stderr: (text) => out.push(text) },
      );
      expect(code).toBe(1);
      expect(out.join('')).toMatch(
        /^passport-nl-doctor: .+\n\nUsage: passport-nl-doctor <petjeaf\|gofundo\|mijnklantportaal\|altdentifier>/,
      );
    }
  });
});

neverPrintsSecretsSuite(() => tokens);
