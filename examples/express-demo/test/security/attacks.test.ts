import request from 'supertest';
import { PROVIDER_NAMES, type ProviderName } from 'passport-nl-sandbox';
import { login, sessionCookie, startLogin, useDemo, type Agent } from '../support';

/**
 * The attacks of issue 13's pass that held, kept as regression tests through the demo and its
 * sandbox, for each of the four providers: open redirects through `returnTo`, CR/LF in
 * `returnTo` and in a callback's `error_description`, a state from another session, a
 * replayed callback, session fixation and a 100 KB `code`.
 */

const { app, sandbox } = useDemo();

/** Starts a login and has the sandbox approve it; returns the callback's path and query. */
async function approvedCallback(agent: Agent, name: ProviderName): Promise<string> {
  const authorize = await startLogin(agent, name);
  const back = new URL(sandbox().providers[name].decide(authorize));
  return back.pathname + back.search;
}

/** `returnTo` values that try to send the browser elsewhere after login. */
const OPEN_REDIRECTS = [
  '//evil.example/x',
  '/.//evil.example',
  '/..//evil.example',
  '/%2e//evil.example',
  '/a/..//evil.example',
  '/\\evil.example',
  '/\t/evil.example',
  'https://evil.example/',
  'javascript:alert(1)',
];

describe.each(PROVIDER_NAMES)('%s', (name) => {
  describe('open redirect: returnTo never leads off the site after login', () => {
    it.each(OPEN_REDIRECTS)('returnTo=%j lands on /profile', async (returnTo) => {
      const res = await login(request.agent(app()), name, { returnTo });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/profile');
    });
  });

  describe('CR/LF in returnTo cannot add a header', () => {
    it('lands on /profile with no injected header', async () => {
      const res = await login(request.agent(app()), name, { returnTo: '/profile\r\nX-Injected: yes' });
      expect(res.headers.location).toBe('/profile');
      expect(res.headers['x-injected']).toBeUndefined();
    });
  });

  describe('CR/LF in a callback error_description cannot add a header or a line', () => {
    it('answers a 4xx page without the line break', async () => {
      const res = await request(app())
        .get(`/auth/${name}/callback`)
        .query({ error: 'access_denied', error_description: 'Locked\r\nX-Injected: yes\r\n\r\n<script>x</script>' });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers['x-injected']).toBeUndefined();
      expect(res.text).not.toMatch(/[\r\n]X-Injected/);
      expect(res.text).not.toContain('<script>x</script>');
    });
  });

  describe('a state issued to another session is refused', () => {
    it("answers 403 to the attacker's browser, which stays logged out, and the victim's login still works", async () => {
      const victim = request.agent(app());
      const attacker = request.agent(app());
      const callback = await approvedCallback(victim, name);
      await startLogin(attacker, name);
      const stolen = await attacker.get(callback);
      expect(stolen.status).toBe(403);
      expect((await attacker.get('/profile')).status).toBe(302);
      expect((await victim.get(callback)).status).toBe(303);
      expect((await victim.get('/profile')).status).toBe(200);
    });
  });

  describe('a replayed callback is refused', () => {
    it('logs in no one a second time: the same (logged-in) browser gets its page with a notice, another one 403', async () => {
      const agent = request.agent(app());
      const callback = await approvedCallback(agent, name);
      expect((await agent.get(callback)).status).toBe(303);
      const tokenRequests = sandbox().providers[name].stats().requests;
      const again = await agent.get(callback);
      expect(again.status).toBe(303);
      expect(again.headers.location).toBe('/profile');
      expect((await agent.get('/profile')).text).toContain('That login link was already used');
      expect(sandbox().providers[name].stats().requests).toBe(tokenRequests);
      const other = request.agent(app());
      expect((await other.get(callback)).status).toBe(403);
      expect((await other.get('/profile')).status).toBe(302);
    });
  });

  describe('session fixation: the session id changes at login', () => {
    it('gives a new cookie at each login, and the earlier cookie is not logged in any more', async () => {
      // No session exists before a first login (pending logins live in state cookies); a
      // planted or earlier session id must still be replaced at login.
      const agent = request.agent(app());
      const first = await agent.get(await approvedCallback(agent, name));
      const before = sessionCookie(first)?.split(';')[0];
      expect(before).toBeDefined();
      const done = await agent.get(await approvedCallback(agent, name));
      expect(done.status).toBe(303);
      const after = sessionCookie(done)?.split(';')[0];
      expect(after).toBeDefined();
      expect(after).not.toBe(before);
      const planted = await request(app())
        .get('/profile')
        .set('Cookie', before as string);
      expect(planted.status).toBe(302);
    });
  });

  describe("a 10 KB code (over the kit's 4 KB bound, under Node's 16 KB header limit) is refused before any token request", () => {
    it('answers a 4xx and the provider sees no request', async () => {
      const agent = request.agent(app());
      const authorize = await startLogin(agent, name);
      const state = authorize.searchParams.get('state') ?? '';
      const provider = sandbox().providers[name];
      provider.resetStats();
      const res = await agent.get(`/auth/${name}/callback`).query({ code: 'c'.repeat(10 * 1024), state });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(provider.stats().requests).toBe(0);
    });
  });
});
