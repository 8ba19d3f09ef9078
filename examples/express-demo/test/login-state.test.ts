import request from 'supertest';
import session from 'express-session';
import { createDemoApp } from 'express-demo';
import { submitDecision } from 'passport-nl-sandbox';
import { BASE_URL, demoConfig, login, sessionCookie, startLogin, useDemo } from './support';

const { sandbox, app } = useDemo();

describe('a request on another host than BASE_URL is sent to BASE_URL first', () => {
  const redirecting = () => createDemoApp(demoConfig(sandbox(), { redirectToBaseHost: true }));

  it('redirects GET on 127.0.0.1 to the same path and query on BASE_URL, with 302', async () => {
    const demo = redirecting();
    const res = await request(demo.app).get('/auth/petjeaf?returnTo=%2Fprofile').set('Host', '127.0.0.1:3999');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(`${BASE_URL}/auth/petjeaf?returnTo=%2Fprofile`);
    expect(res.headers['set-cookie']).toBeUndefined();
    demo.close();
  });

  it('keeps the method of a POST with 307, and never echoes the Host header', async () => {
    const demo = redirecting();
    const res = await request(demo.app).post('/logout').set('Host', 'evil.example');
    expect(res.status).toBe(307);
    expect(res.headers.location).toBe(`${BASE_URL}/logout`);
    demo.close();
  });

  it('serves a request on BASE_URL host as usual', async () => {
    const demo = redirecting();
    expect((await request(demo.app).get('/').set('Host', 'localhost:3999')).status).toBe(200);
    demo.close();
  });
});

describe('no server-side session for a visitor who has not logged in', () => {
  it('starting logins, abandoning them and failing callbacks store no session and set no session cookie', async () => {
    const store = new session.MemoryStore();
    const demo = createDemoApp(demoConfig(sandbox(), { sessionStore: store }));
    const agent = request.agent(demo.app);
    const answers = [
      await agent.get('/'),
      await agent.get('/auth/petjeaf').query({ returnTo: '/profile' }),
      await agent.get('/auth/gofundo'),
      await agent.get('/auth/petjeaf/callback').query({ code: 'x', state: 'made-up' }),
      await agent.get('/auth/gofundo/callback').query({ error: 'access_denied' }),
      await agent.get('/profile'),
    ];
    expect(answers.map(sessionCookie)).toEqual(answers.map(() => undefined));
    const count = await new Promise<number>((resolve, reject) =>
      store.length((err, length) => (err ? reject(err) : resolve(length ?? 0))),
    );
    expect(count).toBe(0);
    demo.close();
  });
});

describe('the failed-login page says what probably happened and offers Try again', () => {
  it('a callback this browser did not start: "not started in this browser, or already used", 403', async () => {
    const res = await request(app()).get('/auth/petjeaf/callback').query({ code: 'x', state: 'y' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('<h1>Login with Petje.af failed</h1>');
    expect(res.text).toMatch(/id="what-happened">This login was not started in this browser, or was already used/);
    expect(res.text).toContain('id="try-again" href="/auth/petjeaf"');
  });

  it('Deny: "cancelled or refused", with the provider message and Try again for the same provider', async () => {
    const res = await login(request.agent(app()), 'mijnklantportaal', { decision: 'deny' });
    expect(res.status).toBe(401);
    expect(res.text).toContain('did not let you in: the login was cancelled or refused');
    expect(res.text).toContain('id="error-message">The user denied the request<');
    expect(res.text).toContain('id="try-again" href="/auth/mijnklantportaal"');
  });

  it('an expired login: "took too long"', async () => {
    const agent = request.agent(app());
    const authorize = await startLogin(agent, 'altdentifier');
    const back = await submitDecision(authorize, {});
    const now = Date.now();
    const spy = jest.spyOn(Date, 'now').mockReturnValue(now + 11 * 60_000);
    const res = await agent.get(back.pathname + back.search);
    spy.mockRestore();
    expect(res.status).toBe(403);
    expect(res.text).toContain('The login took too long');
  });
});

describe('a state failure while logged in lands on the page with a notice, not an error page', () => {
  it('a reloaded callback after a successful login goes to the profile with "already used"', async () => {
    const agent = request.agent(app());
    const user = sandbox().providers.gofundo.users[0];
    const authorize = await startLogin(agent, 'gofundo', '/profile');
    const back = await submitDecision(authorize, { userId: user.id });
    expect((await agent.get(back.pathname + back.search)).headers.location).toBe('/profile');
    const reload = await agent.get(back.pathname + back.search);
    expect(reload.status).toBe(303);
    expect(reload.headers.location).toBe('/profile');
    const profile = await agent.get('/profile');
    expect(profile.text).toContain(
      `id="notice">That login link was already used — you are logged in as ${user.name} with Gofundo.`,
    );
  });

  it('carries returnTo with the pending login (not in a session) to the landing page', async () => {
    const agent = request.agent(app());
    const callback = await login(agent, 'petjeaf', { returnTo: '/profile?tab=raw' });
    expect(callback.headers.location).toBe('/profile?tab=raw');
  });
});
