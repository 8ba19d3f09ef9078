/** What a secret is replaced with. */
export const REDACTED = '[redacted]';

/** Secrets shorter than this are ignored: redacting them would garble ordinary words. */
const MIN_SECRET_LENGTH = 4;

/** Base64 fragments shorter than this are not redacted on their own (too likely to occur by chance). */
const MIN_BASE64_CORE_LENGTH = 6;

/** Characters of base64 and base64url runs, which a redacted fragment is widened to. */
const BASE64_CHAR = /[A-Za-z0-9+/_-]/;

/**
 * Replaces every occurrence of a secret (client secret, tokens, credentials in play) in a
 * message. Error texts come from the provider, and a provider that echoes what it was sent
 * must not make a secret reach a log through us, whatever form it echoes it in:
 *
 * - as sent (raw), also case-insensitively for its percent-encoded forms;
 * - percent-encoded as in a form body (`+` or `%20` for a space) or by `encodeURIComponent`,
 *   e.g. a provider that echoes the token request's body;
 * - JSON-escaped (a provider that echoes a JSON body as text);
 * - base64 or base64url encoded at any byte offset, e.g. inside an echoed
 *   `Authorization: Basic base64(clientId:clientSecret)`: the part of the base64 text that only
 *   the secret's bytes determine is the same wherever the secret starts (up to the offset
 *   modulo 3), so each of the three alignments is looked for, and the whole base64 run that
 *   holds one is redacted;
 * - split by line breaks (`the-client-\nsecret`), as a provider that wraps its text, or an
 *   HTML page's tags once removed, split it: every form is also looked for in the text with
 *   each run of white space or control characters that holds a line break or a control
 *   character left out, and what matches there is redacted, the breaks inside included.
 *
 * Redact before shortening a text: a cut can leave the start of a secret that no longer
 * matches whole. Linear in the text for each form (plain searches that only move forward).
 *
 * @param text - the message.
 * @param secrets - values that must not appear; values shorter than 4 characters are ignored.
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  const patterns = secrets.flatMap((secret) =>
    secret && secret.length >= MIN_SECRET_LENGTH ? patternsOf(secret) : [],
  );
  if (patterns.length === 0 || text === '') return text;
  const ranges = rangesOf(text, patterns);
  const joined = withoutBreaks(text);
  if (joined) {
    for (const [start, end] of rangesOf(joined.text, patterns)) {
      ranges.push([joined.originalIndex(start), joined.originalIndex(end - 1) + 1]);
    }
  }
  return replaceRanges(text, ranges);
}

/**
 * The length of the longest form (textual, or base64 core) in which {@link redactSecrets}
 * looks for these secrets: the most of a secret that a text cut inside it can keep unredacted.
 */
export function longestSecretForm(secrets: ReadonlyArray<string | undefined>): number {
  let longest = 0;
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    for (const pattern of patternsOf(secret)) {
      longest = Math.max(longest, pattern.kind === 'literal' ? pattern.form.length : pattern.core.length);
    }
  }
  return longest;
}

/** What to look for: a textual form of a secret, or the base64 core of one. */
type SecretPattern = { kind: 'literal'; form: string; caseless: boolean } | { kind: 'base64'; core: string };

/** A piece of text to redact: `[start, end)`. */
type Range = [number, number];

/** The patterns of one secret: its textual forms and their base64 cores. */
function patternsOf(secret: string): SecretPattern[] {
  const forms = textForms(secret);
  return [
    ...forms.map((form): SecretPattern => ({ kind: 'literal', form, caseless: form.includes('%') })),
    ...forms.flatMap((form) => base64Cores(form).map((core): SecretPattern => ({ kind: 'base64', core }))),
  ];
}

/** The textual forms a secret can be echoed in: raw, percent-encoded three ways, JSON-escaped. */
function textForms(secret: string): string[] {
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  const forms = [
    secret,
    form,
    form.replace(/\+/g, '%20'),
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
  ];
  return [...new Set(forms)];
}

/** Every range of `text` that a pattern covers (unsorted, possibly overlapping). */
function rangesOf(text: string, patterns: readonly SecretPattern[]): Range[] {
  const ranges: Range[] = [];
  // A percent-encoded form is ASCII: compare it with the text's ASCII letters folded (same length).
  let folded: string | undefined;
  for (const pattern of patterns) {
    if (pattern.kind === 'base64') {
      ranges.push(...base64RunRanges(text, pattern.core));
    } else if (pattern.caseless) {
      folded ??= foldAsciiCase(text);
      ranges.push(...literalRanges(folded, foldAsciiCase(pattern.form)));
    } else {
      ranges.push(...literalRanges(text, pattern.form));
    }
  }
  return ranges;
}

/** The ranges where `form` occurs in `text`, not overlapping one another. */
function literalRanges(text: string, form: string): Range[] {
  const ranges: Range[] = [];
  for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + form.length)) {
    ranges.push([at, at + form.length]);
  }
  return ranges;
}

/** `text` with its ASCII capitals made lower case, and nothing else changed (so indexes stay). */
function foldAsciiCase(text: string): string {
  return text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}

/**
 * The base64 text that `value`'s UTF-8 bytes alone determine, for each of the three byte
 * offsets modulo 3 it can start at inside a longer encoded string, in the standard and the
 * url-safe alphabet.
 */
function base64Cores(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // Character i covers bits [6i, 6i + 6); keep those that lie within the secret's bits.
    const first = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * (offset + bytes.length)) / 6);
    const core = encoded.slice(first, end);
    if (core.length >= MIN_BASE64_CORE_LENGTH) cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...new Set(cores)];
}

/** The ranges of each base64 run of `text` that contains `core` (the run and its `=` padding). */
function base64RunRanges(text: string, core: string): Range[] {
  const ranges: Range[] = [];
  let from = 0;
  let at = text.indexOf(core, from);
  while (at !== -1) {
    let start = at;
    while (start > from && BASE64_CHAR.test(text[start - 1])) start--;
    let end = at + core.length;
    while (end < text.length && BASE64_CHAR.test(text[end])) end++;
    while (end < text.length && text[end] === '=') end++;
    ranges.push([start, end]);
    from = end;
    at = text.indexOf(core, from);
  }
  return ranges;
}

/** `text` with every range replaced by the marker (overlapping and touching ranges merged). */
function replaceRanges(text: string, ranges: Range[]): string {
  if (ranges.length === 0) return text;
  ranges.sort((a, b) => a[0] - b[0]);
  let result = '';
  let from = 0;
  let index = 0;
  while (index < ranges.length) {
    const start = ranges[index][0];
    let end = ranges[index][1];
    for (index++; index < ranges.length && ranges[index][0] <= end; index++) end = Math.max(end, ranges[index][1]);
    result += text.slice(from, start) + REDACTED;
    from = end;
  }
  return result + text.slice(from);
}

/** A line break, another control character or a Unicode line or paragraph separator. */
// eslint-disable-next-line no-control-regex -- control characters are what is looked for
const BREAK = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * `text` without its "break runs": each run of white space and control characters that holds
 * at least one {@link BREAK} (a run of plain spaces stays), with the way back to the original
 * indexes; undefined when there is no break at all.
 */
function withoutBreaks(text: string): { text: string; originalIndex(index: number): number } | undefined {
  if (!BREAK.test(text)) return undefined;
  // Each kept piece: where it starts in the joined text and in the original.
  const starts: number[] = [];
  const origins: number[] = [];
  let joined = '';
  // eslint-disable-next-line no-control-regex -- control characters are what is looked for
  const runs = /[\s\u0000-\u001f\u007f-\u009f]+/g;
  let kept = 0;
  for (let match = runs.exec(text); match !== null; match = runs.exec(text)) {
    if (!BREAK.test(match[0])) continue;
    starts.push(joined.length);
    origins.push(kept);
    joined += text.slice(kept, match.index);
    kept = match.index + match[0].length;
  }
  starts.push(joined.length);
  origins.push(kept);
  joined += text.slice(kept);
  return {
    text: joined,
    originalIndex(index: number): number {
      // The last piece that starts at or before `index` (binary search).
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (starts[middle] <= index) low = middle;
        else high = middle - 1;
      }
      return origins[low] + (index - starts[low]);
    },
  };
}
