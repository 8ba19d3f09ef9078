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
 *   holds one is redacted.
 *
 * Redact before shortening a text: a cut can leave the start of a secret that no longer
 * matches whole.
 *
 * @param text - the message.
 * @param secrets - values that must not appear; values shorter than 4 characters are ignored.
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let result = text;
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    const forms = textForms(secret);
    for (const form of forms) result = replaceLiteral(result, form);
    for (const form of forms) {
      for (const core of base64Cores(form)) result = redactBase64Runs(result, core);
    }
  }
  return result;
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
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

/** `text` with every occurrence of `form` replaced (case-insensitively when it is percent-encoded). */
function replaceLiteral(text: string, form: string): string {
  if (!form.includes('%')) return text.split(form).join(REDACTED);
  const pattern = new RegExp(form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  return text.replace(pattern, REDACTED);
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

/** Replaces each base64 run of `text` that contains `core` (the run and its `=` padding) with the marker. */
function redactBase64Runs(text: string, core: string): string {
  let result = '';
  let from = 0;
  let at = text.indexOf(core, from);
  while (at !== -1) {
    let start = at;
    while (start > from && BASE64_CHAR.test(text[start - 1])) start--;
    let end = at + core.length;
    while (end < text.length && BASE64_CHAR.test(text[end])) end++;
    while (end < text.length && text[end] === '=') end++;
    result += text.slice(from, start) + REDACTED;
    from = end;
    at = text.indexOf(core, from);
  }
  return result + text.slice(from);
}
