import request from 'supertest';
import { createDemoApp, loadConfig } from 'express-demo';
import { demoConfig, sessionCookie, useDemo } from '../support';

/** Issue 13, item 8: an https BASE_URL without TRUST_PROXY is reported at start with what to set. */

describe('loadConfig warns about an https BASE_URL without TRUST_PROXY', () => {
  const env = { SESSION_SECRET: 'a-long-enough-secret' };

  it('names TRUST_PROXY=1 and the http alternative', () => {
    const { warnings } = loadConfig({ ...env, BASE_URL: 'https://demo.example.com', PORT: '8080' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('BASE_URL is https://demo.example.com but TRUST_PROXY is not set');
    expect(warnings[0]).toContain('set TRUST_PROXY=1');
    expect(warnings[0]).toContain('BASE_URL=http://localhost:8080');
  });

  it.each([
    ['TRUST_PROXY=1', { BASE_URL: 'https://demo.example.com', TRUST_PROXY: '1' }],
    ['an http BASE_URL', { BASE_URL: 'http://localhost:3000' }],
    ['no BASE_URL', {}],
  ])('says nothing with %s', (_what, extra) => {
    expect(loadConfig({ ...env, ...extra }).warnings).toEqual([]);
  });
});

describe('why: served over plain http without TRUST_PROXY, the Secure session cookie is never set', () => {
  const { sandbox } = useDemo();

  it('GET /auth/<provider> sets no cookie, so the callback cannot find its state', async () => {
    const demo = createDemoApp(demoConfig(sandbox(), { baseURL: 'https://demo.example.com' }));
    try {
      const res = await request(demo.app).get('/auth/gofundo');
      expect(res.status).toBe(302);
      expect(sessionCookie(res)).toBeUndefined();
    } finally {
      demo.close();
    }
  });
});
