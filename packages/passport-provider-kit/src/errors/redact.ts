/** Values that must not appear in a message; `undefined` and values under 4 characters are ignored. */
export type Secrets = ReadonlyArray<string | undefined>;

/** A form of a secret to look for; a `base64` core is widened to the whole base64 run that holds it. */
type Pattern = { needle: string; base64: boolean };
type Range = [start: number, end: number];

/** Replaces each secret with `[redacted]` in every form a provider can echo it in (`docs/architecture.md`, Errors). */
export function redactSecrets(text: string, secrets: Secrets): string {
  const patterns = patternsOf(secrets);
  if (patterns.length === 0 || text === '') return text;
  const ranges = [...rangesOf(text, patterns), ...rangesAcrossBreaks(text, patterns)];
  let result = '';
  let from = -1; // the end of what is redacted so far
  for (const [start, end] of ranges.sort((a, b) => a[0] - b[0])) {
    if (start > from) result += `${text.slice(Math.max(from, 0), start)}[redacted]`;
    from = Math.max(from, end);
  }
  return result + text.slice(Math.max(from, 0));
}

/** The length of the longest form {@link redactSecrets} looks for: the most of a secret that a cut text can keep. */
export function longestSecretForm(secrets: Secrets): number {
  return Math.max(0, ...patternsOf(secrets).map((pattern) => pattern.needle.length));
}

/** Each secret raw, form-encoded (`+` or `%20`), by `encodeURIComponent`, JSON-escaped, and their base64 cores. */
function patternsOf(secrets: Secrets): Pattern[] {
  return secrets.flatMap((secret) => {
    if (!secret || secret.length < 4) return [];
    const form = new URLSearchParams({ s: secret }).toString().slice(2);
    const json = JSON.stringify(secret).slice(1, -1);
    const forms = [...new Set([secret, form, form.replace(/\+/g, '%20'), encodeURIComponent(secret), json])];
    const cores = [...new Set(forms.flatMap(base64Cores))].map((needle) => ({ needle, base64: true }));
    return [...forms.map((needle) => ({ needle, base64: false })), ...cores];
  });
}

/** The base64 text `value`'s bytes alone determine at each byte offset modulo 3, in both alphabets (6 characters or more). */
function base64Cores(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  return [0, 1, 2].flatMap((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // Character i covers bits [6i, 6i + 6): keep those within the value's bits.
    const core = encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
    return core.length < 6 ? [] : [core, core.replace(/\+/g, '-').replace(/\//g, '_')];
  });
}

const BASE64_CHAR = /[A-Za-z0-9+/_-]/;

/** `text` with its ASCII capitals made lower case and nothing else changed, so indexes stay. */
const foldAscii = (text: string): string => text.replace(/[A-Z]+/g, (run) => run.toLowerCase());

/** Every range of `text` a pattern covers (unsorted, may overlap); every search only moves forward. */
function rangesOf(text: string, patterns: readonly Pattern[]): Range[] {
  const ranges: Range[] = [];
  let folded: string | undefined;
  for (const { needle, base64 } of patterns) {
    const caseless = needle.includes('%'); // a percent-encoded form: ASCII, compared caselessly
    const haystack = caseless ? (folded ??= foldAscii(text)) : text;
    const sought = caseless ? foldAscii(needle) : needle;
    let from = 0;
    for (let at = haystack.indexOf(sought); at !== -1; at = haystack.indexOf(sought, from)) {
      let start = at;
      let end = at + sought.length;
      if (base64) {
        while (start > from && BASE64_CHAR.test(text[start - 1])) start--;
        while (end < text.length && BASE64_CHAR.test(text[end])) end++;
        while (text[end] === '=') end++;
      }
      ranges.push([start, end]);
      from = end;
    }
  }
  return ranges;
}

// eslint-disable-next-line no-control-regex -- control characters are what is looked for
const BREAK = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** A run of white space and control characters (captured, so that a split keeps it). */
// eslint-disable-next-line no-control-regex -- control characters are what is looked for
export const SPACE_RUNS = /([\s\u0000-\u001f\u007f-\u009f]+)/g;

/** The ranges patterns cover in `text` without its runs of white space that hold a {@link BREAK} (line break, control character). */
function rangesAcrossBreaks(text: string, patterns: readonly Pattern[]): Range[] {
  if (!BREAK.test(text)) return [];
  let joined = '';
  const origin: number[] = []; // the index in `text` of each character of `joined`
  let at = 0;
  for (const [index, piece] of text.split(SPACE_RUNS).entries()) {
    if (index % 2 === 0 || !BREAK.test(piece)) {
      joined += piece;
      for (let i = 0; i < piece.length; i++) origin.push(at + i);
    }
    at += piece.length;
  }
  return rangesOf(joined, patterns).map(([start, end]): Range => [origin[start], origin[end - 1] + 1]);
}
