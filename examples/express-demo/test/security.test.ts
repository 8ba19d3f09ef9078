import { MemoryStore } from 'express-session';
import request from 'supertest';
import { createDemoApp, safeLocalPath } from 'express-demo';
import { startSandbox, submitDecision, type Sandbox } from 'passport-nl-sandbox';
import { csrfFrom, demoConfig, login, sessionCookie, useDemo } from './support';

const { app, sandbox } = useDemo();

function allSessions(store: MemoryStore): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) =>
    store.all((error, sessions) => (error ? reject(error) : resolve((sessions ?? {}) as Record<string, unknown>))),
  );
}

describe('logout is POST only, with the CSRF token', () => {
  it('POST /logout ends the session', async () => {
    const agent = request.agent(app());
    await login(agent, 'petjeaf');
    const csrf = csrfFrom((await agent.get('/profile')).text);
    const res = await agent.post('/logout').type('form').send({ _csrf: csrf });
    expect(res.status).toBe(303);
    expect((await agent.get('/profile')).status).toBe(302);
  });

  it('POST /logout destroys the session and clears its cookie (no empty session is kept)', async () => {
    const sessions = new MemoryStore();
    const demo = createDemoApp(demoConfig(sandbox(), { sessionStore: sessions }));
    try {
      const agent = request.agent(demo.app);
      await login(agent, 'gofundo');
      expect(Object.keys(await allSessions(sessions))).toHaveLength(1);
      const csrf = csrfFrom((await agent.get('/profile')).text);
      const res = await agent.post('/logout').type('form').send({ _csrf: csrf });
      expect(res.status).toBe(303);
      expect(res.headers['set-cookie']).toEqual([
        expect.stringMatching(/^demo\.sid=; Path=\/; Expires=Thu, 01 Jan 1970/),
      ]);
      expect(await allSessions(sessions)).toEqual({});
    } finally {
      demo.close();
    }
  });

  it('GET /logout does not log out', async () => {
    const agent = request.agent(app());
    await login(agent, 'petjeaf');
    const res = await agent.get('/logout');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
    expect((await agent.get('/profile')).status).toBe(200);
  });

  it('POST /logout without the CSRF token is refused', async () => {
    const agent = request.agent(app());
    await login(agent, 'gofundo');
    const res = await agent.post('/logout').type('form').send({ _csrf: 'guess' });
    expect(res.status).toBe(403);
    expect((await agent.get('/profile')).status).toBe(200);
  });
});

describe('returnTo is accepted only as a local path (no open redirect)', () => {
  it('returns to a local path after login', async () => {
    const res = await login(request.agent(app()), 'altdentifier', { returnTo: '/profile?tab=raw' });
    expect(res.headers.location).toBe('/profile?tab=raw');
  });

  it.each([
    '//evil.example/x',
    '/\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '/\t/evil.example',
    'evil.example',
  ])('ignores %j and lands on /profile', async (returnTo) => {
    const res = await login(request.agent(app()), 'altdentifier', { returnTo });
    expect(res.headers.location).toBe('/profile');
  });

  it('safeLocalPath keeps paths, queries and fragments and refuses everything else', () => {
    expect(safeLocalPath('/a/b?c=1#d')).toBe('/a/b?c=1#d');
    expect(safeLocalPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
    for (const bad of ['//x', '/\\x', 'http://x', '', 'x', '/a\nb', 42, undefined, ['/a'], '/' + 'a'.repeat(3000)]) {
      expect(safeLocalPath(bad)).toBeUndefined();
    }
  });
});

describe('cookies and headers', () => {
  it('the session cookie is httpOnly and SameSite=Lax, not Secure over http', async () => {
    const cookie = sessionCookie(await login(request.agent(app()), 'petjeaf')) ?? '';
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).not.toMatch(/; Secure/);
  });

  it('helmet headers are set', async () => {
    const res = await request(app()).get('/');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  describe('behind HTTPS (BASE_URL https, TRUST_PROXY)', () => {
    let sandbox: Sandbox;
    beforeAll(async () => {
      sandbox = await startSandbox();
    });
    afterAll(() => sandbox.close());

    it('gives the state and session cookies __Host- names (Secure, Path=/) and sends HSTS', async () => {
      const demo = createDemoApp(demoConfig(sandbox, { baseURL: 'https://localhost:3443', trustProxy: true }));
      const start = await request(demo.app).get('/auth/gofundo').set('X-Forwarded-Proto', 'https');
      const [stateCookie] = start.headers['set-cookie'] as unknown as string[];
      expect(stateCookie).toMatch(/^__Host-oauth2-state\.gofundo\.[\w.-]+=[\w-]+; Path=\/; .*; Secure$/);
      expect(start.headers['strict-transport-security']).toContain('max-age=');
      const back = await submitDecision(new URL(start.headers.location as string), {});
      const res = await request(demo.app)
        .get(back.pathname + back.search)
        .set('X-Forwarded-Proto', 'https')
        .set('Cookie', stateCookie.split(';')[0]);
      expect(res.status).toBe(303);
      expect(sessionCookie(res)).toMatch(/^__Host-demo\.sid=.*; Path=\/; .*Secure/);
      demo.close();
    });
  });
});

describe('the Refresh token button', () => {
  it.each(['petjeaf', 'gofundo', 'mijnklantportaal', 'altdentifier'] as const)(
    '%s: refreshes twice in a row (rotated tokens are kept)',
    async (name) => {
      const agent = request.agent(app());
      await login(agent, name);
      for (let i = 0; i < 2; i++) {
        const csrf = csrfFrom((await agent.get('/profile')).text);
        const res = await agent.post('/profile/refresh').type('form').send({ _csrf: csrf });
        expect(res.status).toBe(303);
        expect(res.headers.location).toBe('/profile');
        expect((await agent.get('/profile')).text).toContain('id="notice">Token refreshed; it now expires at');
      }
    },
  );

  it('needs the CSRF token', async () => {
    const agent = request.agent(app());
    await login(agent, 'petjeaf');
    expect((await agent.post('/profile/refresh').type('form').send({})).status).toBe(403);
  });
});
