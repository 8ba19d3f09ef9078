import request from 'supertest';
import { PROVIDER_NAMES } from 'passport-nl-sandbox';
import { login, sessionCookie, startLogin, useDemo } from './support';

const { sandbox, app } = useDemo();

describe('login with each provider through the sandbox', () => {
  it.each(PROVIDER_NAMES)('%s: the chosen user lands on the profile page', async (name) => {
    const agent = request.agent(app());
    const user = sandbox().providers[name].users[1];
    const callback = await login(agent, name, { userId: user.id });
    expect(callback.status).toBe(303);
    expect(callback.headers.location).toBe('/profile');
    const profile = await agent.get('/profile');
    expect(profile.status).toBe(200);
    expect(profile.text).toContain(`<code>${user.id}</code>`);
    expect(profile.text).toContain(name === 'altdentifier' ? `${user.username}#${user.discriminator}` : user.name);
    expect(profile.text).toContain('id="token-expiry"');
    expect(profile.text).toContain('id="raw-json"');
  });

  it('shows the granted scopes', async () => {
    const agent = request.agent(app());
    await login(agent, 'petjeaf');
    expect((await agent.get('/profile')).text).toContain('<dd id="scopes"><code>profile.read</code>');
  });

  it('never renders the access or refresh token', async () => {
    for (const name of PROVIDER_NAMES) {
      const agent = request.agent(app());
      await login(agent, name);
      const page = (await agent.get('/profile')).text;
      expect(page).not.toMatch(/\bat_[\w-]{10}|\brt_[\w-]{10}|eyJ[\w-]{10}/);
    }
  });
});

describe('failed logins show the provider message', () => {
  it('Deny shows the error page with access denied', async () => {
    const res = await login(request.agent(app()), 'gofundo', { decision: 'deny' });
    expect(res.status).toBe(401);
    expect(res.text).toContain('Login with Gofundo failed');
    expect(res.text).toContain('id="error-message">The user denied the request<');
  });

  it("a refused code shows the provider's own error text", async () => {
    const agent = request.agent(app());
    const authorize = await startLogin(agent, 'altdentifier');
    const res = await agent
      .get('/auth/altdentifier/callback')
      .query({ code: 'forged', state: authorize.searchParams.get('state') ?? '' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('AltDentifier token endpoint answered 400: Cannot grant token');
  });

  it('a callback without a started login is refused before any token request', async () => {
    const before = sandbox().providers.petjeaf.stats().requests;
    const res = await request(app()).get('/auth/petjeaf/callback').query({ code: 'x', state: 'y' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('id="error-message"');
    expect(sandbox().providers.petjeaf.stats().requests).toBe(before);
  });
});

describe('session fixation: the session id changes at login', () => {
  it('issues a new session cookie at each login, also over an existing session', async () => {
    const agent = request.agent(app());
    const first = sessionCookie(await login(agent, 'mijnklantportaal'))?.split(';')[0];
    const second = sessionCookie(await login(agent, 'mijnklantportaal'))?.split(';')[0];
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
  });
});

describe('routes', () => {
  it('an unknown provider is a 404', async () => {
    expect((await request(app()).get('/auth/facebook')).status).toBe(404);
  });

  it('the profile page sends anonymous visitors home with returnTo', async () => {
    const res = await request(app()).get('/profile');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/?returnTo=%2Fprofile');
  });

  it('the home page offers a login per provider, tagged sandbox', async () => {
    const res = await request(app()).get('/');
    for (const name of PROVIDER_NAMES) expect(res.text).toContain(`id="login-${name}" href="/auth/${name}"`);
    expect(res.text).toContain('<span class="tag">sandbox</span>');
  });
});
