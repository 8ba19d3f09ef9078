import type { Express, Request, Response } from 'express';
import { SandboxError } from '../errors';
import { bearerToken, delay } from '../http-helpers';
import type { ProviderContext } from '../provider-module';
import { SEEDED_USERS } from '../users';

/** A Petje.af page (a creator) with its plans. */
export interface SandboxPetjeafPage {
  id: string;
  name: string;
  slug: string;
  /** Where a visitor becomes a member (on the real site: `https://petje.af/<slug>`). */
  url: string;
  plans: ReadonlyArray<{ id: string; name: string; amount: number }>;
}

/** The sandbox's own page: the page whose members the demo's "Members only" page admits. */
export const SANDBOX_PETJEAF_PAGE: SandboxPetjeafPage = {
  id: 'pgSandboxPodcast00001',
  name: 'De Sandbox Podcast',
  slug: 'desandboxpodcast',
  url: 'https://petje.af/desandboxpodcast',
  plans: [
    { id: 'plnFan000000001', name: 'Fan', amount: 3 },
    { id: 'plnSuperfan00002', name: 'Superfan', amount: 10 },
  ],
};

/** Another creator's page, so that "a member, but of another page" can be seen. */
export const OTHER_PETJEAF_PAGE: SandboxPetjeafPage = {
  id: 'pgAnderAtelier000002',
  name: 'Het Andere Atelier',
  slug: 'hetandereatelier',
  url: 'https://petje.af/hetandereatelier',
  plans: [{ id: 'plnSteun0000003', name: 'Steunpilaar', amount: 5 }],
};

/** A seeded membership: which user, which page and plan, and its status. */
interface SeededMembership {
  id: string;
  userId: string;
  page: SandboxPetjeafPage;
  planIndex: number;
  status: string;
  number: number;
}

const [zoe, daan] = SEEDED_USERS.petjeaf;

/**
 * The seeded memberships: the first user (Zoë) is an active member of the sandbox's page
 * (Superfan, status `active_end_month` as in the docs) and also of the other page; the
 * second (Daan) only of the other page; the third (Fatima) has none.
 */
export const SEEDED_MEMBERSHIPS: readonly SeededMembership[] = [
  {
    id: 'msZoeSandbox00000001',
    userId: zoe.id,
    page: SANDBOX_PETJEAF_PAGE,
    planIndex: 1,
    status: 'active_end_month',
    number: 1,
  },
  { id: 'msZoeAtelier00000002', userId: zoe.id, page: OTHER_PETJEAF_PAGE, planIndex: 0, status: 'active', number: 7 },
  { id: 'msDaanAtelier0000003', userId: daan.id, page: OTHER_PETJEAF_PAGE, planIndex: 0, status: 'active', number: 8 },
];

/** The documented maximum of `limit`; the default when absent is the sandbox's choice (not documented). */
const MAX_LIMIT = 250;
const DEFAULT_LIMIT = 25;
/** The docs' `_links` point at the production host without `/v1`; so do the sandbox's, so that clients must not follow them. */
const LINK_ORIGIN = 'https://api.petje.af';
const SCOPE = 'memberships.read';

/** A membership as `GET /v1/memberships` answers it (the documented fields). */
function toResource(membership: SeededMembership): Record<string, unknown> {
  const plan = membership.page.plans[membership.planIndex];
  return {
    resource: 'memberships',
    id: membership.id,
    userId: membership.userId,
    amount: plan.amount,
    interval: 'month',
    intervalLabel: 'per maand',
    number: membership.number,
    pageId: membership.page.id,
    pageName: membership.page.name,
    pageSlug: membership.page.slug,
    plan: plan.name,
    planId: plan.id,
    status: membership.status,
    _links: {
      self: { href: `${LINK_ORIGIN}/memberships/${membership.id}` },
      rewards: { href: `${LINK_ORIGIN}/memberships/${membership.id}/rewards` },
    },
  };
}

/**
 * Petje.af's memberships API on `app`: `GET /v1/memberships` (query `pageId`, `limit` at most
 * 250, `from`: continue after the membership with this id; HAL+JSON `count`,
 * `_embedded.memberships`, `_links.self`, `_links.next` null on the last page) and
 * `GET /v1/memberships/:id`, both for the token's own user and only with the scope
 * `memberships.read` (403 problem details otherwise).
 *
 * @see https://docs.petje.af/petje.af-api/reference/memberships-1
 */
export function addMembershipRoutes(app: Express, context: ProviderContext): void {
  /** The token user's memberships, or undefined when the token lacks the scope. */
  const ownMemberships = (req: Request): SeededMembership[] | undefined => {
    const grant = context.store.findAccess(bearerToken(req));
    if (!grant.scope.includes(SCOPE)) return undefined;
    // A client_credentials token (Gofundo-style, no user) has no memberships of its own.
    const user = context.store.findUser(bearerToken(req));
    return SEEDED_MEMBERSHIPS.filter((membership) => membership.userId === user.id);
  };

  app.get('/v1/memberships', delay(context.delayMs), (req: Request, res: Response) => {
    const mine = ownMemberships(req);
    if (!mine) return forbidden(res);
    const pageId = queryText(req, 'pageId');
    const limit = queryLimit(req);
    const from = queryText(req, 'from');
    const matching = pageId === undefined ? mine : mine.filter((membership) => membership.page.id === pageId);
    let start = 0;
    if (from !== undefined) {
      const index = matching.findIndex((membership) => membership.id === from);
      if (index < 0) throw new SandboxError('invalid_request', 'from is not the id of one of these memberships');
      start = index + 1;
    }
    const slice = matching.slice(start, start + limit);
    const more = start + limit < matching.length;
    const query = (extra: Record<string, string>) =>
      new URLSearchParams({ ...(pageId ? { pageId } : {}), limit: String(limit), ...extra }).toString();
    res.type('application/hal+json').json({
      count: slice.length,
      _embedded: { memberships: slice.map(toResource) },
      _links: {
        self: { href: `${LINK_ORIGIN}/memberships?${query(from ? { from } : {})}` },
        next: more ? { href: `${LINK_ORIGIN}/memberships?${query({ from: slice[slice.length - 1].id })}` } : null,
      },
    });
  });

  app.get('/v1/memberships/:id', delay(context.delayMs), (req: Request, res: Response) => {
    const mine = ownMemberships(req);
    if (!mine) return forbidden(res);
    const membership = mine.find((item) => item.id === req.params.id);
    if (!membership) throw new SandboxError('invalid_request', 'no such membership', 404);
    res.type('application/hal+json').json(toResource(membership));
  });
}

/** The 403 problem-details answer when the token lacks `memberships.read`. */
function forbidden(res: Response): void {
  res.status(403).json({
    status: 403,
    title: 'Forbidden',
    detail: `Insufficient scope: this token was not granted ${SCOPE}`,
    _links: { documentation: { href: 'https://docs.petje.af', type: 'text/html' } },
  });
}

function queryText(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '')
    throw new SandboxError('invalid_request', `${name} must be one text value`);
  return value;
}

function queryLimit(req: Request): number {
  const text = queryText(req, 'limit');
  if (text === undefined) return DEFAULT_LIMIT;
  const limit = Number(text);
  if (!/^\d+$/.test(text) || limit < 1 || limit > MAX_LIMIT) {
    throw new SandboxError('invalid_request', `limit must be an integer from 1 to ${MAX_LIMIT}`);
  }
  return limit;
}
