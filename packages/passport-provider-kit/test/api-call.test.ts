import nock from 'nock';
import { captureReply, useNock, type CapturedRequest } from '@internal/test-support';
import { collectPages, ProviderApiError, type JsonResponse } from 'passport-provider-kit';
import { resolveApiURL } from '../src/strategy/api-call';
import { OPTIONS, ORIGIN, TestStrategy } from './support/test-strategy';

/** strategy.apiGet: the provider's API under apiBaseURL, its headers, typed errors, an opt-in 429 retry. */

useNock();

const BASE = { provider: 'TestProv', apiBaseURL: `${ORIGIN}/api/v1` };
const OK: JsonResponse = { json: { ok: true }, raw: '{"ok":true}', status: 200 };

function rateLimited(retryAfter: number | undefined): ProviderApiError {
  return new ProviderApiError('TestProv API answered 429', {
    provider: 'TestProv',
    reason: 'rate_limited',
    providerStatus: 429,
    retryAfter,
  });
}

type CallApi = (label: string, method: string, url: string, accessToken: string) => Promise<JsonResponse>;

/** A strategy under `apiBaseURL` whose API calls answer in turn from `answers` (an Error rejects), recording URLs and labels. */
function scripted(answers: Array<JsonResponse | Error>) {
  const urls: string[] = [];
  const labels: string[] = [];
  const strategy = new TestStrategy({ ...OPTIONS, apiBaseURL: BASE.apiBaseURL }, () => undefined);
  const callApi: CallApi = async (label, method, url, accessToken) => {
    expect([method, accessToken]).toEqual(['GET', 'token-1']);
    urls.push(url);
    labels.push(label);
    const next = answers.shift();
    if (next === undefined) throw new Error('no more answers');
    if (next instanceof Error) throw next;
    return next;
  };
  jest.spyOn(strategy as unknown as { callApi: CallApi }, 'callApi').mockImplementation(callApi);
  return { urls, labels, apiGet: strategy.apiGet.bind(strategy) };
}

describe('resolveApiURL(): paths under apiBaseURL; the token never leaves it', () => {
  it.each([
    ['/memberships', `${ORIGIN}/api/v1/memberships`],
    ['memberships/42', `${ORIGIN}/api/v1/memberships/42`],
    [`${ORIGIN}/api/v1/memberships?from=m2`, `${ORIGIN}/api/v1/memberships?from=m2`],
  ])('%s → %s', (path, expected) => {
    expect(resolveApiURL(BASE, path).href).toBe(expected);
  });

  it('adds the query, leaving out undefined values', () => {
    const url = resolveApiURL(BASE, '/list?x=1', { limit: 250, from: undefined, active: true, x: '2' });
    expect(url.search).toBe('?x=2&limit=250&active=true');
  });

  it.each([
    ['another host', 'https://elsewhere.example/api/v1/memberships'],
    ['the production host of a _links href without /v1', `${ORIGIN}/memberships`],
    ['a path that climbs out', '../../oauth/token'],
    ['a protocol-relative URL', '//elsewhere.example/api/v1/x'],
    ['another scheme', 'http://provider.test/api/v1/x'],
    ['a sibling prefix', `${ORIGIN}/api/v10/x`],
  ])('refuses %s with a TypeError naming apiBaseURL', (_name, path) => {
    expect(() => resolveApiURL(BASE, path)).toThrow(TypeError);
    expect(() => resolveApiURL(BASE, path)).toThrow(/is not under apiBaseURL https:\/\/provider\.test\/api\/v1/);
  });

  it('refuses an empty path and a missing apiBaseURL', () => {
    expect(() => resolveApiURL(BASE, '')).toThrow('TestProv API call requires a path or URL');
    expect(() => resolveApiURL({ provider: 'TestProv', apiBaseURL: undefined }, '/x')).toThrow(
      'TestProv API call: apiBaseURL is not an absolute URL',
    );
  });
});

describe('ProviderStrategy.apiGet(): an opt-in single retry after a short 429', () => {
  it('without retryRateLimitedWithin: the 429 error with retryAfter, one request', async () => {
    const target = scripted([rateLimited(0), OK]);
    await expect(target.apiGet('token-1', '/x')).rejects.toMatchObject({ reason: 'rate_limited', retryAfter: 0 });
    expect(target.urls).toHaveLength(1);
  });

  it('retries once when retry-after is within the limit, and resolves with the second answer', async () => {
    const target = scripted([rateLimited(0), OK]);
    await expect(target.apiGet('token-1', '/x', { retryRateLimitedWithin: 5 })).resolves.toBe(OK);
    expect(target.urls).toEqual([`${ORIGIN}/api/v1/x`, `${ORIGIN}/api/v1/x`]);
  });

  it('does not retry a longer wait, a 429 without retry-after, or other errors', async () => {
    for (const error of [
      rateLimited(30),
      rateLimited(undefined),
      new ProviderApiError('500', { provider: 'TestProv', reason: 'provider_error', providerStatus: 500 }),
    ]) {
      const target = scripted([error, OK]);
      await expect(target.apiGet('token-1', '/x', { retryRateLimitedWithin: 5 })).rejects.toBe(error);
      expect(target.urls).toHaveLength(1);
    }
  });

  it('retries only once: a second 429 is the error', async () => {
    const second = rateLimited(0);
    const target = scripted([rateLimited(0), second, OK]);
    await expect(target.apiGet('token-1', '/x', { retryRateLimitedWithin: 5 })).rejects.toBe(second);
    expect(target.urls).toHaveLength(2);
  });

  it('names the endpoint by its path, or by `label`', async () => {
    const target = scripted([OK, OK]);
    await target.apiGet('token-1', '/customers?page=2');
    await target.apiGet('token-1', '/customers', { label: 'customers endpoint' });
    expect(target.labels).toEqual(['API GET /api/v1/customers', 'customers endpoint']);
  });

  it.each([-1, 61, Number.NaN])('refuses retryRateLimitedWithin %p before any request', async (value) => {
    const target = scripted([OK]);
    await expect(target.apiGet('token-1', '/x', { retryRateLimitedWithin: value })).rejects.toThrow(
      'TestProv API call: retryRateLimitedWithin must be a number of seconds from 0 to 60',
    );
    expect(target.urls).toHaveLength(0);
  });
});

describe('ProviderStrategy.apiGet(): bad arguments', () => {
  it('refuses an empty access token with a TypeError, before any request', async () => {
    const target = scripted([OK]);
    await expect(target.apiGet('', '/x')).rejects.toThrow('TestProv API call requires an access token');
    expect(target.urls).toHaveLength(0);
  });
});

describe('collectPages(): every page in order, bounded', () => {
  it('follows the cursors until a page has none', async () => {
    const cursors: Array<string | undefined> = [];
    const pages: Record<string, { items: number[]; next: string | undefined }> = {
      start: { items: [1, 2], next: 'b' },
      b: { items: [3], next: 'c' },
      c: { items: [4], next: undefined },
    };
    const items = await collectPages(
      async (cursor) => {
        cursors.push(cursor);
        return pages[cursor ?? 'start'];
      },
      { provider: 'TestProv', label: 'list', maxPages: 5 },
    );
    expect(items).toEqual([1, 2, 3, 4]);
    expect(cursors).toEqual([undefined, 'b', 'c']);
  });

  it('rejects past maxPages and on a repeated cursor', async () => {
    let n = 0;
    await expect(
      collectPages(async () => ({ items: [n], next: `c${++n}` }), { provider: 'TestProv', label: 'list', maxPages: 2 }),
    ).rejects.toThrow('TestProv list has more than 2 pages (maxPages)');
    await expect(
      collectPages(async () => ({ items: [], next: 'same' }), { provider: 'TestProv', label: 'list', maxPages: 9 }),
    ).rejects.toThrow('TestProv list named the same next page twice');
  });
});

describe('ProviderStrategy.apiGet(): the strategy’s headers and typed errors, under apiBaseURL', () => {
  it('sends Accept, the provider’s API headers and the bearer token, and resolves with the JSON', async () => {
    const strategy = new TestStrategy({ ...OPTIONS, apiBaseURL: `${ORIGIN}/api/v1` }, () => undefined);
    const received: CapturedRequest[] = [];
    nock(ORIGIN)
      .get('/api/v1/things')
      .query({ page: '2' })
      .reply(captureReply(received, 200, { data: [1] }));
    const answer = await strategy.apiGet('token-abc', '/things', { query: { page: 2 } });
    strategy.close();
    expect(answer.json).toEqual({ data: [1] });
    expect(received[0].headers).toMatchObject({
      accept: 'application/json',
      'x-api-version': '3',
      authorization: 'Bearer token-abc',
    });
  });

  it('a 4xx is a ProviderApiError with the provider’s text, without the token', async () => {
    const strategy = new TestStrategy({ ...OPTIONS, apiBaseURL: `${ORIGIN}/api/v1` }, () => undefined);
    nock(ORIGIN).get('/api/v1/things').reply(401, { error_description: 'token token-abc expired' });
    const failure = strategy.apiGet('token-abc', '/things');
    await expect(failure).rejects.toBeInstanceOf(ProviderApiError);
    await expect(failure).rejects.toMatchObject({
      message: 'TestProv API GET /api/v1/things answered 401: token [redacted] expired',
      providerStatus: 401,
    });
    strategy.close();
  });

  it('refuses a provider without an API base, and an apiBaseURL that is not a URL', async () => {
    const strategy = new TestStrategy(OPTIONS, () => undefined);
    await expect(strategy.apiGet('t', '/x')).rejects.toThrow('TestProv API call: apiBaseURL is not an absolute URL');
    strategy.close();
    expect(() => new TestStrategy({ ...OPTIONS, apiBaseURL: 'not a url' }, () => undefined)).toThrow(
      'TestProv strategy: not a url is not an absolute URL',
    );
  });
});
