import request from 'supertest';
import { PROVIDER_NAMES } from 'passport-nl-sandbox';
import {
  finishExampleLogin,
  runExample,
  startExampleLogin,
  type ExampleLoginResult,
  type RunningExample,
} from './framework-example';

/** Where an example sends the browser after a failed login. */
const FAILED = '/?login=failed';

/**
 * The checks every framework example passes against the sandbox, for each of the four
 * providers with their default options, in a browser with a cookie jar: a login; two tabs
 * finished in reverse order; two tabs started at the same moment; a denial at the provider.
 * `setup` names the framework setup, `env` is set over the example's `sandbox.env`.
 */
export function describeFrameworkExample(setup: string, dir: string, env: NodeJS.ProcessEnv = {}): void {
  describeFrameworkApp(setup, () => runExample(dir, env));
}

/** An app under test: where it answers, and how to stop it (and its sandbox). */
export type AppUnderTest = Pick<RunningExample, 'baseURL' | 'close'>;

/**
 * The checks of {@link describeFrameworkExample} on any app that routes `/auth/<provider>` and
 * its callback like the examples (`/` answers the user as JSON, a failure redirects to `/?login=failed`).
 */
export function describeFrameworkApp(setup: string, start: () => Promise<AppUnderTest>): void {
  describe(`${setup}: the four strategies with their default options log in`, () => {
    let running: AppUnderTest;
    beforeAll(async () => {
      running = await start();
    });
    afterAll(() => running?.close());

    const browser = () => request.agent(running.baseURL);
    const loggedIn = (provider: string) => ({
      callbackStatus: 302,
      callbackLocation: '/',
      home: expect.objectContaining({ provider }) as unknown,
    });

    for (const provider of PROVIDER_NAMES) {
      describe(provider, () => {
        it('logs in', async () => {
          const tab = browser();
          const result = await finishExampleLogin(tab, await startExampleLogin(tab, provider));
          expect(result).toEqual(loggedIn(provider));
        });

        it('two tabs finished in reverse order both log in', async () => {
          const tab = browser();
          const first = await startExampleLogin(tab, provider);
          const second = await startExampleLogin(tab, provider);
          expect(await finishExampleLogin(tab, second)).toEqual(loggedIn(provider));
          expect(await finishExampleLogin(tab, first)).toEqual(loggedIn(provider));
        });

        it('two tabs started at the same moment both log in', async () => {
          const tab = browser();
          const [first, second] = await Promise.all([
            startExampleLogin(tab, provider),
            startExampleLogin(tab, provider),
          ]);
          expect(await finishExampleLogin(tab, first)).toEqual(loggedIn(provider));
          expect(await finishExampleLogin(tab, second)).toEqual(loggedIn(provider));
        });

        it('a denial at the provider is a failed login, nobody logged in', async () => {
          const tab = browser();
          const result: ExampleLoginResult = await finishExampleLogin(
            tab,
            await startExampleLogin(tab, provider),
            'deny',
          );
          expect(result.callbackStatus).toBe(302);
          expect(result.callbackLocation).toBe(FAILED);
          expect(result.home).toEqual(expect.stringContaining(`href="/auth/${provider}"`));
        });
      });
    }
  });
}
