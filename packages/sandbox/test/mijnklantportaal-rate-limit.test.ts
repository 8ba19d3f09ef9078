import request from 'supertest';
import { startSandbox } from 'passport-nl-sandbox';
import { approvedCode, codeGrant, postToken, useSandbox } from './support';

/** A limit of 3 per minute, so that the test reaches it quickly; the sandbox clock moves the window. */
const { sandbox, advanceClock } = useSandbox({ rateLimit: { limit: 3 } });
const mkp = () => sandbox().providers.mijnklantportaal;

async function token(): Promise<string> {
  const code = approvedCode(mkp(), { scope: 'customers.read' });
  const res = await postToken(mkp(), codeGrant(mkp(), code), 'json');
  return res.body.access_token as string;
}

const customers = (accessToken: string, header = 'Authorization') =>
  request(mkp().origin).get('/v1/customers').set(header, `Bearer ${accessToken}`);

describe('MijnKlantportaal rate limit: N requests per minute per token (docs: 60), X-RateLimit-* headers', () => {
  it('counts down X-RateLimit-Remaining, then answers 429 {code, message} with retry-after and x-ratelimit-reset', async () => {
    const accessToken = await token();
    const remaining: string[] = [];
    for (let n = 0; n < 3; n++) {
      const res = await customers(accessToken);
      expect(res.status).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBe('3');
      remaining.push(res.headers['x-ratelimit-remaining']);
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await customers(accessToken, 'Authentication');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ code: 429, message: 'Too many requests.' });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(Number(limited.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
  });

  it('counts each token apart, and starts over after the window', async () => {
    const first = await token();
    for (let n = 0; n < 4; n++) await customers(first);
    expect((await customers(first)).status).toBe(429);
    expect((await customers(await token())).status).toBe(200);
    advanceClock(60_000);
    expect((await customers(first)).status).toBe(200);
  });

  it('GET /v1/customers answers the documented Laravel page shape', async () => {
    advanceClock(60_000);
    const res = await customers(await token());
    expect(res.body).toMatchObject({ current_page: 1, next_page_url: null, per_page: 15, from: 1, to: 3 });
    expect(res.body.data[0].id).toMatch(/^cst_/);
  });
});

describe('startSandbox rateLimit option', () => {
  it.each([{ limit: 0 }, { windowMs: -1 }, { limit: 1.5 }])('refuses %p', async (rateLimit) => {
    await expect(startSandbox({ rateLimit })).rejects.toThrow(
      /startSandbox: rateLimit\.\w+ must be a positive integer/,
    );
  });
});
