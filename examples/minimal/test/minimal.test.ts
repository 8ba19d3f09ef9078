import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, loginThroughMinimalApp, startProcess, type StartedProcess } from '@internal/test-support';
import { startSandbox, strategyOptions, type Sandbox } from 'passport-nl-sandbox';

const EXAMPLE_DIR = join(__dirname, '..');
const APP = readFileSync(join(EXAMPLE_DIR, 'app.js'), 'utf8');

jest.setTimeout(60_000);

describe('the root README\'s "Using a strategy" shows examples/minimal/app.js', () => {
  it('verbatim', () => {
    const readme = readFileSync(join(EXAMPLE_DIR, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Using a strategy'), readme.indexOf('## The demo'));
    expect(section).toContain('```js\n' + APP + '```');
  });

  it('is about 30 lines, with sessions and a real login (passport.authenticate with its default session)', () => {
    expect(APP.trim().split('\n').length).toBeLessThanOrEqual(35);
    expect(APP).toContain('app.use(session({ secret: env.SESSION_SECRET');
    expect(APP).not.toContain('session: false');
  });
});

describe('examples/minimal runs as written against the sandbox', () => {
  let sandbox: Sandbox;
  let app: StartedProcess | undefined;

  beforeAll(async () => {
    // The app runs as `node --env-file=sandbox.env app.js` does, on the built packages (npm run build).
    if (!existsSync(join(EXAMPLE_DIR, '../../packages/passport-gofundo/dist/index.cjs')))
      throw new Error('passport-gofundo is not built: run npm run build first');
    sandbox = await startSandbox();
    const port = await freePort();
    const options = strategyOptions(sandbox.providers.gofundo);
    app = await startProcess(process.execPath, ['--env-file=sandbox.env', 'app.js'], {
      cwd: EXAMPLE_DIR,
      // Variables already set win over sandbox.env: a free port and this sandbox's ports.
      env: {
        ...process.env,
        PORT: String(port),
        BASE_URL: `http://localhost:${port}`,
        GOFUNDO_AUTHORIZATION_URL: options.authorizationURL,
        GOFUNDO_TOKEN_URL: options.tokenURL,
        GOFUNDO_USER_PROFILE_URL: options.userProfileURL,
      },
      readyLine: /^Open http:\/\/localhost:\d+$/,
    });
  });

  afterAll(async () => {
    await app?.stop();
    await sandbox?.close();
  });

  it('logs in as the chosen seeded user with a cookie-keeping client; without the cookie, nobody is logged in', async () => {
    const baseURL = (app as StartedProcess).readyLine.replace('Open ', '');
    const { home, homeWithoutCookie } = await loginThroughMinimalApp(baseURL, '1187');
    expect(JSON.parse(home)).toEqual({ id: '1187', name: 'Jürgen Müller' });
    expect(homeWithoutCookie).toBe('<a href="/auth/gofundo">Log in</a>');
  });
});
