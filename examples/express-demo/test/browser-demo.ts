import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig, startDemo, type RunningDemo } from 'express-demo';
import { startSandbox, type Sandbox } from 'passport-nl-sandbox';
import { requireProgram, SESSION_SECRET_FOR_TESTS } from './system-tools';

/** Screenshots of the browser tests go here (gitignored). */
export const ARTIFACTS = path.resolve(__dirname, '../../../test-artifacts/e2e');

/** The sandbox, the demo in front of it and one headless Chromium: what every browser test file starts. */
export interface BrowserDemo {
  sandbox: Sandbox;
  demo: RunningDemo;
  /** One browser per file; give each scenario its own context (its own cookie jar). */
  browser: Browser;
  /** Saves a full-page screenshot as `<name>.png` under {@link ARTIFACTS}. */
  shot(page: Page, name: string): Promise<Buffer>;
  /** Closes the browser, the demo and the sandbox. */
  close(): Promise<void>;
}

/** Starts the sandbox, the demo on a free port and Debian's Chromium (`CHROMIUM_PATH` to use another). */
export async function startBrowserDemo(): Promise<BrowserDemo> {
  const executablePath = requireProgram('chromium', 'chromium', 'CHROMIUM_PATH');
  mkdirSync(ARTIFACTS, { recursive: true });
  const sandbox = await startSandbox();
  const demo = await startDemo(loadConfig({ PORT: '0', SESSION_SECRET: SESSION_SECRET_FOR_TESTS }), { sandbox });
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    sandbox,
    demo,
    browser,
    shot: (page, name) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true }),
    async close() {
      await browser.close();
      await demo.close();
      await sandbox.close();
    },
  };
}
