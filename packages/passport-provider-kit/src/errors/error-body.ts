/** Longest piece of provider text that goes into an error message. */
const MAX_TEXT_LENGTH = 300;

/**
 * Picks the provider's human-readable error text out of a parsed error body.
 *
 * Providers disagree on where they put it (`detail`, `error_description`, `message`,
 * `error`...), so each provider passes its own field order; the first non-empty string wins.
 * Control characters are dropped and the text is shortened, so a hostile body cannot
 * forge log lines or flood them.
 *
 * @param body - the parsed JSON body (anything).
 * @param fields - field names to try, in order of preference.
 * @returns the text, or `undefined` when no field holds a usable string.
 */
export function errorTextFromBody(body: unknown, fields: readonly string[]): string | undefined {
  if (!isRecord(body)) return undefined;
  for (const field of fields) {
    const value = body[field];
    if (typeof value === 'string') {
      const text = cleanText(value);
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

/** Removes control characters, collapses whitespace and caps the length. */
export function cleanText(value: string): string {
  const flat = value
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > MAX_TEXT_LENGTH ? `${flat.slice(0, MAX_TEXT_LENGTH)}…` : flat;
}

/** True for plain JSON objects (not arrays, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
