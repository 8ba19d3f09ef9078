import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { RunningDemo } from 'express-demo';
import { PROVIDER_NAMES, type ProviderName, type Sandbox } from 'passport-nl-sandbox';
import { ARTIFACTS, startBrowserDemo, type BrowserDemo } from './browser-demo';
import { describeWithProgram } from './system-tools';

/** A phone (iPhone SE / 8 size) and a desktop window. */
const VIEWPORTS = [
  { name: 'phone', width: 375, height: 667 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

jest.setTimeout(90_000);

describeWithProgram('chromium', 'chromium')('every demo and sandbox page fits a 375 px phone and a desktop', () => {
  let sandbox: Sandbox;
  let demo: RunningDemo;
  let context: BrowserContext;
  let env: BrowserDemo | undefined;

  beforeAll(async () => {
    env = await startBrowserDemo();
    ({ sandbox, demo } = env);
    context = await env.browser.newContext();
  });

  afterAll(async () => {
    await context?.close();
    await env?.close();
  });

  /** Fails when the page scrolls sideways or content runs out of its box; saves a full-page screenshot either way. */
  async function checkFits(page: Page, viewport: (typeof VIEWPORTS)[number], name: string): Promise<void> {
    await page.screenshot({ path: path.join(ARTIFACTS, `layout-${viewport.name}-${name}.png`), fullPage: true });
    // A string, evaluated in the page: the tests are compiled without the DOM's types.
    const widths = (await page.evaluate(
      `({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
          overflowing: [...document.querySelectorAll('main, .card')].filter((box) => box.scrollWidth > box.clientWidth).length })`,
    )) as { scroll: number; client: number; overflowing: number };
    expect({ page: name, scrollWidth: widths.scroll }).toEqual({ page: name, scrollWidth: viewport.width });
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    // Nothing runs out of its card either (a long heading or id), even where the page itself does not scroll.
    expect({ page: name, overflowingBoxes: widths.overflowing }).toEqual({ page: name, overflowingBoxes: 0 });
  }

  /** Fails when a "sandbox" tag breaks over two lines ("sandb / ox" at 1280 px, issue 23 item 6). */
  async function checkTagsWhole(page: Page, where: string): Promise<void> {
    const tags = (await page.evaluate(
      `[...document.querySelectorAll('.tag')].map((tag) => ({ text: tag.textContent, lines: tag.getClientRects().length }))`,
    )) as Array<{ text: string; lines: number }>;
    expect(tags.length).toBeGreaterThan(0);
    expect({ where, tags }).toEqual({
      where,
      tags: tags.map(({ text }) => ({ text, lines: 1 })),
    });
  }

  async function openAuthorizePage(page: Page, name: ProviderName): Promise<void> {
    await page.goto(demo.url);
    await page.click(`#login-${name}`);
    await page.waitForURL((url) => url.origin === sandbox.providers[name].origin);
  }

  describe.each(VIEWPORTS)('$name ($width × $height)', (viewport) => {
    let page: Page;
    beforeEach(async () => {
      page = await context.newPage();
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
    });
    afterEach(async () => {
      await context.clearCookies();
      await page.close();
    });

    it('demo home, logged out and logged in, and the profile page', async () => {
      await page.goto(demo.url);
      await checkFits(page, viewport, 'demo-home');
      await checkTagsWhole(page, viewport.name);
      for (const width of viewport.name === 'desktop' ? [1024, 1180, 1280, 1366, 1440] : []) {
        await page.setViewportSize({ width, height: viewport.height });
        await checkTagsWhole(page, `${width} px`);
      }
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await openAuthorizePage(page, 'petjeaf');
      await page.click('button[value="approve"]');
      await page.waitForURL(`${demo.url}/profile`);
      await checkFits(page, viewport, 'demo-profile-petjeaf');
      await page.goto(demo.url);
      await checkFits(page, viewport, 'demo-home-logged-in');
    });

    it('the profile page of every provider', async () => {
      for (const name of PROVIDER_NAMES.filter((provider) => provider !== 'petjeaf')) {
        await openAuthorizePage(page, name);
        await page.check(`input[name="user_id"][value="${sandbox.providers[name].users[2].id}"]`);
        await page.click('button[value="approve"]');
        await page.waitForURL(`${demo.url}/profile`);
        await checkFits(page, viewport, `demo-profile-${name}`);
      }
    });

    it('the failed-login page and the 404 page', async () => {
      await openAuthorizePage(page, 'mijnklantportaal');
      await page.click('button[value="deny"]');
      await page.waitForURL((url) => url.pathname === '/auth/mijnklantportaal/callback');
      await checkFits(page, viewport, 'demo-failure');
      const notFound = await page.goto(`${demo.url}/no-such-page/with/a/rather/long/path/that/must/wrap/somewhere`);
      expect(notFound?.status()).toBe(404);
      await checkFits(page, viewport, 'demo-404');
    });

    it("every provider's authorize page, the sandbox's error page and its 404", async () => {
      for (const name of PROVIDER_NAMES) {
        await openAuthorizePage(page, name);
        await checkFits(page, viewport, `sandbox-authorize-${name}`);
      }
      const { mijnklantportaal } = sandbox.providers;
      await page.goto(
        `${mijnklantportaal.authorizationURL}?client_id=sandbox-mijnklantportaal-client&redirect_uri=https://evil.example/`,
      );
      expect(await page.textContent('h1')).toBe('Invalid redirect URI');
      await checkFits(page, viewport, 'sandbox-error');
      const notFound = await page.goto(`${mijnklantportaal.origin}/no-such-page`);
      expect(notFound?.status()).toBe(404);
      await checkFits(page, viewport, 'sandbox-404');
    });
  });

  it('the demo and every sandbox origin serve a favicon', async () => {
    const page = await context.newPage();
    for (const origin of [demo.url, ...Object.values(sandbox.providers).map((provider) => provider.origin)]) {
      const icon = await page.goto(`${origin}/favicon.ico`);
      expect({ origin, status: icon?.status(), type: icon?.headers()['content-type'] }).toEqual({
        origin,
        status: 200,
        type: expect.stringMatching(/^image\/svg\+xml/),
      });
    }
    await page.close();
  });
});
