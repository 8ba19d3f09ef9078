import type { ProviderName } from 'passport-nl-sandbox';
import { PROVIDER_LABELS, type DemoUser } from '../providers';
import { html } from './html';
import { layout } from './layout';

/** What the home page shows. */
export interface HomeView {
  providers: Array<{ name: ProviderName; sandbox: boolean }>;
  user?: DemoUser;
  /** A validated local path to come back to after login. */
  returnTo?: string;
  csrf: string;
}

/** Home: a "Log in with …" button per provider (sandbox ones tagged), or who is logged in. */
export function homePage(view: HomeView): string {
  const query = view.returnTo ? `?returnTo=${encodeURIComponent(view.returnTo)}` : '';
  const buttons = view.providers.map(
    ({ name, sandbox }) =>
      html`<a class="login" id="login-${name}" href="/auth/${name}${query}"
        >Log in with ${PROVIDER_LABELS[name]}${sandbox ? html`<span class="tag">sandbox</span>` : ''}</a
      >`,
  );
  const status = view.user
    ? html`<div class="card">
        <p>
          Logged in as <strong>${view.user.displayName}</strong> with ${PROVIDER_LABELS[view.user.provider]}.
          <a href="/profile">See your profile</a>
        </p>
      </div>`
    : '';
  const body = html`${status}
    <div class="card">
      <h1>Log in</h1>
      <p>
        Providers tagged <span class="tag">sandbox</span> use the local provider sandbox; set their
        <code>*_CLIENT_ID</code> and <code>*_CLIENT_SECRET</code> to use the real ones.
      </p>
      <div class="providers">${buttons}</div>
    </div>`;
  return layout('Home', body, view.user ? { csrf: view.csrf } : undefined);
}
