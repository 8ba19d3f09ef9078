import { longestSecretForm, redactSecrets, SPACE_RUNS, type Secrets } from './redact';

const MAX_TEXT_LENGTH = 300; // characters of provider text in a message
const MAX_TEXT_READ = 64 * 1024; // characters read to make one, so cleaning never blocks the event loop
const ERROR_CODE = /^[a-z][a-z0-9_.-]{0,63}$/i;

/** True for plain JSON objects (not arrays, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first of `fields` (names, or dotted paths such as `error.message`) in an error body that holds text, cleaned by {@link cleanText}. */
export function errorTextFromBody(body: unknown, fields: readonly string[], secrets: Secrets = []): string | undefined {
  for (const field of fields) {
    const value = field.split('.').reduce<unknown>((parent, key) => (isRecord(parent) ? parent[key] : undefined), body);
    const text = typeof value === 'string' ? cleanText(value, secrets) : '';
    if (text) return text;
  }
  return undefined;
}

/** The provider's machine error code: `error` (RFC 6749), else `code`, when it looks like a code (`invalid_grant`), not a sentence. */
export function errorCodeFromBody(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  return [body.error, body.code].find((value): value is string => typeof value === 'string' && ERROR_CODE.test(value));
}

/** The readable text of a plain-text or HTML error page ({@link textOfHtml}), cleaned as {@link cleanText} cleans; `undefined` when none is left. */
export function textOfErrorPage(body: string, secrets: Secrets = []): string | undefined {
  return cleanText(body, secrets, textOfHtml) || undefined;
}

/** Provider or callback text (read by `read`) made one safe log line: secrets redacted, white space and control characters one space, capped at 300. */
export function cleanText(value: string, secrets: Secrets = [], read = (text: string) => text): string {
  const window = value.length > MAX_TEXT_READ;
  const flat = redactSecrets(read(window ? value.slice(0, MAX_TEXT_READ) : value), secrets).replace(SPACE_RUNS, ' ');
  let text = redactSecrets(flat.trim(), secrets);
  if (window) text = text.slice(0, Math.max(0, text.length - 2 * longestSecretForm(secrets))).trimEnd();
  if (text.length > MAX_TEXT_LENGTH) return `${text.slice(0, MAX_TEXT_LENGTH)}…`;
  return window && text ? `${text}…` : text;
}

/** The start of a comment, `<script` or `<style`, and what ends each. */
const SPECIAL_START = /<(!--|script(?![\w-])|style(?![\w-]))/iy;
const END_OF: Record<string, RegExp> = {
  '!--': /-->/g,
  script: /<\/script[\t\n\f\r ]*>/gi,
  style: /<\/style[\t\n\f\r ]*>/gi,
};
const TAG_END = />/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };
const decode = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_entity, name: string) => ENTITIES[name]);

/** The text of an HTML page in one forward pass: scripts, styles, comments and tags each a line break, entities decoded. */
export function textOfHtml(html: string): string {
  const missing = new Set<RegExp>();
  const after = (end: RegExp, from: number): number => {
    end.lastIndex = from;
    if (!missing.has(end) && end.test(html)) return end.lastIndex;
    missing.add(end);
    return -1;
  };
  let text = '';
  let from = 0;
  for (let open = html.indexOf('<'); open !== -1; open = html.indexOf('<', from)) {
    SPECIAL_START.lastIndex = open;
    const special = SPECIAL_START.exec(html)?.[1].toLowerCase();
    let end = special ? after(END_OF[special], SPECIAL_START.lastIndex) : -1;
    if (end === -1) end = after(TAG_END, open + 1);
    if (end === -1) break;
    text += `${decode(html.slice(from, open))}\n`;
    from = end;
  }
  return text + decode(html.slice(from));
}
