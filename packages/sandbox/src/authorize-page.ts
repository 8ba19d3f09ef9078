import { escapeHtml, htmlPage } from './html';
import type { SandboxUser } from './types';

/** What the authorize page shows. */
export interface AuthorizePageContent {
  /** The provider's name, e.g. `Petje.af`. */
  provider: string;
  /** The requesting app's name. */
  appName: string;
  /** Requested scopes with a human description each. */
  scopes: ReadonlyArray<{ name: string; description: string }>;
  users: readonly SandboxUser[];
  /** How a user's id is shown (provider style). */
  describeUser: (user: SandboxUser) => string;
  /** Where the form posts (the authorize path). */
  action: string;
  /** The authorize request's parameters, echoed as hidden fields. */
  hidden: Record<string, string>;
}

/**
 * The consent page: the app's name, the requested scopes, a user picker (radio buttons
 * named `user_id`, the first checked) and Approve / Deny buttons (`decision` = `approve` or
 * `deny`). The form posts the original authorize parameters back with those two fields.
 */
export function renderAuthorizePage(content: AuthorizePageContent): string {
  const scopes = content.scopes.length
    ? `<ul id="scopes">${content.scopes
        .map((s) => `<li><code>${escapeHtml(s.name)}</code>: ${escapeHtml(s.description)}</li>`)
        .join('')}</ul>`
    : '<p id="scopes">No specific permissions: basic access to your account.</p>';
  const users = content.users
    .map(
      (user, index) =>
        `<label class="user"><input type="radio" name="user_id" value="${escapeHtml(user.id)}"${index === 0 ? ' checked' : ''}> ` +
        `<strong>${escapeHtml(user.name)}</strong> <span class="id">${escapeHtml(content.describeUser(user))}</span></label>`,
    )
    .join('');
  const hidden = Object.entries(content.hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  return htmlPage(
    `${content.provider} sandbox: authorize ${content.appName}`,
    `<p><span class="badge">SANDBOX</span> ${escapeHtml(content.provider)}</p>` +
      `<h1><span id="app-name">${escapeHtml(content.appName)}</span> wants to access your ${escapeHtml(content.provider)} account</h1>` +
      `<h2>Requested permissions</h2>${scopes}` +
      `<form method="post" action="${escapeHtml(content.action)}">${hidden}<h2>Sign in as</h2>${users}` +
      `<div class="actions"><button class="approve" type="submit" name="decision" value="approve">Approve</button>` +
      `<button type="submit" name="decision" value="deny">Deny</button></div></form>`,
  );
}
