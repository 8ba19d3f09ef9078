import request from 'supertest';
import { useDemo, login } from './support';

const { app } = useDemo();

describe("styles from the demo's own origin, and a tight CSP", () => {
  it('serves /styles.css and /favicon.ico without creating a session', async () => {
    const css = await request(app())
      .get('/styles.css')
      .expect(200)
      .expect('Content-Type', /^text\/css/);
    expect(css.text).toContain('@media (min-width:40rem)');
    expect(css.headers['set-cookie']).toBeUndefined();
    const icon = await request(app())
      .get('/favicon.ico')
      .expect(200)
      .expect('Content-Type', /^image\/svg\+xml/);
    expect(String(icon.body)).toMatch(/^<svg /);
  });

  it("CSP: style-src 'self' only (no 'unsafe-inline', no https: stylesheets)", async () => {
    const csp = (await request(app()).get('/')).headers['content-security-policy'] as string;
    expect(csp.split(';').find((directive) => directive.startsWith('style-src'))).toBe("style-src 'self'");
  });

  it('every page links the stylesheet and the icon, with no inline style', async () => {
    const agent = request.agent(app());
    await login(agent, 'gofundo');
    const pages = [
      (await agent.get('/')).text,
      (await agent.get('/profile')).text,
      (await agent.get('/no-such-page').expect(404)).text,
      (await login(request.agent(app()), 'gofundo', { decision: 'deny' })).text,
    ];
    for (const page of pages) {
      expect(page).toContain('<link rel="stylesheet" href="/styles.css" />');
      expect(page).toContain('<link rel="icon" href="/favicon.ico" type="image/svg+xml" />');
      expect(page).not.toMatch(/<style|style=/);
    }
  });
});
