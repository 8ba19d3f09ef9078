import type { PetjeafMembership, PetjeafMembershipsAtLogin } from 'passport-petjeaf';
import type { DemoUser } from '../providers';
import { html, type SafeHtml } from './html';
import { layout } from './layout';

/** What the "Members only" page shows. */
export interface MembersView {
  /** The logged-in user, if any. */
  user?: DemoUser;
  /** The memberships read at the members login; undefined when the user did not log in that way. */
  memberships?: PetjeafMembershipsAtLogin;
  /** The user's active membership of the page, when there is one. */
  membership?: PetjeafMembership;
  pageId: string;
  /** Where to become a member. */
  joinURL: string;
  /** Starts the Petje.af login that reads memberships. */
  loginURL: string;
  csrf?: string;
}

/** The members-only content for a member; for anyone else, why not and what to do. */
export function membersPage(view: MembersView): string {
  const body = view.membership ? memberContent(view, view.membership) : refusal(view);
  return layout('Members only', body, view.csrf ? { csrf: view.csrf } : undefined);
}

function memberContent(view: MembersView, membership: PetjeafMembership): SafeHtml {
  return html`<div class="card" id="members-only">
    <h1>Members only</h1>
    <p class="notice" id="member-welcome">
      Welcome, ${view.user?.displayName ?? 'member'}: you are a member of
      <strong id="member-page">${membership.pageName ?? membership.pageId}</strong> on the plan
      <strong id="member-plan">${membership.plan ?? membership.planId ?? 'unknown'}</strong>.
    </p>
    <p>This is the page only members see.</p>
  </div>`;
}

function refusal(view: MembersView): SafeHtml {
  const join = html`<p><a id="become-member" href="${view.joinURL}">Become a member on Petje.af</a></p>`;
  const again = html`<p><a id="members-login" class="login" href="${view.loginURL}">Log in with Petje.af</a></p>`;
  return html`<div class="card">
    <h1>Members only</h1>
    <p class="error" id="members-reason">${reason(view)}</p>
    ${view.memberships?.known ? join : html`${again}${join}`}
  </div>`;
}

function reason(view: MembersView): string {
  const { memberships } = view;
  if (!memberships)
    return 'This page is for members of our Petje.af page. Log in with Petje.af to show that you are one.';
  if (!memberships.known) {
    return memberships.reason === 'scope_not_granted'
      ? 'You did not allow this site to see your memberships, so we cannot tell whether you are a member. Log in again and allow "View your memberships".'
      : `We could not check your memberships right now (${memberships.message}). Please try again.`;
  }
  const ofPage = memberships.list.filter((membership) => membership.pageId === view.pageId);
  if (ofPage.length) return `Your membership of our page is not active (status: ${ofPage[0].status}).`;
  if (memberships.list.length) {
    const pages = memberships.list.map((membership) => membership.pageName ?? membership.pageId).join(', ');
    return `You are a member of ${pages}, but not of our page.`;
  }
  return 'You are not a member of our page yet.';
}
