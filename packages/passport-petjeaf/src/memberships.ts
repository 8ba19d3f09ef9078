import { isRecord } from 'passport-provider-kit';

/** The scope that lets an app read the user's memberships. @see https://docs.petje.af/petje.af-api/authentication/scopes */
export const MEMBERSHIPS_SCOPE = 'memberships.read';

/** The most memberships one page may hold ("limit", at most 250). @see https://docs.petje.af/petje.af-api/reference/memberships-1 */
export const MAX_MEMBERSHIPS_PAGE_SIZE = 250;

/**
 * The statuses {@link isActiveMember} counts as active by default. **An assumption**:
 * Petje.af publishes no list of statuses; its docs show only `active_end_month` (read as
 * "paid up, ends at the end of the month"); `active` is assumed for a running membership.
 * Pass `activeStatuses` to decide otherwise.
 */
export const DEFAULT_ACTIVE_STATUSES: readonly string[] = ['active', 'active_end_month'];

/** A HAL link. */
export interface PetjeafLink {
  href: string;
}

/**
 * One membership of the user, as `GET /v1/memberships` answers it. Only `id`, `pageId` and
 * `status` are required here; the other documented fields are kept when present, and
 * fields Petje.af adds later are kept as they come.
 *
 * @see https://docs.petje.af/petje.af-api/reference/memberships-1
 */
export interface PetjeafMembership {
  /** `"memberships"`. */
  resource?: string;
  /** The membership's id; the `from` cursor of the next page. */
  id: string;
  /** The member's user id (28-character string in the docs' examples). */
  userId?: string;
  /** What the member pays per interval. */
  amount?: number;
  /** e.g. `"month"`. */
  interval?: string;
  /** The interval as shown to people. */
  intervalLabel?: string;
  /** The membership's number. */
  number?: number | string;
  /** The page (creator) this is a membership of. */
  pageId: string;
  pageName?: string;
  pageSlug?: string;
  /** The plan's name. */
  plan?: string;
  planId?: string;
  /** e.g. `"active_end_month"`; no list of statuses is published (see {@link DEFAULT_ACTIVE_STATUSES}). */
  status: string;
  _links?: { self?: PetjeafLink; rewards?: PetjeafLink; [name: string]: PetjeafLink | undefined };
  [field: string]: unknown;
}

/**
 * The memberships loaded at login (`loadMemberships: true`), in `profile.memberships`:
 * either the list (`known: true`), or why it is not known. An unknown list is never an
 * empty one: a user whose memberships could not be read is not "not a member".
 */
export type PetjeafMembershipsAtLogin =
  | { known: true; list: PetjeafMembership[] }
  | {
      known: false;
      /**
       * `scope_not_granted`: the user unticked `memberships.read` on the consent page (the
       * token answer's `scope` lacks it, or Petje.af answered 403); `request_failed`: the
       * memberships endpoint failed (see `message`).
       */
      reason: 'scope_not_granted' | 'request_failed';
      /** A sentence for people and logs; never holds the token. */
      message: string;
    };

/** What {@link isActiveMember} checks. */
export interface ActiveMemberCriteria {
  /** The page (creator) the user must be a member of. */
  pageId: string;
  /** Only these plans count; default any plan of the page. */
  planIds?: readonly string[];
  /** Statuses that count as active. Default {@link DEFAULT_ACTIVE_STATUSES} (an assumption). */
  activeStatuses?: readonly string[];
}

/**
 * The user's active membership of `pageId` (on one of `planIds` when given), or
 * `undefined`. Use it to show the plan; {@link isActiveMember} when a yes/no is enough.
 */
export function activeMembership(
  memberships: readonly PetjeafMembership[],
  criteria: ActiveMemberCriteria,
): PetjeafMembership | undefined {
  if (!Array.isArray(memberships)) throw new TypeError('isActiveMember() requires the list of memberships');
  if (typeof criteria?.pageId !== 'string' || criteria.pageId === '') {
    throw new TypeError('isActiveMember() requires a pageId');
  }
  const statuses = criteria.activeStatuses ?? DEFAULT_ACTIVE_STATUSES;
  return memberships.find(
    (membership) =>
      membership.pageId === criteria.pageId &&
      statuses.includes(membership.status) &&
      (criteria.planIds === undefined ||
        (membership.planId !== undefined && criteria.planIds.includes(membership.planId))),
  );
}

/**
 * Whether the memberships include an active one of `pageId` (on one of `planIds` when
 * given). Which statuses are active is configurable (`activeStatuses`); the default is an
 * assumption, see {@link DEFAULT_ACTIVE_STATUSES}.
 *
 * @example
 * ```ts
 * const memberships = await strategy.memberships(accessToken, { pageId });
 * if (isActiveMember(memberships, { pageId, planIds: ['gold'] })) showPage();
 * ```
 */
export function isActiveMember(memberships: readonly PetjeafMembership[], criteria: ActiveMemberCriteria): boolean {
  return activeMembership(memberships, criteria) !== undefined;
}

/** One page of `GET /v1/memberships`, read: its memberships and whether a next page exists. */
export interface MembershipsPage {
  memberships: PetjeafMembership[];
  hasNext: boolean;
}

/**
 * Reads one HAL page of the memberships endpoint: `_embedded.memberships[]` and
 * `_links.next` (`null` on the last page). Returns a sentence saying what is wrong instead
 * when the answer does not have that shape (a membership without a string `id`, `pageId`
 * or `status` included: a list with an unreadable entry is not treated as complete).
 */
export function parseMembershipsPage(json: Record<string, unknown>): MembershipsPage | string {
  const embedded = json._embedded;
  const list = isRecord(embedded) ? embedded.memberships : undefined;
  const links = isRecord(json._links) ? json._links : {};
  const hasNext = isRecord(links.next) && typeof links.next.href === 'string' && links.next.href !== '';
  if (list === undefined && json.count === 0 && !hasNext) return { memberships: [], hasNext: false };
  if (!Array.isArray(list)) return 'without an _embedded.memberships list';
  const memberships: PetjeafMembership[] = [];
  for (const [index, item] of list.entries()) {
    if (!isMembership(item)) return `with membership ${index} lacking a string id, pageId or status`;
    memberships.push(item);
  }
  if (hasNext && memberships.length === 0) return 'with an empty page that still links to a next page';
  return { memberships, hasNext };
}

function isMembership(value: unknown): value is PetjeafMembership {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    value.id !== '' &&
    typeof value.pageId === 'string' &&
    typeof value.status === 'string'
  );
}
