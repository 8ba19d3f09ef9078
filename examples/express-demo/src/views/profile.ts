import { PROVIDER_LABELS, type DemoUser } from '../providers';
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
  const expiry = user.expiresAt
    ? html`<time id="token-expiry" datetime="${new Date(user.expiresAt).toISOString()}"
          >${new Date(user.expiresAt).toISOString()}</time
        >
        (in ${formatDuration(user.expiresAt - now)})`
    : 'not given by the provider';
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
