/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE = `
body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0;padding:2rem 1rem;color:#1f2430}
main{max-width:32rem;margin:auto;background:#fff;border-radius:12px;padding:clamp(1rem,5vw,2rem);box-shadow:0 2px 12px #0002;overflow-wrap:anywhere}
h1{font-size:clamp(1.25rem,5vw,1.75rem);line-height:1.25} h2{font-size:clamp(1.05rem,4.5vw,1.3rem)}
.badge{display:inline-block;background:#ffd84d;color:#000;font-size:.75rem;font-weight:700;padding:.15rem .5rem;border-radius:4px}
ul{padding-left:1.2rem} label.user{display:block;padding:.5rem;border:1px solid #ddd;border-radius:8px;margin:.4rem 0;cursor:pointer}
.id{color:#667;font-size:.85rem} .actions{display:flex;flex-wrap:wrap;gap:1rem;margin-top:1.5rem}
button{font-size:1rem;padding:.6rem 1.4rem;border-radius:8px;border:1px solid #888;cursor:pointer}
button.approve{background:#1f6feb;color:#fff;border-color:#1f6feb}`;

/** A complete HTML page with the sandbox's style; `body` must already be escaped. */
export function htmlPage(title: string, body: string): string {
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="/favicon.ico" type="image/svg+xml"><style>${STYLE}</style></head>` +
    `<body><main>${body}</main></body></html>`
  );
}

/** The page shown when an authorize request cannot be redirected back (unknown client, bad redirect URI...). */
export function errorPage(provider: string, title: string, message: string): string {
  return htmlPage(
    `${provider} sandbox: ${title}`,
    `<p><span class="badge">SANDBOX</span> ${escapeHtml(provider)}</p><h1>${escapeHtml(title)}</h1>` +
      `<p id="error-message">${escapeHtml(message)}</p>`,
  );
}

/** The page that ends a flow without a redirect (AltDentifier's simplified integration flow). */
export function successPage(provider: string, title: string, message: string): string {
  return htmlPage(
    `${provider} sandbox: ${title}`,
    `<p><span class="badge">SANDBOX</span> ${escapeHtml(provider)}</p><h1>${escapeHtml(title)}</h1>` +
      `<p id="result-message">${escapeHtml(message)}</p>`,
  );
}
