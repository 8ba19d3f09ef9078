import nock from 'nock';
import { captureReply, useNock, type CapturedRequest } from '@internal/test-support';
import { API_BASE_URL, ProviderApiError } from 'passport-mijnklantportaal';
import { makeStrategy } from './support';

/** apiGet(): the documented API base, the bearer header(s), the 60 requests/minute limit. */

useNock();

const API_HOST = 'https://api.mijnklantportaal.nl';
/** The documented 429 body. @see https://docs.developers.mijnklantportaal.nl/getting-started/rate-limiting */
const TOO_MANY = { code: 429, message: 'Too many requests.' };
const CUSTOMERS = { current_page: 1, data: [{ id: 'cst_1' }], next_page_url: null };

function mockCustomers(
  status: number,
  body: nock.Body,
  headers: Record<string, string> = {},
  into: CapturedRequest[] = [],
) {
  return nock(API_HOST)
    .get('/v1/customers')
    .reply(captureReply(into, status, body, headers));
}

describe('apiGet(): GET under https://api.mijnklantportaal.nl/v1 (OpenAPI servers)', () => {
  it('defaults to the documented API base', () => {
    expect(API_BASE_URL).toBe('https://api.mijnklantportaal.nl/v1');
  });

  it('sends the token in Authorization and Authentication (the docs disagree) and Accept: application/json', async () => {
    const strategy = makeStrategy();
    const received: CapturedRequest[] = [];
    mockCustomers(200, CUSTOMERS, {}, received);
    await expect(strategy.apiGet('mkp-token', '/customers')).resolves.toMatchObject({ json: CUSTOMERS });
    strategy.close();
    expect(received[0].headers).toMatchObject({
      authorization: 'Bearer mkp-token',
      authentication: 'Bearer mkp-token',
      accept: 'application/json',
    });
  });

  it('sends only the header chosen with bearerHeader', async () => {
    const strategy = makeStrategy({ bearerHeader: 'Authentication' });
    const received: CapturedRequest[] = [];
    mockCustomers(200, CUSTOMERS, {}, received);
    await strategy.apiGet('mkp-token', '/customers');
    strategy.close();
    expect(received[0].headers.authentication).toBe('Bearer mkp-token');
    expect(received[0].headers).not.toHaveProperty('authorization');
  });
});

describe('apiGet(): 60 requests per minute; a 429 carries retry-after (docs: getting-started/rate-limiting)', () => {
  const limitHeaders = { 'retry-after': '42', 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0' };

  it('rejects with a ProviderApiError carrying retryAfter and the provider’s message', async () => {
    const strategy = makeStrategy();
    mockCustomers(429, TOO_MANY, limitHeaders);
    const failure = strategy.apiGet('mkp-token', '/customers');
    await expect(failure).rejects.toBeInstanceOf(ProviderApiError);
    await expect(failure).rejects.toMatchObject({
      message: 'MijnKlantportaal API GET /v1/customers answered 429: Too many requests. (retry after 42 s)',
      reason: 'rate_limited',
      retryAfter: 42,
      providerStatus: 429,
    });
    strategy.close();
  });

  it('with retryRateLimitedWithin: waits and retries once when the wait is short enough', async () => {
    const strategy = makeStrategy({ retryRateLimitedWithin: 5 });
    const received: CapturedRequest[] = [];
    mockCustomers(429, TOO_MANY, { ...limitHeaders, 'retry-after': '0' }, received);
    mockCustomers(200, CUSTOMERS, {}, received);
    await expect(strategy.apiGet('mkp-token', '/customers')).resolves.toMatchObject({ json: CUSTOMERS });
    expect(received).toHaveLength(2);
    strategy.close();
  });

  it('with retryRateLimitedWithin: a longer wait is not retried', async () => {
    const strategy = makeStrategy({ retryRateLimitedWithin: 5 });
    mockCustomers(429, TOO_MANY, limitHeaders);
    await expect(strategy.apiGet('mkp-token', '/customers')).rejects.toMatchObject({ retryAfter: 42 });
    expect(nock.pendingMocks()).toEqual([]);
    strategy.close();
  });

  it('a call’s own retryRateLimitedWithin wins over the option', async () => {
    const strategy = makeStrategy();
    mockCustomers(429, TOO_MANY, { 'retry-after': '0' });
    mockCustomers(200, CUSTOMERS);
    await expect(strategy.apiGet('mkp-token', '/customers', { retryRateLimitedWithin: 1 })).resolves.toMatchObject({
      status: 200,
    });
    strategy.close();
  });

  it.each([-1, 61, Number.NaN])('refuses retryRateLimitedWithin %p at construction', (value) => {
    expect(() => makeStrategy({ retryRateLimitedWithin: value })).toThrow(
      'MijnKlantportaal strategy: retryRateLimitedWithin must be a number of seconds from 0 to 60',
    );
  });
});

describe('apiGetAll(): every item of a Laravel-paged list, page=1, 2… while next_page_url is not null', () => {
  /** A documented page; `next_page_url` names another host, to show that it is not followed. */
  const page = (n: number, ids: string[], last: boolean) => ({
    current_page: n,
    data: ids.map((id) => ({ id })),
    next_page_url: last ? null : `https://elsewhere.example/v1/customers?page=${n + 1}`,
    per_page: 2,
  });

  it('reads the pages in order by the page parameter, only under apiBaseURL', async () => {
    const strategy = makeStrategy();
    const received: CapturedRequest[] = [];
    for (const [n, ids, last] of [
      [1, ['cst_1', 'cst_2'], false],
      [2, ['cst_3', 'cst_4'], false],
      [3, ['cst_5'], true],
    ] as const) {
      nock(API_HOST)
        .get('/v1/customers')
        .query({ per_page: '2', page: String(n) })
        .reply(captureReply(received, 200, page(n, [...ids], last)));
    }
    const all = await strategy.apiGetAll('mkp-token', '/customers', { query: { per_page: 2 } });
    strategy.close();
    expect(all.map((item) => item.id)).toEqual(['cst_1', 'cst_2', 'cst_3', 'cst_4', 'cst_5']);
    expect(received).toHaveLength(3);
  });

  it('stops at maxPages with an error, and refuses a page without a data list', async () => {
    const strategy = makeStrategy();
    nock(API_HOST)
      .get('/v1/customers')
      .query(true)
      .times(2)
      .reply(200, page(1, ['cst_1'], false));
    await expect(strategy.apiGetAll('mkp-token', '/customers', { maxPages: 2 })).rejects.toThrow(
      'MijnKlantportaal API GET /customers has more than 2 pages (maxPages)',
    );
    nock(API_HOST).get('/v1/customers').query(true).reply(200, { current_page: 1, data: 'none' });
    const failure = strategy.apiGetAll('mkp-token', '/customers');
    await expect(failure).rejects.toBeInstanceOf(ProviderApiError);
    await expect(failure).rejects.toThrow(
      'MijnKlantportaal API GET /customers answered 200 without a data list of objects',
    );
    strategy.close();
  });
});
