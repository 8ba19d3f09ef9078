import request from 'supertest';
import { csrfFrom, login, useDemo } from '../support';

/** Issue 13, item 1: any malformed CSRF token is a 403, never a 500. */

const { app } = useDemo();

/** Form bodies carrying a malformed `_csrf`, as raw urlencoded strings. */
const MALFORMED: ReadonlyArray<[string, (token: string) => string]> = [
  [
    'multibyte characters, same length in characters (32 × é)',
    (token) => `_csrf=${encodeURIComponent('é'.repeat(token.length))}`,
  ],
  ['one emoji short of the length in characters', (token) => `_csrf=${encodeURIComponent(`${token.slice(2)}😀`)}`],
  [
    'the token with a NUL byte instead of its last character',
    (token) => `_csrf=${encodeURIComponent(`${token.slice(0, -1)}\u0000`)}`,
  ],
  ['a wrong length', (token) => `_csrf=${token}x`],
  ['an array (the field twice)', (token) => `_csrf=${token}&_csrf=${token}`],
  ['an empty value', () => '_csrf='],
  ['no field at all', () => 'other=1'],
  ['invalid percent-encoding', () => '_csrf=%E0%A4%A'],
  ['a lone UTF-16 surrogate, percent-encoded', () => '_csrf=%ED%A0%80'],
];

describe.each(['/logout', '/profile/refresh'])('POST %s refuses a malformed CSRF token with 403', (path) => {
  it.each(MALFORMED)('%s', async (_what, body) => {
    const agent = request.agent(app());
    await login(agent, 'gofundo');
    const token = csrfFrom((await agent.get('/profile')).text);
    const res = await agent.post(path).type('form').send(body(token));
    expect(res.status).toBe(403);
    expect(res.text).toContain('Invalid or missing CSRF token');
    expect((await agent.get('/profile')).status).toBe(200);
  });

  it('refuses a token when the session has none (never logged in)', async () => {
    const res = await request(app())
      .post(path)
      .type('form')
      .send(`_csrf=${'é'.repeat(32)}`);
    expect(res.status).toBe(403);
  });
});
