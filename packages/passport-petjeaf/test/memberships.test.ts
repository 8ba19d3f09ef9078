import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import {
  captureReply,
  completeLogin,
  createLoginApp,
  fakeJwt,
  useNock,
  type CapturedRequest,
} from '@internal/test-support';
import {
  activeMembership,
  isActiveMember,
  ProviderApiError,
  Strategy,
  type PetjeafMembership,
  type PetjeafProfile,
} from 'passport-petjeaf';
import { API_ORIGIN, keepProfile, mockTokenEndpoint, options, tokenAnswer, userClaims } from './support';

useNock();

const ACCESS_TOKEN = fakeJwt(userClaims());
const PAGE_ID = 'Xk2pL9mQ4rT7vB1nC8sD';

/** The documented answer of `GET /v1/memberships` (see fixtures/README.md). */
function documentedAnswer(): { count: number; _embedded: { memberships: PetjeafMembership[] }; _links: object } {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', 'memberships-200.json'), 'utf8')) as never;
}

function membership(id: string, extra: Partial<PetjeafMembership> = {}): PetjeafMembership {
  return { ...documentedAnswer()._embedded.memberships[0], id, ...extra };
}

/** One HAL page; `next` names a URL on another host, as the docs' links do (production host, no `/v1`). */
function page(memberships: PetjeafMembership[], hasNext: boolean): Record<string, unknown> {
  return {
    count: memberships.length,
    _embedded: { memberships },
    _links: {
      self: { href: 'https://api.petje.af/memberships' },
      next: hasNext ? { href: `https://elsewhere.example/memberships?from=${memberships.at(-1)?.id}` } : null,
    },
  };
}

function mockMemberships(status: number, answer: nock.Body, into: CapturedRequest[] = [], origin = API_ORIGIN) {
  return nock(origin)
    .get('/v1/memberships')
    .query(true)
    .reply(captureReply(into, status, answer));
}

let strategy: Strategy;
beforeEach(() => {
  strategy = new Strategy(options, keepProfile);
});
afterEach(() => strategy.close());

describe('memberships(): GET /v1/memberships with the bearer token (docs: reference/memberships-1)', () => {
  it('returns the documented membership with all its fields', async () => {
    mockMemberships(200, documentedAnswer());
    await expect(strategy.memberships(ACCESS_TOKEN)).resolves.toEqual(documentedAnswer()._embedded.memberships);
  });

  it('sends the token in Authorization (never in the URL), Accept: application/json and the documented limit', async () => {
    const received: CapturedRequest[] = [];
    mockMemberships(200, documentedAnswer(), received);
    await strategy.memberships(ACCESS_TOKEN);
    expect(received).toHaveLength(1);
    expect(received[0].path).toBe('/v1/memberships?limit=250');
    expect(received[0].headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(received[0].headers.accept).toBe('application/json');
  });

  it('asks for one page only with { pageId }', async () => {
    const received: CapturedRequest[] = [];
    mockMemberships(200, documentedAnswer(), received);
    await strategy.memberships(ACCESS_TOKEN, { pageId: PAGE_ID });
    expect(new URL(received[0].path, API_ORIGIN).searchParams.get('pageId')).toBe(PAGE_ID);
  });

  it('reads an empty list (count 0) as no memberships', async () => {
    mockMemberships(200, { count: 0, _embedded: { memberships: [] }, _links: { self: { href: 'x' }, next: null } });
    await expect(strategy.memberships(ACCESS_TOKEN)).resolves.toEqual([]);
  });

  it('reads from apiBaseURL when given (e.g. the newer api.petjeaf.com host)', async () => {
    const other = new Strategy({ ...options, apiBaseURL: 'https://api.petjeaf.com/v1' }, keepProfile);
    const scope = mockMemberships(200, documentedAnswer(), [], 'https://api.petjeaf.com');
    await other.memberships(ACCESS_TOKEN);
    other.close();
    expect(scope.isDone()).toBe(true);
  });
});

describe('memberships(): paging with the `from` cursor while _links.next is not null', () => {
  it('reads three pages, sending from=<last id of the page before>, only to apiBaseURL', async () => {
    const received: CapturedRequest[] = [];
    const first = [membership('m1'), membership('m2')];
    const second = [membership('m3'), membership('m4')];
    const third = [membership('m5')];
    mockMemberships(200, page(first, true), received);
    mockMemberships(200, page(second, true), received);
    mockMemberships(200, page(third, false), received);
    const all = await strategy.memberships(ACCESS_TOKEN, { pageSize: 2 });
    expect(all.map((item) => item.id)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(received.map((request) => request.path)).toEqual([
      '/v1/memberships?limit=2',
      '/v1/memberships?limit=2&from=m2',
      '/v1/memberships?limit=2&from=m4',
    ]);
    // nock.disableNetConnect() would have failed a request to elsewhere.example; all went to the API host.
    expect(received.every((request) => request.headers.authorization === `Bearer ${ACCESS_TOKEN}`)).toBe(true);
  });

  it('stops at maxPages with an error instead of a list cut short', async () => {
    for (let n = 1; n <= 3; n++) mockMemberships(200, page([membership(`m${n}`)], true));
    const failure = strategy.memberships(ACCESS_TOKEN, { pageSize: 1, maxPages: 3 });
    await expect(failure).rejects.toBeInstanceOf(ProviderApiError);
    await expect(failure).rejects.toMatchObject({
      message: 'Petje.af memberships endpoint has more than 3 pages (maxPages)',
      reason: 'unexpected_shape',
    });
  });

  it('stops when a page repeats the cursor of an earlier one', async () => {
    mockMemberships(200, page([membership('m1')], true));
    mockMemberships(200, page([membership('m1')], true));
    await expect(strategy.memberships(ACCESS_TOKEN, { pageSize: 1 })).rejects.toMatchObject({
      message: 'Petje.af memberships endpoint named the same next page twice',
    });
  });
});

describe('memberships(): refusals and bad answers are typed errors with Petje.af text', () => {
  it('403 without memberships.read: the problem-details detail, status 403', async () => {
    mockMemberships(403, { status: 403, title: 'Forbidden', detail: 'Missing scope memberships.read' });
    const failure = strategy.memberships(ACCESS_TOKEN);
    await expect(failure).rejects.toBeInstanceOf(ProviderApiError);
    await expect(failure).rejects.toMatchObject({
      message: 'Petje.af memberships endpoint answered 403: Missing scope memberships.read',
      providerStatus: 403,
      status: 403,
    });
  });

  it.each([
    ['an HTML page', 200, '<!doctype html><html><body>Maintenance</body></html>', 'html_body'],
    [
      'a 500 with problem details',
      500,
      { status: 500, title: 'Internal Server Error', detail: 'Boom' },
      'provider_error',
    ],
    ['a 502 HTML page', 502, '<html><body>Bad gateway</body></html>', 'provider_error'],
    ['invalid JSON', 200, '{"count": 1, "_embedded": ', 'invalid_json'],
    ['no _embedded.memberships', 200, { count: 2, _links: { next: null } }, 'unexpected_shape'],
    [
      'a membership without status',
      200,
      page([{ ...membership('m1'), status: undefined as never }], false),
      'unexpected_shape',
    ],
    ['an empty page linking to a next one', 200, page([], true), 'unexpected_shape'],
  ])('%s → ProviderApiError (%s)', async (_name, status, body, reason) => {
    mockMemberships(status, body);
    const failure = strategy.memberships(ACCESS_TOKEN);
    await expect(failure).rejects.toBeInstanceOf(ProviderApiError);
    await expect(failure).rejects.toMatchObject({ reason });
    await expect(failure).rejects.not.toHaveProperty('message', expect.stringContaining(ACCESS_TOKEN));
  });

  it('names the bad shape in the message', async () => {
    mockMemberships(200, { count: 2 });
    await expect(strategy.memberships(ACCESS_TOKEN)).rejects.toThrow(
      'Petje.af memberships endpoint answered 200 without an _embedded.memberships list',
    );
  });

  it.each([
    ['an empty access token', () => strategy.memberships(''), 'Petje.af memberships() requires an access token'],
    ['pageSize 0', () => strategy.memberships('t', { pageSize: 0 }), 'pageSize must be an integer from 1 to 250'],
    ['pageSize 251', () => strategy.memberships('t', { pageSize: 251 }), 'pageSize must be an integer from 1 to 250'],
    ['an empty pageId', () => strategy.memberships('t', { pageId: '' }), 'pageId must be a non-empty string'],
    ['maxPages 0', () => strategy.memberships('t', { maxPages: 0 }), 'maxPages must be a positive integer'],
  ])('refuses %s with a TypeError, before any request', async (_name, call, message) => {
    await expect(call()).rejects.toThrow(TypeError);
    await expect(call()).rejects.toThrow(message);
  });
});

describe('isActiveMember(): an active membership of the page (statuses: an assumption, configurable)', () => {
  const documented = documentedAnswer()._embedded.memberships;

  it('counts the documented status active_end_month of the page', () => {
    expect(isActiveMember(documented, { pageId: PAGE_ID })).toBe(true);
    expect(activeMembership(documented, { pageId: PAGE_ID })?.plan).toBe('Fan');
  });

  it('is false for a membership of another page, or no memberships', () => {
    expect(isActiveMember(documented, { pageId: 'another-page' })).toBe(false);
    expect(isActiveMember([], { pageId: PAGE_ID })).toBe(false);
  });

  it('checks planIds when given', () => {
    expect(isActiveMember(documented, { pageId: PAGE_ID, planIds: ['pL4n7QxR2mT9'] })).toBe(true);
    expect(isActiveMember(documented, { pageId: PAGE_ID, planIds: ['gold-plan'] })).toBe(false);
  });

  it('counts active by default, not other statuses, and takes activeStatuses', () => {
    expect(isActiveMember([membership('a', { status: 'active' })], { pageId: PAGE_ID })).toBe(true);
    expect(isActiveMember([membership('c', { status: 'cancelled' })], { pageId: PAGE_ID })).toBe(false);
    expect(isActiveMember(documented, { pageId: PAGE_ID, activeStatuses: ['active'] })).toBe(false);
    expect(
      isActiveMember([membership('c', { status: 'cancelled' })], { pageId: PAGE_ID, activeStatuses: ['cancelled'] }),
    ).toBe(true);
  });

  it('refuses a missing list or pageId with a TypeError', () => {
    expect(() => isActiveMember(undefined as never, { pageId: PAGE_ID })).toThrow(TypeError);
    expect(() => isActiveMember(documented, { pageId: '' })).toThrow('isActiveMember() requires a pageId');
  });
});

describe('loadMemberships: the memberships in profile.memberships at login (one more request, only when asked)', () => {
  async function login(strategyOptions: Partial<typeof options> & Record<string, unknown>, scope?: string) {
    const answer = { ...tokenAnswer(ACCESS_TOKEN), scope };
    if (scope === undefined) delete answer.scope;
    const tokenRequests: CapturedRequest[] = [];
    mockTokenEndpoint(200, answer, tokenRequests);
    const loginStrategy = new Strategy({ ...options, ...strategyOptions }, keepProfile);
    try {
      const outcome = await completeLogin(createLoginApp(loginStrategy));
      return { outcome, profile: outcome.body.user as unknown as PetjeafProfile, tokenRequests };
    } finally {
      loginStrategy.close();
    }
  }

  it('without the option: only the token request, and no memberships in the profile', async () => {
    const { profile, tokenRequests } = await login({}, 'profile.read memberships.read');
    expect(tokenRequests).toHaveLength(1);
    expect(profile.id).toBe(userClaims().id);
    expect(profile).not.toHaveProperty('memberships');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('with the option and the scope granted: exactly one memberships request, the list in the profile', async () => {
    const received: CapturedRequest[] = [];
    mockMemberships(200, documentedAnswer(), received);
    const { profile, tokenRequests } = await login({ loadMemberships: true }, 'profile.read memberships.read');
    expect(tokenRequests.length + received.length).toBe(2);
    expect(profile.memberships).toEqual({ known: true, list: documentedAnswer()._embedded.memberships });
  });

  it('with { pageId }: asks for that page only', async () => {
    const received: CapturedRequest[] = [];
    mockMemberships(200, documentedAnswer(), received);
    await login({ loadMemberships: { pageId: PAGE_ID } }, 'memberships.read');
    expect(received[0].path).toBe(`/v1/memberships?pageId=${PAGE_ID}&limit=250`);
  });

  it('scope not in the token answer: the login succeeds without a request, memberships unknown (not an empty list)', async () => {
    const { outcome, profile } = await login({ loadMemberships: true }, 'profile.read');
    expect(outcome.status).toBe(200);
    expect(profile.memberships).toEqual({
      known: false,
      reason: 'scope_not_granted',
      message: 'Petje.af did not grant the memberships.read scope, so the memberships are unknown',
    });
  });

  it.each([
    ['the token answer lists the scope', 'memberships.read'],
    ['the token answer has no scope', undefined],
  ])('a 403 when %s: the login succeeds, memberships unknown (scope_not_granted)', async (_name, scope) => {
    mockMemberships(403, { status: 403, title: 'Forbidden', detail: 'Insufficient scope' });
    const { outcome, profile } = await login({ loadMemberships: true }, scope);
    expect(outcome.status).toBe(200);
    expect(profile.memberships).toEqual({
      known: false,
      reason: 'scope_not_granted',
      message: 'Petje.af memberships endpoint answered 403: Insufficient scope',
    });
  });

  it('a failing endpoint: the login succeeds, memberships unknown (request_failed) with the reason', async () => {
    mockMemberships(503, '<html><body>Down for maintenance</body></html>');
    const { profile } = await login({ loadMemberships: true }, 'memberships.read');
    expect(profile.memberships).toEqual({
      known: false,
      reason: 'request_failed',
      message: 'Petje.af memberships endpoint answered 503 with an HTML page instead of a JSON error',
    });
  });

  it('refuses a loadMemberships that is not true, false or { pageId }', () => {
    expect(() => new Strategy({ ...options, loadMemberships: 'yes' as never }, keepProfile)).toThrow(
      'Petje.af strategy: loadMemberships must be true, false or { pageId }',
    );
    expect(() => new Strategy({ ...options, loadMemberships: { pageId: '' } }, keepProfile)).toThrow(
      'Petje.af loadMemberships.pageId must be a non-empty string',
    );
  });
});
