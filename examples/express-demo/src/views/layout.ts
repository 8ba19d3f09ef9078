import { html, type SafeHtml } from './html';

/** The page frame: title, header with the logout button when logged in, and `body`. */
export function layout(title: string, body: SafeHtml, logout?: { csrf: string }): string {
  const logoutForm = logout
    ? html`<form class="inline" method="post" action="/logout">
        <input type="hidden" name="_csrf" value="${logout.csrf}" /><button type="submit">Log out</button>
      </form>`
    : '';
  return `<!DOCTYPE html>${
    html`<html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>${title} · Passport NL providers demo</title>
        <link rel="stylesheet" href="/styles.css" />
        <link rel="icon" href="/favicon.ico" type="image/svg+xml" />
      </head>
      <body>
        <header><a href="/">Passport NL providers demo</a>${logoutForm}</header>
        <main>${body}</main>
      </body>
    </html>`.value
  }`;
}
