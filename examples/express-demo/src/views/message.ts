import { html } from './html';
import { layout } from './layout';

/** A page that explains a failed login or action, with the provider's own message. */
export function messagePage(title: string, message: string, csrf?: string): string {
  return layout(
    title,
    html`<div class="card">
      <h1>${title}</h1>
      <p class="error" id="error-message">${message}</p>
      <p><a href="/">Back to the home page</a></p>
    </div>`,
    csrf ? { csrf } : undefined,
  );
}
