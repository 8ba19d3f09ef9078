import { textOfHtml } from './html-text';
import { longestSecretForm, redactSecrets } from './redact';

/** Longest piece of provider text that goes into an error message. */
const MAX_TEXT_LENGTH = 300;

/**
 * Most provider text read to make one message: far more than the 300 characters kept, and
 * little enough that cleaning it never blocks the event loop (a 1 MiB body is cut first).
 */
const MAX_TEXT_READ = 64 * 1024;

/**
 * Picks the provider's human-readable error text out of a parsed error body.
 *
 * Providers disagree on where they put it (`detail`, `error_description`, `message`,
 * `error`...), so each provider passes its own field order; the first non-empty string wins.
 * Secrets are redacted, control characters dropped and the text shortened (in that order,
 * so a cut cannot leave the start of a secret), so a hostile body cannot leak a secret, forge
 * log lines or flood them.
 *
 * @param body - the parsed JSON body (anything).
 * @param fields - field names to try, in order of preference.
 * @param secrets - values to redact in every form (see {@link redactSecrets}).
 * @returns the text, or `undefined` when no field holds a usable string.
 */
export function errorTextFromBody(
  body: unknown,
  fields: readonly string[],
  secrets: ReadonlyArray<string | undefined> = [],
): string | undefined {
  if (!isRecord(body)) return undefined;
  for (const field of fields) {
    const value = body[field];
    if (typeof value === 'string') {
      const text = cleanText(value, secrets);
      if (text) return text;
    }
  }
  return undefined;
}

/**
 * The provider's machine error code, when its body has an RFC 6749 style `error` that looks
 * like a code (`invalid_grant`) rather than a sentence (AltDentifier puts sentences there).
 */
export function errorCodeFromBody(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const { error, code } = body;
  if (typeof error === 'string' && /^[a-z][a-z0-9_.-]{0,63}$/i.test(error)) return error;
  if (typeof code === 'string' && /^[a-z][a-z0-9_.-]{0,63}$/i.test(code)) return code;
  return undefined;
}

/**
 * Redacts `secrets`, removes control characters, collapses whitespace and caps the length.
 * Redaction runs first, on the text as it came (where {@link redactSecrets} also finds a
 * secret split by a line break), again on the flattened text, and always before the cut:
 * cutting first would leave the start of a secret that straddles the cut.
 *
 * Linear and bounded: only the first 64 KiB of a longer text are read, and then the end of
 * what they give is dropped as well, as far as a secret cut by that window could reach.
 *
 * @param value - text from a provider or a callback.
 * @param secrets - values to redact in every form (see {@link redactSecrets}).
 */
export function cleanText(value: string, secrets: ReadonlyArray<string | undefined> = []): string {
  if (value.length <= MAX_TEXT_READ) return capped(flatRedacted(value, secrets));
  return cappedAfterWindow(flatRedacted(value.slice(0, MAX_TEXT_READ), secrets), secrets);
}

/**
 * The provider's explanation in a plain-text or HTML error body: scripts, styles, comments
 * and tags removed and the common entities decoded in one linear pass ({@link textOfHtml}),
 * then cleaned as {@link cleanText} cleans (secrets redacted, whitespace flattened, capped;
 * only the first 64 KiB of a longer body are read). `undefined` when nothing readable is left.
 */
export function textOfErrorPage(body: string, secrets: ReadonlyArray<string | undefined> = []): string | undefined {
  if (body.length <= MAX_TEXT_READ) return capped(flatRedacted(textOfHtml(body), secrets)) || undefined;
  const text = flatRedacted(textOfHtml(body.slice(0, MAX_TEXT_READ)), secrets);
  return cappedAfterWindow(text, secrets) || undefined;
}

/** Secrets redacted (also across line breaks), control characters out, whitespace collapsed, trimmed, redacted again. */
function flatRedacted(value: string, secrets: ReadonlyArray<string | undefined>): string {
  const flat = redactSecrets(value, secrets)
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return redactSecrets(flat, secrets);
}

/** The text cut at {@link MAX_TEXT_LENGTH} characters, with an ellipsis when cut. */
function capped(text: string): string {
  return text.length > MAX_TEXT_LENGTH ? `${text.slice(0, MAX_TEXT_LENGTH)}…` : text;
}

/**
 * Text read from a window of a longer one: its end may hold the start of a secret that the
 * window cut, which redaction cannot recognise, so as many characters as the longest form of
 * a secret could take once flattened (a space per character at worst) are dropped before the
 * cap. An ellipsis always follows: the text went on.
 */
function cappedAfterWindow(text: string, secrets: ReadonlyArray<string | undefined>): string {
  const unsafeTail = 2 * longestSecretForm(secrets);
  const safe = text.slice(0, Math.max(0, text.length - unsafeTail)).trimEnd();
  if (!safe) return '';
  return safe.length > MAX_TEXT_LENGTH ? `${safe.slice(0, MAX_TEXT_LENGTH)}…` : `${safe}…`;
}

/** True for plain JSON objects (not arrays, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
