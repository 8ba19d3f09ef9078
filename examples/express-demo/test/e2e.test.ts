import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningDemo } from 'express-demo';
import { PROVIDER_NAMES, type ProviderName, type Sandbox } from 'passport-nl-sandbox';
import { ARTIFACTS, startBrowserDemo, type BrowserDemo } from './browser-demo';
import { describeLoginsAsPeopleUseABrowser } from './e2e-browser-habits';
import { describeWithProgram } from './system-tools';

jest.setTimeout(60_000);

describeWithProgram('chromium', 'chromium')('end to end in headless Chromium', () => {
  let sandbox: Sandbox;
  let demo: RunningDemo;
  let browser: Browser;
  let context: BrowserContext;

  let env: BrowserDemo | undefined;

  beforeAll(async () => {
    env = await startBrowserDemo();
    ({ sandbox, demo, browser } = env);
    context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  });

  afterAll(async () => {
    await context?.close();
    await env?.close();
  });

  const shot = (page: Page, name: string) => (env as BrowserDemo).shot(page, name);

  async function openAuthorizePage(page: Page, name: ProviderName): Promise<void> {
    await page.goto(demo.url);
    await page.click(`#login-${name}`);
    await page.waitForURL((url) => url.origin === sandbox.providers[name].origin);
  }

  it.each(PROVIDER_NAMES)('%s: log in as a chosen user, see their name and id, log out', async (name) => {
    const page = await context.newPage();
    const user = sandbox.providers[name].users[1];
    await openAuthorizePage(page, name);
    await page.check(`input[name="user_id"][value="${user.id}"]`);
    await shot(page, `${name}-1-authorize`);
    await page.click('button[value="approve"]');
    await page.waitForURL(`${demo.url}/profile`);
    const expectedName = name === 'altdentifier' ? `${user.username}#${user.discriminator}` : user.name;
    expect(await page.textContent('#display-name')).toBe(expectedName);
    expect(await page.textContent('#user-id')).toBe(user.id);
    await shot(page, `${name}-2-profile`);

    await page.click('header button[type="submit"]');
    await page.waitForURL(`${demo.url}/`);
    await page.goto(`${demo.url}/profile`);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator(`#login-${name}`).isVisible()).toBe(true);
    await page.close();
  });

  it('Deny shows the failed-login page with the provider message', async () => {
    const page = await context.newPage();
    await openAuthorizePage(page, 'petjeaf');
    await page.click('button[value="deny"]');
    await page.waitForURL((url) => url.pathname === '/auth/petjeaf/callback');
    expect(await page.textContent('h1')).toBe('Login with Petje.af failed');
    expect(await page.textContent('#error-message')).toBe('The user denied the request');
    await shot(page, 'petjeaf-denied');
    await page.close();
  });

  it('the Refresh token button shows the new expiry', async () => {
    const page = await context.newPage();
    await openAuthorizePage(page, 'gofundo');
    await page.click('button[value="approve"]');
    await page.waitForURL(`${demo.url}/profile`);
    await page.click('#refresh');
    await page.waitForURL(`${demo.url}/profile`);
    expect(await page.textContent('#notice')).toMatch(/^Token refreshed; it now expires at \d{4}-/);
    await page.click('header button[type="submit"]');
    await page.waitForURL(`${demo.url}/`);
    await page.close();
  });

  describeLoginsAsPeopleUseABrowser(() => ({ browser, demo, sandbox }), ARTIFACTS);
});
