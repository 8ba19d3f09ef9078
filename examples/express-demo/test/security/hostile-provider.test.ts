import session from 'express-session';
import request from 'supertest';
import { PROVIDER_NAMES } from 'passport-nl-sandbox';
import { hostileLogin, PROVIDER_DEADLINE_MS, useHostileDemo, validTokenAnswer } from '../hostile-provider';

/**
 * Issue 23's reproductions through the demo, against a hostile local provider: each answers
 * within the deadline, with a 4xx or 502 page, never a hang or a 500.
 */

jest.setTimeout(3 * PROVIDER_DEADLINE_MS);

const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('a profile nested deeper than the JSON bound fails the login with a 502 page (item 1)', () => {
  const demo = useHostileDemo();

  it.each([5_000, 200_000])('Gofundo user endpoint nested %i levels deep', async (levels) => {
    demo.provider().json('POST', '/gofundo/token', validTokenAnswer('gofundo'));
    demo
      .provider()
      .on('GET', '/gofundo/user', (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(`{"id":1,"name":"deep","x":${deep(levels)}}`),
      );
    const login = await hostileLogin(demo.app(), 'gofundo');
    expect(login.status).toBe(502);
    expect(login.text).toContain('nested deeper than 64 levels');
    expect(login.ms).toBeLessThan(PROVIDER_DEADLINE_MS);
    expect((await login.agent.get('/profile')).status).toBe(302);
  });

  it('Petje.af claims nested 5,000 levels deep', async () => {
    const answer = validTokenAnswer('petjeaf');
    const [header, , signature] = String(answer.access_token).split('.');
    const payload = Buffer.from(`{"id":"1","x":${deep(5000)}}`).toString('base64url');
    demo.provider().json('POST', '/petjeaf/token', { ...answer, access_token: `${header}.${payload}.${signature}` });
    const login = await hostileLogin(demo.app(), 'petjeaf');
    expect(login.status).toBe(502);
    expect(login.text).toContain('has a JWT payload nested deeper than 64 levels');
  });
});

describe('what goes into the session is bounded', () => {
  const demo = useHostileDemo();

  it('keeps a note instead of a 600 KB raw profile, and shortens a 10,000-character name', async () => {
    demo.provider().json('POST', '/gofundo/token', validTokenAnswer('gofundo'));
    const emails = Array.from({ length: 1000 }, (_, i) => `user${i}@example.com`);
    demo
      .provider()
      .json('GET', '/gofundo/user', { id: 7, name: 'N'.repeat(10_000), email: emails[0], bio: 'b'.repeat(600_000) });
    const login = await hostileLogin(demo.app(), 'gofundo');
    expect(login.status).toBe(303);
    const page = await login.agent.get('/profile');
    expect(page.status).toBe(200);
    expect(page.text).toContain('is larger than the 16384 bytes the demo keeps');
    expect(page.text).not.toContain('N'.repeat(201));
    expect(page.text.length).toBeLessThan(64 * 1024);
  });

  it('refuses a 20 KB access token (a Petje.af JWT, read without an HTTP call) with a 502 page, and never shows it', async () => {
    const token = String(validTokenAnswer('petjeaf', { pad: 'x'.repeat(15_000) }).access_token);
    demo.provider().json('POST', '/petjeaf/token', { ...validTokenAnswer('petjeaf'), access_token: token });
    const login = await hostileLogin(demo.app(), 'petjeaf');
    expect(login.status).toBe(502);
    expect(login.text).toContain(`gave an access token of ${token.length} bytes`);
    expect(login.text).not.toContain(token.slice(0, 40));
  });
});

describe('an error handler that cannot answer still ends the response', () => {
  /** A session store that fails as express-session's own does on a value it cannot serialize. */
  class UnserializableStore extends session.MemoryStore {
    override set(): void {
      throw new RangeError('Maximum call stack size exceeded');
    }
  }
  const demo = useHostileDemo({ sessionStore: new UnserializableStore() });

  it('ends the login callback whose session cannot be saved with a 500, within the deadline', async () => {
    demo.provider().json('POST', '/gofundo/token', validTokenAnswer('gofundo'));
    demo.provider().json('GET', '/gofundo/user', { id: 7, name: 'Unsaved' });
    const login = await hostileLogin(demo.app(), 'gofundo');
    expect(login.status).toBe(500);
    expect(login.text).toContain('The demo hit an unexpected error.');
    expect(login.text).not.toContain('Maximum call stack');
  });
});

describe('returnTo is limited in encoded bytes, as the state cookie carries it (item 3)', () => {
  const demo = useHostileDemo();

  it.each(PROVIDER_NAMES)('%s: a returnTo of 400 € (3,601 bytes encoded) is dropped, not a 500', async (name) => {
    const res = await request(demo.app())
      .get(`/auth/${name}`)
      .query({ returnTo: `/${'€'.repeat(400)}` });
    expect(res.status).toBe(302);
  });

  it('a returnTo of 227 € (2,044 bytes encoded) is kept, and the login lands there', async () => {
    const returnTo = `/${'€'.repeat(227)}`;
    demo.provider().json('POST', '/gofundo/token', validTokenAnswer('gofundo'));
    demo.provider().json('GET', '/gofundo/user', { id: 7, name: 'Euro' });
    const agent = request.agent(demo.app());
    const start = await agent.get('/auth/gofundo').query({ returnTo });
    expect(start.status).toBe(302);
    const cookies = ([] as string[]).concat(start.headers['set-cookie'] ?? []);
    for (const cookie of cookies) expect(Buffer.byteLength(cookie.split(';')[0])).toBeLessThan(4000);
    const state = new URL(start.headers.location as string).searchParams.get('state') ?? '';
    const back = await agent.get('/auth/gofundo/callback').query({ code: 'c', state });
    expect(back.status).toBe(303);
    expect(back.headers.location).toBe(encodeURI(returnTo));
  });
});

describe('a callback with error and no valid state answers 403 (item 4)', () => {
  const demo = useHostileDemo();

  it.each(['foo', 'server_error', 'temporarily_unavailable'])('error=%s without state', async (error) => {
    const res = await request(demo.app()).get('/auth/gofundo/callback').query({ error });
    expect(res.status).toBe(403);
  });
});
