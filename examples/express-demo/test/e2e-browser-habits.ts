import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningDemo } from 'express-demo';
import { PROVIDER_NAMES, type ProviderName, type Sandbox } from 'passport-nl-sandbox';

/** What the scenarios need from the e2e file's set-up. */
export interface BrowserHabitsSetup {
  browser: Browser;
  demo: RunningDemo;
  sandbox: Sandbox;
}

/** How many scenarios run at once (each in its own browser context). */
const PARALLEL = 4;

/**
 * Logins as people use a browser, for every provider: several tabs finished in any order,
 * Back + Approve, a reloaded callback, a login started on 127.0.0.1 instead of BASE_URL's
 * host, Deny then "Try again". Each must end logged in without a failure page. Every
 * scenario has its own browser context (cookie jar) in the one browser, several at a time,
 * and leaves a screenshot of its outcome in `artifacts`.
 */
export function describeLoginsAsPeopleUseABrowser(setup: () => BrowserHabitsSetup, artifacts: string): void {
  const PAIRS = PROVIDER_NAMES.flatMap((a, i) => PROVIDER_NAMES.slice(i + 1).map((b) => [a, b] as const));

  /** Runs `scenario` for each item in its own context, PARALLEL at a time. */
  async function inContexts<T>(items: readonly T[], scenario: (context: BrowserContext, item: T) => Promise<void>) {
    const queue = [...items];
    const worker = async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
        const context = await setup().browser.newContext({ viewport: { width: 1000, height: 800 } });
        try {
          await scenario(context, item);
        } finally {
          await context.close();
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
  }

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });

  const userOf = (name: ProviderName, index: number) => setup().sandbox.providers[name].users[index];
  const displayName = (name: ProviderName, index: number) => {
    const user = userOf(name, index);
    return name === 'altdentifier' ? `${user.username}#${user.discriminator}` : user.name;
  };

  /** Opens the demo's home page in a new tab and clicks "Log in with <name>", up to the sandbox's authorize page. */
  async function startLogin(context: BrowserContext, name: ProviderName, origin = setup().demo.url): Promise<Page> {
    const page = await context.newPage();
    await page.goto(origin);
    await page.click(`#login-${name}`);
    await page.waitForURL((url) => url.origin === setup().sandbox.providers[name].origin);
    return page;
  }

  /** Chooses user `index` and approves; expects the profile page of that user, not a failure page. */
  async function approve(page: Page, name: ProviderName, index: number): Promise<void> {
    await page.check(`input[name="user_id"][value="${userOf(name, index).id}"]`);
    await page.click('button[value="approve"]');
    await page.waitForURL((url) => url.origin === setup().demo.url && url.pathname !== `/auth/${name}/callback`);
    await expectLoggedIn(page, name, index);
  }

  async function expectLoggedIn(page: Page, name: ProviderName, index: number): Promise<void> {
    expect(new URL(page.url()).pathname).toBe('/profile');
    expect(await page.locator('h1', { hasText: 'failed' }).count()).toBe(0);
    expect(await page.textContent('#display-name')).toBe(displayName(name, index));
  }

  describe('logins as people use a browser: each ends logged in, with no failure page', () => {
    // Twelve two-tab scenarios run in one test; on a loaded 2-core machine that can pass a minute.
    jest.setTimeout(240_000);
    it('two tabs of every pair of providers, finished in the same and in the reverse order', async () => {
      const cases = PAIRS.flatMap(([a, b]) => [
        { a, b, order: 'same' as const },
        { a, b, order: 'reverse' as const },
      ]);
      await inContexts(cases, async (context, { a, b, order }) => {
        const tabA = await startLogin(context, a);
        const tabB = await startLogin(context, b);
        const finished =
          order === 'same'
            ? ([
                [tabA, a],
                [tabB, b],
              ] as const)
            : ([
                [tabB, b],
                [tabA, a],
              ] as const);
        for (const [tab, name] of finished) await approve(tab, name, 1);
        await shot(finished[1][0], `two-tabs-${a}-${b}-${order}`);
      });
    });

    it('three tabs of one provider, finished out of order (2, 3, 1)', async () => {
      await inContexts(PROVIDER_NAMES, async (context, name) => {
        const tabs = [
          await startLogin(context, name),
          await startLogin(context, name),
          await startLogin(context, name),
        ];
        for (const index of [1, 2, 0]) await approve(tabs[index], name, index);
        await shot(tabs[0], `three-tabs-${name}`);
      });
    });

    it('Back to the authorize page after logging in, then Approve again: a notice, still logged in', async () => {
      await inContexts(PROVIDER_NAMES, async (context, name) => {
        const page = await startLogin(context, name);
        await approve(page, name, 1);
        await page.goBack();
        await page.waitForURL((url) => url.origin === setup().sandbox.providers[name].origin);
        await page.click('button[value="approve"]');
        await page.waitForURL(`${setup().demo.url}/profile`);
        await expectLoggedIn(page, name, 1);
        expect(await page.textContent('#notice')).toMatch(/^That login link was already used — you are logged in as /);
        await shot(page, `back-approve-${name}`);
      });
    });

    it('reloading the callback after logging in: a notice, still logged in', async () => {
      await inContexts(PROVIDER_NAMES, async (context, name) => {
        const page = await startLogin(context, name);
        const callback = page.waitForRequest((request) => request.url().includes(`/auth/${name}/callback?`));
        await approve(page, name, 1);
        await page.goto((await callback).url());
        await expectLoggedIn(page, name, 1);
        expect(await page.textContent('#notice')).toContain('That login link was already used');
        await shot(page, `reload-callback-${name}`);
      });
    });

    it('the whole login started on 127.0.0.1 instead of localhost', async () => {
      await inContexts(PROVIDER_NAMES, async (context, name) => {
        const port = new URL(setup().demo.url).port;
        const page = await startLogin(context, name, `http://127.0.0.1:${port}/`);
        await approve(page, name, 1);
        await shot(page, `started-on-127.0.0.1-${name}`);
      });
    });

    it('Deny, then "Try again" from the failure page', async () => {
      await inContexts(PROVIDER_NAMES, async (context, name) => {
        const page = await startLogin(context, name);
        await page.click('button[value="deny"]');
        await page.waitForURL((url) => url.pathname === `/auth/${name}/callback`);
        expect(await page.textContent('#what-happened')).toContain('cancelled or refused');
        await shot(page, `deny-${name}-1-failure`);
        await page.click('#try-again');
        await page.waitForURL((url) => url.origin === setup().sandbox.providers[name].origin);
        await approve(page, name, 1);
        await shot(page, `deny-${name}-2-logged-in`);
      });
    });
  });
}
