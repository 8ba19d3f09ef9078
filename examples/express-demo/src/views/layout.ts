import { html, SafeHtml } from './html';

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}
header{background:#1d2330;color:#fff;padding:.8rem 2rem;display:flex;justify-content:space-between;align-items:center}
header a{color:#fff;text-decoration:none;font-weight:600} main{max-width:52rem;margin:2rem auto;padding:0 1rem}
.card{background:#fff;border-radius:12px;padding:1.5rem;box-shadow:0 1px 8px #0001;margin-bottom:1.2rem}
.providers{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:1rem}
a.login{display:block;text-align:center;padding:.9rem;border-radius:10px;background:#1f6feb;color:#fff;text-decoration:none;font-weight:600}
.tag{font-size:.75rem;background:#ffd84d;border-radius:4px;padding:.1rem .4rem;margin-left:.3rem;color:#000}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1rem} dt{font-weight:600}
pre{background:#0f1420;color:#d6e2ff;padding:1rem;border-radius:8px;overflow:auto}
button{font-size:1rem;padding:.5rem 1.1rem;border-radius:8px;border:1px solid #888;background:#fff;cursor:pointer}
.notice{background:#e7f5e9;border:1px solid #9bd3a5;padding:.7rem 1rem;border-radius:8px}
.error{background:#fdecec;border:1px solid #f1a7a7;padding:.7rem 1rem;border-radius:8px}
form.inline{display:inline}`;

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
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        <header><a href="/">Passport NL providers demo</a>${logoutForm}</header>
        <main>${body}</main>
      </body>
    </html>`.value
  }`;
}
