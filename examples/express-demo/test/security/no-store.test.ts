import request from 'supertest';
import { csrfFrom, login, useDemo } from '../support';

/** Issue 13, item 6: pages with a user's data or a CSRF token are never cached. */

const { app } = useDemo();

describe('every page that shows user data or a CSRF token sends Cache-Control: no-store', () => {
  it.each(['petjeaf', 'gofundo', 'mijnklantportaal', 'altdentifier'] as const)(
    '%s: /profile, the home page and GET /logout while logged in',
    async (name) => {
      const agent = request.agent(app());
      await login(agent, name);
      for (const path of ['/profile', '/', '/logout']) {
        const res = await agent.get(path);
        expect(res.text).toContain('name="_csrf"');
        expect(res.headers['cache-control']).toBe('no-store');
      }
    },
  );

  it('the answer of POST /profile/refresh', async () => {
    const agent = request.agent(app());
    await login(agent, 'gofundo');
    const csrf = csrfFrom((await agent.get('/profile')).text);
    const res = await agent.post('/profile/refresh').type('form').send({ _csrf: csrf });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('the failed-login page and the redirects of a login', async () => {
    const agent = request.agent(app());
    expect((await agent.get('/auth/gofundo/callback').query({ error: 'access_denied' })).headers['cache-control']).toBe(
      'no-store',
    );
    expect((await agent.get('/auth/gofundo')).headers['cache-control']).toBe('no-store');
    expect((await login(agent, 'gofundo')).headers['cache-control']).toBe('no-store');
  });
});
