import { redactSecrets } from './redact';

/** Longest piece of provider text that goes into an error message. */
const MAX_TEXT_LENGTH = 300;

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
 * Redaction runs first, and again on the flattened text (a secret split by a line break the
 * flattening turns into a space), and always before the cut: cutting first would leave the
 * start of a secret that straddles the cut.
 *
 * @param value - text from a provider or a callback.
 * @param secrets - values to redact in every form (see {@link redactSecrets}).
 */
export function cleanText(value: string, secrets: ReadonlyArray<string | undefined> = []): string {
  const flat = redactSecrets(value, secrets)
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const text = redactSecrets(flat, secrets);
  return text.length > MAX_TEXT_LENGTH ? `${text.slice(0, MAX_TEXT_LENGTH)}…` : text;
}

/**
 * The provider's explanation in a plain-text or HTML error body: scripts, styles and tags
 * removed, the common entities decoded, then {@link cleanText} (secrets redacted, whitespace
 * flattened, capped). `undefined` when nothing readable is left.
 */
export function textOfErrorPage(body: string, secrets: ReadonlyArray<string | undefined> = []): string | undefined {
  const text = body
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, name: string) => ENTITIES[name]);
  return cleanText(text, secrets) || undefined;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

/** True for plain JSON objects (not arrays, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
