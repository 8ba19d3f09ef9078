import { envFor, neverPrintsSecretsSuite, runDoctorCommand, useDoctorSandbox } from './support';

const TOKEN = 'token endpoint: client credentials';

describe('AltDentifier credentials in the wrong place (the app expects Basic, the app sends the body)', () => {
  const sandbox = useDoctorSandbox({ providerSettings: { altdentifier: { clientAuth: 'basic' } } });

  it("is named, with the fix to send them as HTTP Basic (clientAuth: 'basic')", async () => {
    const run = await runDoctorCommand('altdentifier', envFor(sandbox().providers.altdentifier));
    expect(run.code).toBe(1);
    expect(run.check(TOKEN)).toMatchObject({
      ok: false,
      detail: expect.stringContaining('sent as HTTP Basic they are accepted'),
      fix: "Send the credentials as HTTP Basic: set clientAuth: 'basic' in the strategy options (--client-auth basic here).",
    });
  });

  it('with --client-auth basic, every check passes', async () => {
    const run = await runDoctorCommand('altdentifier', envFor(sandbox().providers.altdentifier), [
      '--client-auth',
      'basic',
    ]);
    expect(run.report.checks.filter((check) => check.ok !== true)).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('a wrong secret is refused both ways: the fix is the secret, not the place', async () => {
    const env = envFor(sandbox().providers.altdentifier, { ALTDENTIFIER_CLIENT_SECRET: 'wrong-Secret-42x' });
    const run = await runDoctorCommand('altdentifier', env);
    expect(run.check(TOKEN).detail).toContain('; as HTTP Basic too');
    expect(run.check(TOKEN).fix).toMatch(/^Copy the client secret again from .+ into ALTDENTIFIER_CLIENT_SECRET\.$/);
  });
});

neverPrintsSecretsSuite();
