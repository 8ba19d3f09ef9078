import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import request from 'supertest';
import { integrationURL } from 'passport-altdentifier';
import { authorizeURL, useSandbox } from './support';

/**
 * "You can prompt users to add your integration with the following link format:
 * https://altdentifier.com/oauth2/authorize?client_id=yourclientid&scope=write:integrations";
 * `redirect_uri` is "Optional if using the simplified integration flow" and `response_type`
 * is "left out if using our simplified integration flow". https://docs.altdentifier.dev/api/oauth2-api
 */
const { sandbox } = useSandbox();
const alt = () => sandbox().providers.altdentifier;
const link = (guildId?: string) => integrationURL(alt().client.clientID, { baseURL: alt().origin, guildId });

/** The hidden fields of the authorize page's form. */
function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    fields[match[1]] = match[2];
  return fields;
}

describe('AltDentifier simplified integration link (no redirect_uri, no response_type): accepted as documented', () => {
  it("shows the authorize page for integrationURL()'s link, with write:integrations and the guild carried", async () => {
    const url = new URL(link('372024042980638721'));
    const res = await request(alt().origin).get(url.pathname + url.search);
    expect(res.status).toBe(200);
    expect(res.text).toContain('write:integrations');
    expect(hiddenFields(res.text)).toEqual({
      client_id: alt().client.clientID,
      scope: 'write:integrations',
      guild_id: '372024042980638721',
    });
  });

  it('Approve ends on an "Integration added" page (no redirect, no code)', async () => {
    const url = new URL(link('372024042980638721'));
    const res = await request(alt().origin)
      .post(url.pathname)
      .type('form')
      .send({ ...Object.fromEntries(url.searchParams), user_id: alt().users[0].id, decision: 'approve' });
    expect(res.status).toBe(200);
    expect(res.headers.location).toBeUndefined();
    expect(res.text).toContain('Integration added');
    expect(res.text).toContain('to the server 372024042980638721');
  });

  it('Deny ends on an "Integration not added" page', async () => {
    const url = new URL(link());
    const res = await request(alt().origin)
      .post(url.pathname)
      .type('form')
      .send({ ...Object.fromEntries(url.searchParams), user_id: alt().users[0].id, decision: 'deny' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Integration not added');
  });

  it('provider.decide() (in-process, for scripts) says the flow ends on a page instead of returning a redirect', () => {
    expect(() => alt().decide(link())).toThrow(
      'AltDentifier sandbox ended the flow on a page (Integration added): there is no redirect',
    );
  });

  it('still requires redirect_uri for any other scope (the full flow)', async () => {
    const url = authorizeURL(alt(), { redirect_uri: undefined, response_type: undefined, scope: 'read:user' });
    const res = await request(alt().origin).get(url.pathname + url.search);
    expect(res.status).toBe(400);
    expect(res.text).toContain('redirect_uri is required');
  });

  it('still requires response_type=code when redirect_uri is given (the full flow)', async () => {
    const url = authorizeURL(alt(), { response_type: undefined, scope: 'write:integrations' });
    const res = await request(alt().origin).get(url.pathname + url.search);
    expect(res.status).toBe(302);
    expect(new URL(res.headers.location).searchParams.get('error')).toBe('unsupported_response_type');
  });

  it('carries guild_id through the full flow too', async () => {
    const url = authorizeURL(alt(), { scope: 'write:integrations', guild_id: '372024042980638721' });
    const res = await request(alt().origin).get(url.pathname + url.search);
    expect(hiddenFields(res.text).guild_id).toBe('372024042980638721');
  });
});

function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const browser = chromiumPath();
if (!browser && process.env.CI !== 'true') {
  console.warn('chromium is not installed: skipping the browser test. Install it with: apt-get install -y chromium');
}

(browser || process.env.CI === 'true' ? describe : describe.skip)('the integration link in headless Chromium', () => {
  jest.setTimeout(60_000);
  let context: BrowserContext;
  let profileDir: string;

  beforeAll(async () => {
    if (!browser) throw new Error('chromium is required when CI=true: apt-get install -y chromium');
    profileDir = mkdtempSync(path.join(os.tmpdir(), 'sandbox-e2e-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: browser,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await context?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  it('opens the link, picks a user, approves, and sees the integration added', async () => {
    const page = await context.newPage();
    await page.goto(link('372024042980638721'));
    await page.check(`input[name="user_id"][value="${alt().users[1].id}"]`);
    await page.click('button[value="approve"]');
    await page.waitForSelector('#result-message');
    expect(await page.textContent('h1')).toBe('Integration added');
    expect(new URL(page.url()).origin).toBe(alt().origin);
    await page.close();
  });
});
