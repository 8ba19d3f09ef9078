import request from 'supertest';
import { OTHER_PETJEAF_PAGE, SANDBOX_PETJEAF_PAGE } from 'passport-nl-sandbox';
import { approvedCode, codeGrant, postToken, useSandbox } from './support';

const { sandbox } = useSandbox();
const petjeaf = () => sandbox().providers.petjeaf;
const [zoe, daan, fatima] = [0, 1, 2];

/** An access token of seeded user `index`, granted `scope`. */
async function tokenOf(index: number, scope = 'profile.read memberships.read'): Promise<string> {
  const user = petjeaf().users[index];
  const res = await postToken(petjeaf(), codeGrant(petjeaf(), approvedCode(petjeaf(), { scope }, user.id)));
  return res.body.access_token as string;
}

function getMemberships(token: string, query: Record<string, string> = {}, path = '/v1/memberships') {
  return request(petjeaf().origin).get(path).query(query).set('Authorization', `Bearer ${token}`);
}

describe('Petje.af GET /v1/memberships: HAL+JSON with the documented fields', () => {
  it('serves the API base at /v1 for apiBaseURL', () => {
    expect(petjeaf().apiBaseURL).toBe(`${petjeaf().origin}/v1`);
  });

  it('answers the first user’s memberships: the sandbox page (active_end_month) and another page', async () => {
    const res = await getMemberships(await tokenOf(zoe));
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/hal+json');
    expect(res.body.count).toBe(2);
    expect(res.body._links.next).toBeNull();
    expect(res.body._embedded.memberships[0]).toEqual({
      resource: 'memberships',
      id: 'msZoeSandbox00000001',
      userId: petjeaf().users[zoe].id,
      amount: 10,
      interval: 'month',
      intervalLabel: 'per maand',
      number: 1,
      pageId: SANDBOX_PETJEAF_PAGE.id,
      pageName: SANDBOX_PETJEAF_PAGE.name,
      pageSlug: SANDBOX_PETJEAF_PAGE.slug,
      plan: 'Superfan',
      planId: SANDBOX_PETJEAF_PAGE.plans[1].id,
      status: 'active_end_month',
      _links: {
        self: { href: 'https://api.petje.af/memberships/msZoeSandbox00000001' },
        rewards: { href: 'https://api.petje.af/memberships/msZoeSandbox00000001/rewards' },
      },
    });
    expect(res.body._embedded.memberships[1].pageId).toBe(OTHER_PETJEAF_PAGE.id);
  });

  it('seeds a member of another page only, and a user without memberships', async () => {
    const other = await getMemberships(await tokenOf(daan));
    expect(other.body._embedded.memberships.map((m: { pageId: string }) => m.pageId)).toEqual([OTHER_PETJEAF_PAGE.id]);
    const none = await getMemberships(await tokenOf(fatima));
    expect(none.body).toMatchObject({ count: 0, _embedded: { memberships: [] }, _links: { next: null } });
  });

  it('filters by pageId', async () => {
    const res = await getMemberships(await tokenOf(zoe), { pageId: OTHER_PETJEAF_PAGE.id });
    expect(res.body._embedded.memberships.map((m: { id: string }) => m.id)).toEqual(['msZoeAtelier00000002']);
  });

  it('pages with limit and from; _links.next names the production host, null on the last page', async () => {
    const token = await tokenOf(zoe);
    const first = await getMemberships(token, { limit: '1' });
    expect(first.body.count).toBe(1);
    expect(first.body._links.next.href).toBe('https://api.petje.af/memberships?limit=1&from=msZoeSandbox00000001');
    const second = await getMemberships(token, { limit: '1', from: 'msZoeSandbox00000001' });
    expect(second.body._embedded.memberships[0].id).toBe('msZoeAtelier00000002');
    expect(second.body._links.next).toBeNull();
  });

  it.each([
    [{ limit: '251' }, 'Invalid request: limit must be an integer from 1 to 250'],
    [{ limit: '0' }, 'Invalid request: limit must be an integer from 1 to 250'],
    [{ from: 'unknown' }, 'Invalid request: from is not the id of one of these memberships'],
  ])('refuses %p with 400 problem details', async (query, detail) => {
    const res = await getMemberships(await tokenOf(zoe), query);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, title: 'Bad Request', detail });
  });

  it('GET /v1/memberships/:id answers one of the user’s own memberships, 404 for another user’s', async () => {
    const token = await tokenOf(zoe);
    const own = await getMemberships(token, {}, '/v1/memberships/msZoeSandbox00000001');
    expect(own.body).toMatchObject({ id: 'msZoeSandbox00000001', pageId: SANDBOX_PETJEAF_PAGE.id });
    const others = await getMemberships(token, {}, '/v1/memberships/msDaanAtelier0000003');
    expect(others.status).toBe(404);
  });
});

describe('Petje.af memberships: scope memberships.read enforced', () => {
  it('answers 403 problem details to a token without memberships.read', async () => {
    const res = await getMemberships(await tokenOf(zoe, 'profile.read'));
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      status: 403,
      title: 'Forbidden',
      detail: 'Insufficient scope: this token was not granted memberships.read',
      _links: { documentation: { href: 'https://docs.petje.af', type: 'text/html' } },
    });
  });

  it('answers 401 without a valid bearer token', async () => {
    const res = await getMemberships('not-a-token');
    expect(res.status).toBe(401);
  });
});
