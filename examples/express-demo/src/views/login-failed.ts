import { html } from './html';
import { layout } from './layout';

/** What most probably went wrong with a login, in words a visitor understands. */
export type LoginFailureKind = 'refused' | 'expired' | 'elsewhere' | 'provider';

/** What the failed-login page shows. */
export interface LoginFailedView {
  /** The provider's name as people know it, e.g. `Petje.af`. */
  label: string;
  /** The strategy name, for the "Try again" link (`/auth/<provider>`). */
  provider: string;
  /** What most probably happened, which picks the explanation. */
  kind: LoginFailureKind;
  /** The technical message (the provider's or the strategy's), shown below the explanation. */
  message: string;
}

const EXPLANATIONS: Record<LoginFailureKind, (label: string) => string> = {
  refused: (label) => `${label} did not let you in: the login was cancelled or refused on ${label}'s page.`,
  expired: () => 'The login took too long (more than 10 minutes between starting it and coming back), so it expired.',
  elsewhere: () =>
    'This login was not started in this browser, or was already used: for example it was started in another browser or on another address of this site, or you came back to an old login page with Back or a reload.',
  provider: (label) => `${label} could not complete the login. This is usually temporary.`,
};

/** The failed-login page: what probably happened, the technical message, and "Try again" with the same provider. */
export function loginFailedPage(view: LoginFailedView): string {
  return layout(
    `Login with ${view.label} failed`,
    html`<div class="card">
      <h1>Login with ${view.label} failed</h1>
      <p id="what-happened">${EXPLANATIONS[view.kind](view.label)}</p>
      <p class="error" id="error-message">${view.message}</p>
      <p>
        <a class="login" id="try-again" href="/auth/${view.provider}">Try again with ${view.label}</a>
      </p>
      <p><a href="/">Back to the home page</a></p>
    </div>`,
  );
}
