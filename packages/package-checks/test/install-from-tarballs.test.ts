import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, loginThroughMinimalApp, startProcess, type StartedProcess } from '@internal/test-support';
import { describeFootprint, installFootprint } from '../src/footprint';
import { isolatedNpmEnv, npm } from '../src/npm';
import { packAlone } from '../src/pack-lock';
import { REPO_ROOT } from '../src/paths';

// Packing and two installs (a cold npm cache fetches express and passport from the registry).
jest.setTimeout(240_000);

const MINIMAL = join(REPO_ROOT, 'examples/minimal');
/** What the README's install steps add next to the tarballs: what examples/minimal requires. */
const APP_PACKAGES = ['express@^5', 'express-session@^1', 'passport@^0.7'];

/** The `npm install …` lines `npm run tarballs` prints, as argument lists. */
function installCommands(stdout: string): string[][] {
  return stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('npm install '))
    .map((line) => line.slice('npm install '.length).split(' '));
}

describe('the README install story: a strategy from packed tarballs in an app outside the repository', () => {
  let workDir: string;
  let sandbox: StartedProcess | undefined;
  let app: StartedProcess | undefined;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'passport-nl-install-'));
  });

  afterAll(async () => {
    await app?.stop();
    await sandbox?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('are the steps the README gives', async () => {
    const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
    const install = readme.slice(readme.indexOf('## Install'), readme.indexOf('## Which provider gives what'));
    expect(install).toContain('npm run tarballs -- gofundo');
    expect(install).toMatch(
      /npm install express express-session passport \S+passport-provider-kit-0\.1\.0\.tgz \S+passport-gofundo-0\.1\.0\.tgz\n/,
    );
    expect(install).toMatch(/npm install --save-dev \S+passport-nl-sandbox-0\.1\.0\.tgz\n/);
  });

  it('npm run tarballs -- gofundo; npm install as printed; examples/minimal logs in against npx passport-nl-sandbox', async () => {
    const { stdout } = await packAlone(() =>
      npm(['run', '--silent', 'tarballs', '--', 'gofundo', '--out', join(workDir, 'tarballs')], REPO_ROOT),
    );
    const [runtime, dev] = installCommands(stdout);
    expect(runtime.map((file) => file.split('/').pop())).toEqual([
      'passport-provider-kit-0.1.0.tgz',
      'passport-gofundo-0.1.0.tgz',
    ]);
    expect(dev).toEqual(['--save-dev', expect.stringMatching(/passport-nl-sandbox-0\.1\.0\.tgz$/)]);

    // The install footprint of the strategy alone (the kit and gofundo), printed for the record.
    const aloneDir = join(workDir, 'footprint');
    await mkdir(aloneDir);
    await npm(['init', '-y'], aloneDir);
    await npm(['install', ...runtime, '--no-audit', '--no-fund', '--prefer-offline'], aloneDir);
    const footprint = await installFootprint(aloneDir);
    console.log(describeFootprint('npm install passport-provider-kit passport-gofundo', footprint));
    // The kit's own dependencies pin nothing to `*` (an @types/node "*" follows whatever is latest).
    const kit = JSON.parse(await readFile(join(REPO_ROOT, 'packages/passport-provider-kit/package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.entries(kit.dependencies).filter(([, range]) => range === '*')).toEqual([]);

    const appDir = join(workDir, 'my-app');
    await mkdir(appDir);
    await npm(['init', '-y'], appDir);
    const quiet = ['--no-audit', '--no-fund', '--prefer-offline'];
    await npm(['install', ...APP_PACKAGES, ...runtime, ...quiet], appDir);
    await npm(['install', ...dev, ...quiet], appDir);
    await copyFile(join(MINIMAL, 'app.js'), join(appDir, 'app.js'));
    await copyFile(join(MINIMAL, 'sandbox.env'), join(appDir, 'sandbox.env'));

    // The sandbox through its CLI, on free ports; --json prints the strategy options.
    sandbox = await startProcess('npx', ['--no-install', 'passport-nl-sandbox', '--port', '0', '--json'], {
      cwd: appDir,
      env: isolatedNpmEnv(),
      readyLine: /^\{/,
    });
    const gofundo = (JSON.parse(sandbox.readyLine) as Record<string, { options: Record<string, string> }>).gofundo
      .options;
    expect(gofundo).toMatchObject({ clientID: 'sandbox-gofundo-client', clientSecret: 'sandbox-gofundo-secret' });

    const port = await freePort();
    app = await startProcess(process.execPath, ['--env-file=sandbox.env', 'app.js'], {
      cwd: appDir,
      env: {
        ...isolatedNpmEnv(),
        PORT: String(port),
        BASE_URL: `http://localhost:${port}`,
        GOFUNDO_AUTHORIZATION_URL: gofundo.authorizationURL,
        GOFUNDO_TOKEN_URL: gofundo.tokenURL,
        GOFUNDO_USER_PROFILE_URL: gofundo.userProfileURL,
      },
      readyLine: /^Open /,
    });
    const { home, homeWithoutCookie } = await loginThroughMinimalApp(`http://localhost:${port}`, '1043');
    expect(JSON.parse(home)).toEqual({ id: '1043', name: 'Zoë Ångström' });
    expect(homeWithoutCookie).toBe('<a href="/auth/gofundo">Log in</a>');
  });
});
