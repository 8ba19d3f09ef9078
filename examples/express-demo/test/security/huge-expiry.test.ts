import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createDemoApp, sandboxSettings, type DemoApp } from 'express-demo';
import { PROVIDER_NAMES, startSandbox, type ProviderName, type Sandbox } from 'passport-nl-sandbox';
import { profilePage } from '../../src/views/profile';
import { csrfFrom, demoConfig, login } from '../support';

/**
 * Issue 13, item 2: a token answer with `expires_in: 1e20` (out of `Date`'s range once added to
 * now) must not break a later page. The sandbox's token answers pass through a local proxy that
 * rewrites `expires_in` to `1e20`; the kit clamps it to 10 years, and the profile page renders.
 */

const HUGE = '1e20';
const TEN_YEARS_MS = 315_360_000 * 1000;

let sandbox: Sandbox;
let proxy: http.Server;
let demo: DemoApp;

/** Forwards `POST /<provider>/token` to the sandbox's token endpoint and answers with expires_in rewritten to 1e20. */
function tokenProxy(target: (name: ProviderName) => string): http.Server {
  return http.createServer(async (req, res) => {
    const name = (req.url ?? '').split('/')[1] as ProviderName;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const header of ['content-type', 'accept', 'authorization']) {
      const value = req.headers[header];
      if (typeof value === 'string') headers[header] = value;
    }
    const answer = await fetch(target(name), { method: 'POST', headers, body: Buffer.concat(chunks) });
    const text = (await answer.text()).replace(/"expires_in":\s*\d+/, `"expires_in":${HUGE}`);
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(text);
  });
}

beforeAll(async () => {
  sandbox = await startSandbox();
  proxy = tokenProxy((name) => sandbox.providers[name].tokenURL).listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  const proxyURL = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const providers = Object.fromEntries(
    PROVIDER_NAMES.map((name) => [
      name,
      { ...sandboxSettings(sandbox.providers[name], sandbox.ca), tokenURL: `${proxyURL}/${name}/token` },
    ]),
  );
  demo = createDemoApp(demoConfig(sandbox, { providers }));
});

afterAll(async () => {
  demo?.close();
  proxy?.close();
  await sandbox?.close();
});

describe('a token answer with expires_in 1e20 never makes a later page fail', () => {
  it.each(PROVIDER_NAMES)('%s: logs in, and GET /profile is 200 with an expiry about 10 years ahead', async (name) => {
    const agent = request.agent(demo.app);
    const callback = await login(agent, name);
    expect(callback.status).toBe(303);
    const before = Date.now();
    const profile = await agent.get('/profile');
    expect(profile.status).toBe(200);
    const shown = /<time id="token-expiry" datetime="([^"]+)"/.exec(profile.text)?.[1];
    expect(shown).toBeDefined();
    const ahead = Date.parse(shown as string) - before;
    expect(ahead).toBeGreaterThan(TEN_YEARS_MS - 60_000);
    expect(ahead).toBeLessThanOrEqual(TEN_YEARS_MS + 60_000);
    expect((await agent.get('/profile')).status).toBe(200);
  });

  it('gofundo: a refresh answered with expires_in 1e20 leads back to a profile page that is 200', async () => {
    const agent = request.agent(demo.app);
    await login(agent, 'gofundo');
    const csrf = csrfFrom((await agent.get('/profile')).text);
    const refreshed = await agent.post('/profile/refresh').type('form').send({ _csrf: csrf });
    expect(refreshed.status).toBe(303);
    const profile = await agent.get('/profile');
    expect(profile.status).toBe(200);
    expect(profile.text).toContain('Token refreshed; it now expires at');
  });
});

describe('the profile page renders an expiry that is not a valid date as unknown, not a 500', () => {
  it.each([1e25, Number.NaN, Number.POSITIVE_INFINITY, -1e20])('expiresAt %p', (expiresAt) => {
    const user = {
      provider: 'gofundo' as const,
      id: '7',
      displayName: 'Zoë',
      emails: [],
      json: {},
      scopes: [],
      accessToken: 'at',
      expiresAt,
    };
    const page = profilePage({ user, csrf: 'csrf', now: Date.now() });
    expect(page).toContain('unknown (not a valid date)');
    expect(page).not.toContain('id="token-expiry"');
  });
});
