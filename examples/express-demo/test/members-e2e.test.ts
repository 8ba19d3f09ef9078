import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { RunningDemo } from 'express-demo';
import { OTHER_PETJEAF_PAGE, SANDBOX_PETJEAF_PAGE, type Sandbox } from 'passport-nl-sandbox';
import { ARTIFACTS, startBrowserDemo, type BrowserDemo } from './browser-demo';
import { describeWithProgram } from './system-tools';

jest.setTimeout(60_000);

describeWithProgram('chromium', 'chromium')('Members only page in headless Chromium, with the seeded users', () => {
  let sandbox: Sandbox;
  let demo: RunningDemo;
  let context: BrowserContext;
  let env: BrowserDemo | undefined;

  beforeAll(async () => {
    env = await startBrowserDemo();
    ({ sandbox, demo } = env);
    context = await env.browser.newContext({ viewport: { width: 1100, height: 900 } });
  });

  afterAll(async () => {
    await context?.close();
    await env?.close();
  });

  /** Opens /members logged out, clicks "Log in with Petje.af", picks the user, approves; back on /members. */
  async function logInAsMember(page: Page, userIndex: number, name: string): Promise<void> {
    const user = sandbox.providers.petjeaf.users[userIndex];
    await page.goto(`${demo.url}/members`);
    await page.click('#members-login');
    await page.waitForURL((url) => url.origin === sandbox.providers.petjeaf.origin);
    expect(await page.textContent('#scopes')).toContain('memberships.read');
    await page.check(`input[name="user_id"][value="${user.id}"]`);
    await page.click('button[value="approve"]');
    await page.waitForURL(`${demo.url}/members`);
    await page.screenshot({ path: path.join(ARTIFACTS, `members-${name}.png`), fullPage: true });
  }

  async function logOut(page: Page): Promise<void> {
    await page.click('header button[type="submit"]');
    await page.waitForURL(`${demo.url}/`);
    await page.close();
  }

  it('a member of the sandbox page sees the page and their plan', async () => {
    const page = await context.newPage();
    await logInAsMember(page, 0, 'member');
    expect(await page.textContent('h1')).toBe('Members only');
    expect(await page.textContent('#member-plan')).toBe('Superfan');
    expect(await page.textContent('#member-page')).toBe(SANDBOX_PETJEAF_PAGE.name);
    await logOut(page);
  });

  it('a member of another page sees why not and a link to become a member', async () => {
    const page = await context.newPage();
    await logInAsMember(page, 1, 'other-page');
    expect(await page.textContent('#members-reason')).toBe(
      `You are a member of ${OTHER_PETJEAF_PAGE.name}, but not of our page.`,
    );
    expect(await page.getAttribute('#become-member', 'href')).toBe(SANDBOX_PETJEAF_PAGE.url);
    expect(await page.locator('#member-plan').count()).toBe(0);
    await logOut(page);
  });

  it('a user without memberships sees why not and a link to become a member', async () => {
    const page = await context.newPage();
    await logInAsMember(page, 2, 'non-member');
    expect(await page.textContent('#members-reason')).toBe('You are not a member of our page yet.');
    expect(await page.getAttribute('#become-member', 'href')).toBe(SANDBOX_PETJEAF_PAGE.url);
    await logOut(page);
  });
});
