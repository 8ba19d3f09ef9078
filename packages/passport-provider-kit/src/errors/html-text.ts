/**
 * The readable text of an HTML (or plain-text) error page: `<script>` and `<style>` blocks,
 * comments and tags removed, the common entities decoded.
 *
 * One left-to-right pass: each `<` starts markup that ends further on, and the text after the
 * last `>` is text. The search for an end (`>`, `-->`, `</script>`) only moves forward, and an
 * end found missing once is remembered as missing for the rest of the text, so 1 MiB of `<`,
 * `<!--` or `<script>` costs one scan, where the regular expressions this replaces
 * (`/<[^>]*>/g` and friends) retried from every `<` and took seconds on 64 KiB.
 *
 * Each piece of markup becomes a line break, not a space: {@link redactSecrets} then still
 * finds a secret split by a tag (`the-client-<br>secret`), and `cleanText` flattens the
 * breaks into spaces.
 *
 * @param html - the page, already capped in size by the HTTP client.
 * @returns the text, not yet flattened or shortened.
 */
export function textOfHtml(html: string): string {
  const parts: string[] = [];
  const missing = new Set<string>();
  let markupAhead = true;
  let from = 0;
  let at = 0;
  while (at < html.length) {
    const code = html.charCodeAt(at);
    if (code === LESS_THAN && markupAhead) {
      const end = markupEnd(html, at, missing);
      // Every piece of markup ends with `>`: with none left, the rest is text.
      if (end === -1) {
        markupAhead = false;
        continue;
      }
      if (at > from) parts.push(html.slice(from, at));
      if (parts[parts.length - 1] !== '\n') parts.push('\n');
      from = at = end;
    } else if (code === AMPERSAND) {
      const entity = entityAt(html, at);
      if (entity === undefined) {
        at++;
        continue;
      }
      parts.push(html.slice(from, at), entity.text);
      from = at = at + entity.length;
    } else {
      at++;
    }
  }
  parts.push(html.slice(from));
  return parts.join('');
}

const LESS_THAN = 0x3c;
const AMPERSAND = 0x26;

/** Elements whose content is not text to show. */
const HIDDEN_ELEMENTS = ['script', 'style'] as const;

/**
 * Where the markup that starts with the `<` at `at` ends (the index after it), or -1 when no
 * `>` follows (then no markup can start here or later). `missing` holds the ends (`-->`,
 * `</script>`) already known to be absent from some earlier point on, hence from every later one.
 */
function markupEnd(html: string, at: number, missing: Set<string>): number {
  if (html.startsWith('<!--', at) && !missing.has('-->')) {
    const close = html.indexOf('-->', at + 4);
    if (close !== -1) return close + 3;
    missing.add('-->');
  }
  for (const name of HIDDEN_ELEMENTS) {
    if (!missing.has(name) && startsWithTagName(html, at + 1, name)) {
      const close = closingTagEnd(html, at + 1 + name.length, name);
      if (close !== -1) return close;
      missing.add(name);
    }
  }
  const close = html.indexOf('>', at + 1);
  return close === -1 ? -1 : close + 1;
}

/** True when `html` has the tag `name` at `at` (ASCII case-insensitive), followed by a non-name character or the end. */
function startsWithTagName(html: string, at: number, name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    if (asciiLower(html.charCodeAt(at + i)) !== name.charCodeAt(i)) return false;
  }
  return !isNameCharacter(html.charCodeAt(at + name.length));
}

/** The index after the first `</name\s*>` at or after `from`, or -1. Linear: it never goes back. */
function closingTagEnd(html: string, from: number, name: string): number {
  let at = html.indexOf('</', from);
  while (at !== -1) {
    let i = at + 2;
    if (startsWithTagName(html, i, name)) {
      i += name.length;
      while (i < html.length && isHtmlSpace(html.charCodeAt(i))) i++;
      if (html.charCodeAt(i) === 0x3e) return i + 1; // >
    }
    at = html.indexOf('</', Math.max(i, at + 2));
  }
  return -1;
}

/** The entities decoded, after their `&`. */
const ENTITIES: ReadonlyArray<readonly [string, string]> = [
  ['amp;', '&'],
  ['lt;', '<'],
  ['gt;', '>'],
  ['quot;', '"'],
  ['#39;', "'"],
  ['apos;', "'"],
  ['nbsp;', ' '],
];

/** The entity at `at` (an `&`): its text and its length, if it is one of {@link ENTITIES}. */
function entityAt(html: string, at: number): { text: string; length: number } | undefined {
  for (const [name, text] of ENTITIES) {
    if (html.startsWith(name, at + 1)) return { text, length: name.length + 1 };
  }
  return undefined;
}

function asciiLower(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
}

/** Letters, digits, `_` and `-` continue a tag name (so `<scripts>` and `<style-x>` are other tags). */
function isNameCharacter(code: number): boolean {
  const lower = asciiLower(code);
  return (lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x5f || code === 0x2d;
}

function isHtmlSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;
}
