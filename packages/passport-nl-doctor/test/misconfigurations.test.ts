import { freePort } from '@internal/test-support';
import {
  APP_ORIGIN,
  PREFIX,
  PROVIDERS,
  envFor,
  failed,
  neverPrintsSecretsSuite,
  runDoctorCommand,
  useDoctorSandbox,
} from './support';

const sandbox = useDoctorSandbox();
const AUTHORIZE = 'authorize endpoint: client id and callback';
const TOKEN = 'token endpoint: client credentials';

describe('the right configuration gives all ✓ and exit code 0', () => {
  it.each(PROVIDERS)('%s', async (name) => {
    const run = await runDoctorCommand(name, envFor(sandbox().providers[name]));
    expect(run.report.checks.filter((check) => check.ok !== true)).toEqual([]);
    expect(run.report.provider).toBe(name);
    expect([run.code, run.tableCode]).toEqual([0, 0]);
    expect(run.table).toMatch(/0 failed, 0 unknown, \d+ passed/);
    expect(run.table).not.toMatch(/✗|\?/);
  });
});

describe('a wrong secret: the token endpoint refuses the client, and the fix is to copy the secret again', () => {
  it.each(PROVIDERS)('%s', async (name) => {
    const run = await runDoctorCommand(
      name,
      envFor(sandbox().providers[name], { [`${PREFIX[name]}_CLIENT_SECRET`]: 'wrong-Secret-42x' }),
    );
    expect(run.code).toBe(1);
    expect(run.check(AUTHORIZE).ok).toBe(true);
    expect(run.check(TOKEN)).toMatchObject({ ok: false, detail: expect.stringContaining('so the secret is wrong') });
    expect(run.check(TOKEN).fix).toMatch(
      new RegExp(`^Copy the client secret again from .+ into ${PREFIX[name]}_CLIENT_SECRET\\.$`),
    );
    if (name === 'gofundo') expect(run.check('token endpoint: client_credentials grant').ok).toBe(false);
  });
});

describe('a client id with a trailing space: named, with the fix to remove it', () => {
  it.each(['gofundo', 'petjeaf'] as const)('%s', async (name) => {
    const provider = sandbox().providers[name];
    const variable = `${PREFIX[name]}_CLIENT_ID`;
    const run = await runDoctorCommand(name, envFor(provider, { [variable]: `${provider.client.clientID} ` }));
    expect(run.code).toBe(1);
    const fix = `Remove a trailing space from ${variable}.`;
    expect(run.check('client id')).toMatchObject({ ok: false, fix });
    expect(run.check(AUTHORIZE)).toMatchObject({ ok: false, fix });
    expect(run.check(TOKEN)).toMatchObject({ ok: false, fix });
  });
});

describe('a client of another Gofundo instance: both endpoints refuse it, fix: the client and URLs of one instance', () => {
  it('gofundo', async () => {
    const env = envFor(sandbox().providers.gofundo, {
      GOFUNDO_CLIENT_ID: 'client-of-another-instance',
      GOFUNDO_CLIENT_SECRET: 'its-Secret-9Tq',
    });
    const run = await runDoctorCommand('gofundo', env);
    expect(failed(run)).toEqual([AUTHORIZE, TOKEN, 'token endpoint: client_credentials grant']);
    expect(run.check(AUTHORIZE)).toMatchObject({
      detail: expect.stringContaining('the client id is wrong, or from another instance'),
      fix: expect.stringMatching(/^Set GOFUNDO_CLIENT_ID \(and the URLs\) to the client and instance shown in /),
    });
  });
});

describe('an unregistered callback: the authorize endpoint refuses it, and the fix is to register exactly it', () => {
  it.each(PROVIDERS)('%s', async (name) => {
    const callback = `${APP_ORIGIN}/auth/callback`;
    const run = await runDoctorCommand(name, envFor(sandbox().providers[name]), ['--callback-url', callback]);
    expect(run.code).toBe(1);
    expect(failed(run)).toEqual([AUTHORIZE]);
    expect(run.check(AUTHORIZE).fix).toMatch(new RegExp(`^Register exactly ${callback} as a redirect URI in `));
    // The token endpoint still accepts the client: a made-up code is refused, not the credentials.
    expect(run.check(TOKEN).ok).toBe(true);
  });

  it('Gofundo answers an unknown client and an unregistered callback alike: the token endpoint tells them apart', async () => {
    const run = await runDoctorCommand(
      'gofundo',
      envFor(sandbox().providers.gofundo, { BASE_URL: 'https://app.example.com:8443' }),
    );
    expect(run.check(AUTHORIZE).detail).toContain(
      'so it is the callback https://app.example.com:8443/auth/gofundo/callback that is not registered',
    );
  });
});

describe('a wrong user endpoint path: the endpoint answers 404, and the fix names its variable', () => {
  it.each(['gofundo', 'altdentifier', 'mijnklantportaal'] as const)('%s', async (name) => {
    const provider = sandbox().providers[name];
    const variable = `${PREFIX[name]}_USER_PROFILE_URL`;
    const run = await runDoctorCommand(name, envFor(provider, { [variable]: `${provider.origin}/api/users/me` }));
    expect(run.code).toBe(1);
    expect(failed(run)).toEqual(['user endpoint']);
    expect(run.check('user endpoint')).toMatchObject({
      detail: expect.stringContaining('404'),
      fix: expect.stringMatching(new RegExp(`^Set ${variable} to `)),
    });
  });
});

describe('an http URL to a non-loopback host: the strategy refuses it before any request, fix: use https', () => {
  it('provider URLs', async () => {
    const insecure = (path: string) => `http://gofundo.example${path}`;
    const run = await runDoctorCommand(
      'gofundo',
      envFor(sandbox().providers.gofundo, {
        GOFUNDO_AUTHORIZATION_URL: insecure('/oauth/authorize'),
        GOFUNDO_TOKEN_URL: insecure('/oauth/token'),
        GOFUNDO_USER_PROFILE_URL: insecure('/api/user'),
      }),
    );
    expect(run.code).toBe(1);
    expect(run.check('options')).toMatchObject({
      ok: false,
      fix: expect.stringMatching(
        /^Use an https:\/\/ URL for GOFUNDO_[A-Z_]+_URL: plain http is allowed only to localhost/,
      ),
    });
    // Nothing was sent there: every later check says it was not made.
    expect(
      run.report.checks.slice(4).every((check) => check.ok === null && check.detail.startsWith('not checked')),
    ).toBe(true);
  });

  it('the callback (BASE_URL)', async () => {
    const run = await runDoctorCommand(
      'petjeaf',
      envFor(sandbox().providers.petjeaf, { BASE_URL: 'http://app.example.com' }),
    );
    expect(run.check('callback URL')).toMatchObject({
      ok: false,
      fix: 'Serve your app over https and set BASE_URL to https://app.example.com.',
    });
  });
});

describe('an unreachable host: the step that failed is named, later requests are not made', () => {
  it('a closed local port: connection refused, fix: correct the host or port', async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const run = await runDoctorCommand(
      'altdentifier',
      envFor(sandbox().providers.altdentifier, {
        ALTDENTIFIER_AUTHORIZATION_URL: `${origin}/oauth2/authorize`,
        ALTDENTIFIER_TOKEN_URL: `${origin}/oauth2/token`,
        ALTDENTIFIER_USER_PROFILE_URL: `${origin}/api/v2/user/@me`,
      }),
    );
    expect(run.code).toBe(1);
    expect(run.check(`reach ${origin}`)).toMatchObject({
      ok: false,
      detail: expect.stringContaining(`TCP: connection refused, nothing listens on 127.0.0.1:${port}`),
      fix: expect.stringMatching(/^Correct the host or port in ALTDENTIFIER_AUTHORIZATION_URL/),
    });
    for (const name of ['user endpoint', AUTHORIZE, TOKEN])
      expect(run.check(name)).toMatchObject({ ok: null, detail: `not checked: ${origin} is unreachable (see above)` });
  });
});

neverPrintsSecretsSuite();
