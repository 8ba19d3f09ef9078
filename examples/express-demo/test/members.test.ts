import request from 'supertest';
import { createDemoApp, type DemoApp } from 'express-demo';
import {
  OTHER_PETJEAF_PAGE,
  SANDBOX_PETJEAF_PAGE,
  startSandbox,
  submitDecision,
  type Sandbox,
} from 'passport-nl-sandbox';
import { BASE_URL, demoConfig, login, type Agent } from './support';

/** The "Members only" page over real HTTP against the sandbox's seeded memberships. */

let sandbox: Sandbox;
let demo: DemoApp;
beforeAll(async () => {
  sandbox = await startSandbox();
  demo = createDemoApp(demoConfig(sandbox));
});
afterAll(async () => {
  demo.close();
  await sandbox.close();
});

const users = () => sandbox.providers.petjeaf.users;

/** The members login as user `userId`; `scope` replaces the requested scope (as a user unticking one). */
async function membersLogin(agent: Agent, userId: string, scope?: string) {
  const start = await agent.get('/auth/petjeaf-members');
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.location as string);
  if (scope !== undefined) authorize.searchParams.set('scope', scope);
  const back = await submitDecision(authorize, { userId });
  expect(back.origin).toBe(BASE_URL);
  return agent.get(back.pathname + back.search);
}

describe('Members only: a Petje.af login that requests memberships.read', () => {
  it('asks Petje.af for profile.read and memberships.read', async () => {
    const start = await request.agent(demo.app).get('/auth/petjeaf-members');
    expect(new URL(start.headers.location as string).searchParams.get('scope')).toBe('profile.read memberships.read');
  });

  it('without a login: 403, why, and the Log in with Petje.af link', async () => {
    const res = await request(demo.app).get('/members');
    expect(res.status).toBe(403);
    expect(res.text).toContain('Log in with Petje.af to show that you are one.');
    expect(res.text).toContain('href="/auth/petjeaf-members"');
  });
});

describe('Members only: a member of the configured page sees it, with their plan', () => {
  it('admits the seeded member of the sandbox page and shows the plan', async () => {
    const agent = request.agent(demo.app);
    const callback = await membersLogin(agent, users()[0].id);
    expect(callback.status).toBe(303);
    expect(callback.headers.location).toBe('/members');
    const res = await agent.get('/members');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<strong id="member-plan">Superfan</strong>');
    expect(res.text).toContain(SANDBOX_PETJEAF_PAGE.name);
  });
});

describe('Members only: anyone else sees why not and a link to become a member', () => {
  it('a member of another page only', async () => {
    const agent = request.agent(demo.app);
    await membersLogin(agent, users()[1].id);
    const res = await agent.get('/members');
    expect(res.status).toBe(403);
    expect(res.text).toContain(`You are a member of ${OTHER_PETJEAF_PAGE.name}, but not of our page.`);
    expect(res.text).toContain(`href="${SANDBOX_PETJEAF_PAGE.url}"`);
  });

  it('a user without memberships', async () => {
    const agent = request.agent(demo.app);
    await membersLogin(agent, users()[2].id);
    const res = await agent.get('/members');
    expect(res.status).toBe(403);
    expect(res.text).toContain('You are not a member of our page yet.');
    expect(res.text).toContain('id="become-member"');
  });

  it('a member who did not grant memberships.read: unknown, not "not a member", and a way to log in again', async () => {
    const agent = request.agent(demo.app);
    const callback = await membersLogin(agent, users()[0].id, 'profile.read');
    expect(callback.status).toBe(303);
    const res = await agent.get('/members');
    expect(res.status).toBe(403);
    expect(res.text).toContain('You did not allow this site to see your memberships');
    expect(res.text).not.toContain('not a member of our page');
    expect(res.text).toContain('id="members-login"');
  });

  it('an ordinary Petje.af login (no memberships read) is asked to log in with Petje.af', async () => {
    const agent = request.agent(demo.app);
    await login(agent, 'petjeaf', { userId: users()[0].id });
    const res = await agent.get('/members');
    expect(res.status).toBe(403);
    expect(res.text).toContain('Log in with Petje.af to show that you are one.');
  });
});

describe('Members only: PETJEAF_PAGE_ID chooses the page', () => {
  it('admits a member of the configured page', async () => {
    const other = createDemoApp(demoConfig(sandbox, { petjeafPage: { id: OTHER_PETJEAF_PAGE.id } }));
    try {
      const agent = request.agent(other.app);
      await membersLogin(agent, users()[1].id);
      const res = await agent.get('/members');
      expect(res.status).toBe(200);
      expect(res.text).toContain('<strong id="member-plan">Steunpilaar</strong>');
    } finally {
      other.close();
    }
  });
});

describe('Members only: what loading memberships at login costs (request counts, not timings)', () => {
  it('the members login makes exactly one request more to Petje.af than an ordinary Petje.af login', async () => {
    const petjeaf = sandbox.providers.petjeaf;
    petjeaf.resetStats();
    await login(request.agent(demo.app), 'petjeaf', { userId: users()[0].id });
    const ordinary = petjeaf.stats().requests;
    petjeaf.resetStats();
    await membersLogin(request.agent(demo.app), users()[0].id);
    const withMemberships = petjeaf.stats().requests;
    // Each: the decision POST and the token request; the members login adds GET /v1/memberships.
    expect(ordinary).toBe(2);
    expect(withMemberships).toBe(ordinary + 1);
  });
});
