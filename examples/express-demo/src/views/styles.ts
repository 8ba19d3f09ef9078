/**
 * The demo's stylesheet, served at `/styles.css` from the demo's own origin, so that the CSP
 * can say `style-src 'self'` (no inline styles, no other origin). Mobile first: every page
 * fits a 375 px screen without sideways scrolling; long ids, e-mail addresses and dates wrap,
 * the profile's terms stack above their values, and the raw JSON scrolls inside its box. The
 * "sandbox" tag never breaks inside its word (a card's `overflow-wrap:anywhere` would split it).
 */
export const STYLESHEET = `
*,*::before,*::after{box-sizing:border-box}
body{font-family:system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d2330;line-height:1.45}
header{background:#1d2330;color:#fff;padding:.7rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem;justify-content:space-between;align-items:center}
header a{color:#fff;text-decoration:none;font-weight:600}
main{max-width:52rem;margin:1rem auto;padding:0 .75rem}
h1{font-size:clamp(1.35rem,6vw,2rem);line-height:1.2;margin:.2rem 0 .8rem;overflow-wrap:anywhere}
h2{font-size:clamp(1.1rem,5vw,1.5rem)}
.card{background:#fff;border-radius:12px;padding:1rem;box-shadow:0 1px 8px #0001;margin-bottom:1rem;min-width:0;overflow-wrap:anywhere}
.providers{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(12rem,100%),1fr));gap:1rem}
a.login{display:block;text-align:center;padding:.9rem;border-radius:10px;background:#1f6feb;color:#fff;text-decoration:none;font-weight:600}
.tag{font-size:.75rem;background:#ffd84d;border-radius:4px;padding:.1rem .4rem;margin-left:.3rem;color:#000;display:inline-block;white-space:nowrap;overflow-wrap:normal}
dl{display:grid;grid-template-columns:minmax(0,1fr);gap:.1rem 1rem} dt{font-weight:600;margin-top:.5rem} dd{margin:0;min-width:0}
pre{background:#0f1420;color:#d6e2ff;padding:1rem;border-radius:8px;overflow:auto;max-width:100%}
button{font-size:1rem;padding:.5rem 1.1rem;border-radius:8px;border:1px solid #888;background:#fff;cursor:pointer}
.notice{background:#e7f5e9;border:1px solid #9bd3a5;padding:.7rem 1rem;border-radius:8px}
.error{background:#fdecec;border:1px solid #f1a7a7;padding:.7rem 1rem;border-radius:8px}
form.inline{display:inline}
@media (min-width:40rem){
  header{padding:.8rem 2rem} main{margin:2rem auto;padding:0 1rem} .card{padding:1.5rem}
  dl{grid-template-columns:max-content minmax(0,1fr);gap:.4rem 1rem} dt{margin-top:0}
}
`;

/** The demo's icon: the header's dark blue with a white "P", at `/favicon.ico`. */
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1d2330"/>' +
  '<text x="16" y="23" font-family="system-ui,sans-serif" font-size="20" font-weight="700" text-anchor="middle" fill="#fff">P</text></svg>';
