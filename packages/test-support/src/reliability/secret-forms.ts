/**
 * Finds a secret in a text in any form a provider could echo it in, independently of how the
 * kit redacts: as is, after percent-decoding (form `+` or `%20`, any hex case), after
 * JSON-unescaping, and inside any base64 or base64url run decoded at each of its four
 * alignments (so `Basic base64(id:secret)`, or a piece of it, is decoded and searched too).
 */
export function findSecretForm(text: string, secret: string): string | undefined {
  if (text.includes(secret)) return 'raw';
  if (percentDecoded(text).includes(secret)) return 'percent-encoded';
  if (jsonUnescaped(text).includes(secret)) return 'JSON-escaped';
  for (const run of text.match(/[A-Za-z0-9+/_-]{6,}/g) ?? []) {
    for (let skip = 0; skip < 4; skip++) {
      const decoded = Buffer.from(run.slice(skip), 'base64').toString('latin1');
      const utf8 = Buffer.from(decoded, 'latin1').toString('utf8');
      if ([decoded, utf8, percentDecoded(utf8)].some((form) => form.includes(secret))) return 'base64';
    }
  }
  return undefined;
}

/** Percent-decodes every `%XX` (UTF-8 sequences included) and reads `+` as a space; malformed escapes stay. */
function percentDecoded(text: string): string {
  return text.replace(/\+/g, ' ').replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return Buffer.from(run.replace(/%/g, ''), 'hex').toString('latin1');
    }
  });
}

/** Undoes JSON string escapes (`\"`, `\\`, `\/`, `\uXXXX`...) where they parse. */
function jsonUnescaped(text: string): string {
  return text.replace(/\\(?:u[0-9a-fA-F]{4}|["\\/bfnrt])/g, (escape) => JSON.parse(`"${escape}"`) as string);
}
