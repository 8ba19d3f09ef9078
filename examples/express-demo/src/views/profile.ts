import { PROVIDER_LABELS, type DemoUser } from '../providers';
import { expiryDate } from '../token-expiry';
import { html } from './html';
import { layout } from './layout';

/** What the profile page shows. Tokens themselves are never rendered. */
export interface ProfileView {
  user: DemoUser;
  csrf: string;
  notice?: string;
  now: number;
}

/** The normalized profile, the raw `_json`, the granted scopes, the token's expiry and the Refresh button. */
export function profilePage({ user, csrf, notice, now }: ProfileView): string {
  // A stored expiry that is not a valid date (a session from before the kit clamped expires_in) is shown as unknown, never a 500.
  const at = expiryDate(user.expiresAt);
  const expiry = at
    ? html`<time id="token-expiry" datetime="${at.toISOString()}">${at.toISOString()}</time> (in
        ${formatDuration(at.getTime() - now)})`
    : user.expiresAt === undefined
      ? 'not given by the provider'
      : 'unknown (not a valid date)';
  const body = html`${notice ? html`<p class="notice" id="notice">${notice}</p>` : ''}
    <div class="card">
      <h1 id="display-name">${user.displayName}</h1>
      <dl>
        <dt>Provider</dt>
        <dd>${PROVIDER_LABELS[user.provider]}</dd>
        <dt>Id</dt>
        <dd id="user-id"><code>${user.id}</code></dd>
        ${
          user.username
            ? html`<dt>Username</dt>
                <dd>${user.username}</dd>`
            : ''
        }
        <dt>Email</dt>
        <dd>${user.emails.join(', ') || '—'}</dd>
        <dt>Granted scopes</dt>
        <dd id="scopes">${user.scopes.length ? user.scopes.map((scope) => html`<code>${scope}</code> `) : 'none'}</dd>
        <dt>Access token expires</dt>
        <dd>${expiry}</dd>
        <dt>Refresh token</dt>
        <dd>${user.refreshToken ? 'held server-side' : 'none'}</dd>
      </dl>
      <form method="post" action="/profile/refresh">
        <input type="hidden" name="_csrf" value="${csrf}" /><button
          type="submit"
          id="refresh"
          ${user.refreshToken ? '' : ' disabled'}
        >
          Refresh token
        </button>
      </form>
    </div>
    <div class="card">
      <h2>Raw profile (<code>_json</code>)</h2>
      <pre id="raw-json">${JSON.stringify(user.json, null, 2)}</pre>
    </div>`;
  return layout(user.displayName, body, { csrf });
}

function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}
