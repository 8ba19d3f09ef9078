import { existsSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import {
  PROVIDER_NAMES,
  startSandbox,
  strategyOptions,
  submitDecision,
  type ProviderName,
  type Sandbox,
} from 'passport-nl-sandbox';
import { freePort, startProcess, type StartedProcess } from './started-process';

/** One of the four providers, as the framework examples route them (`/auth/<provider>`). */
export type ExampleProvider = ProviderName;

/** A framework example app running against a sandbox, as `node --env-file=sandbox.env app.js` runs it. */
export interface RunningExample {
  baseURL: string;
  sandbox: Sandbox;
  app: StartedProcess;
  /** Stops the app and the sandbox. */
  close(): Promise<void>;
}

/**
 * Starts a sandbox and the example in `dir` (`app.js` with its `sandbox.env`), on a free port,
 * the sandbox's URLs and `env` set over `sandbox.env`. The strategies must be built (npm run build).
 */
export async function runExample(dir: string, env: NodeJS.ProcessEnv = {}): Promise<RunningExample> {
  for (const name of PROVIDER_NAMES) {
    if (!existsSync(join(dir, `../../packages/passport-${name}/dist/index.cjs`)))
      throw new Error(`passport-${name} is not built: run npm run build first`);
  }
  const sandbox = await startSandbox();
  const port = await freePort();
  const urls: NodeJS.ProcessEnv = {};
  for (const name of PROVIDER_NAMES) {
    const options = strategyOptions(sandbox.providers[name]);
    const prefix = name.toUpperCase();
    urls[`${prefix}_AUTHORIZATION_URL`] = options.authorizationURL;
    urls[`${prefix}_TOKEN_URL`] = options.tokenURL;
    if (options.userProfileURL) urls[`${prefix}_USER_PROFILE_URL`] = options.userProfileURL;
  }
  try {
    const app = await startProcess(process.execPath, ['--env-file=sandbox.env', 'app.js'], {
      cwd: dir,
      env: { ...process.env, PORT: String(port), BASE_URL: `http://localhost:${port}`, ...urls, ...env },
      readyLine: /^Open http:\/\/localhost:\d+$/,
    });
    const close = async () => {
      await app.stop();
      await sandbox.close();
    };
    return { baseURL: `http://localhost:${port}`, sandbox, app, close };
  } catch (err) {
    await sandbox.close();
    throw err;
  }
}

/** A browser with its cookie jar (supertest's agent), on one example app. */
export type Browser = ReturnType<typeof request.agent>;

/** How a login through an example ended: the callback's redirect and the home page after it. */
export interface ExampleLoginResult {
  callbackStatus: number;
  callbackLocation: string | undefined;
  /** `GET /` afterwards: the logged-in user as JSON, or the login links. */
  home: unknown;
}

/** `GET /auth/<provider>` in `browser`; resolves with the provider's authorize URL it redirected to. */
export async function startExampleLogin(browser: Browser, provider: ExampleProvider): Promise<string> {
  const res = await browser.get(`/auth/${provider}`);
  if (res.status !== 302)
    throw new Error(`GET /auth/${provider} answered ${res.status} instead of a redirect: ${res.text}`);
  return res.headers.location as string;
}

/** The sandbox's decision on an authorize URL, then the callback in `browser`, then the home page. */
export async function finishExampleLogin(
  browser: Browser,
  authorizeURL: string,
  decision: 'approve' | 'deny' = 'approve',
): Promise<ExampleLoginResult> {
  const back = await submitDecision(authorizeURL, { decision });
  const callback = await browser.get(back.pathname + back.search);
  const home = await browser.get('/');
  const body: unknown = /json/.test(String(home.headers['content-type'])) ? home.body : home.text;
  return { callbackStatus: callback.status, callbackLocation: callback.headers.location as string, home: body };
}
