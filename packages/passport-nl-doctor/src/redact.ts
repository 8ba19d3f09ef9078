/** What replaces a secret, a code or a token wherever it would appear. */
export const REDACTED = '[redacted]';

/**
 * Removes every form of the values the doctor must never print from a text: each value as
 * is, trimmed, percent-encoded, and Base64 of an HTTP Basic pair; a JWT also by its parts.
 */
export class Redactor {
  private readonly forms = new Set<string>();

  /** Adds a value (and its encoded forms) to remove; short or empty values are ignored as too common to matter. */
  add(value: string | undefined): void {
    if (value === undefined) return;
    for (const form of [value, value.trim(), encodeURIComponent(value), encodeURIComponent(value.trim())]) {
      if (form.length >= 4) this.forms.add(form);
    }
    for (const part of value.split('.')) if (part.length >= 8) this.forms.add(part);
  }

  /** Adds the Base64 of `id:secret` as HTTP Basic carries it (both raw and form-encoded before Base64). */
  addBasic(clientID: string, clientSecret: string): void {
    this.forms.add(Buffer.from(`${clientID}:${clientSecret}`).toString('base64'));
    const encoded = `${encodeURIComponent(clientID)}:${encodeURIComponent(clientSecret)}`;
    this.forms.add(Buffer.from(encoded).toString('base64'));
  }

  /** `text` with every known form replaced by {@link REDACTED}, longest first. */
  clean(text: string): string {
    let cleaned = text;
    for (const form of [...this.forms].sort((a, b) => b.length - a.length))
      cleaned = cleaned.split(form).join(REDACTED);
    return cleaned;
  }
}
