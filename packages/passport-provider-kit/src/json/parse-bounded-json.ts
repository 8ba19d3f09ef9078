/** Limits on JSON from a provider: nesting depth (`{}` is 1), UTF-8 bytes, object members (all objects together). */
export interface JsonBounds {
  maxDepth: number;
  maxBytes: number;
  maxMembers: number;
}

/** Why a text was not accepted as JSON. */
export type JsonRefusal = 'invalid_json' | 'too_deep' | 'too_large' | 'too_wide';

/** What {@link parseBoundedJson} made of a text: the value, or the refusal and a phrase to follow "JSON…", e.g. `nested deeper than 64 levels`. */
export type BoundedJson = { ok: true; value: unknown } | { ok: false; refusal: JsonRefusal; problem: string };

const refuse = (refusal: JsonRefusal, problem: string): BoundedJson => ({ ok: false, refusal, problem });

/** Parses JSON within bounds (default 64 levels, 1 MiB, 10,000 members), never throwing; one linear scan before `JSON.parse`. */
export function parseBoundedJson(text: string, bounds: Partial<JsonBounds> = {}): BoundedJson {
  const { maxDepth = 64, maxBytes = 2 ** 20, maxMembers = 10_000 } = bounds;
  // Count bytes only when they could exceed the bound: a UTF-16 unit takes at most 3 UTF-8 bytes.
  if (text.length * 3 > maxBytes && Buffer.byteLength(text) > maxBytes)
    return refuse('too_large', `over ${maxBytes} bytes`);
  let depth = 0;
  let members = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c /* \ */) i++;
      else if (code === 0x22 /* " */) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b /* [ */ || code === 0x7b /* { */) {
      if (++depth > maxDepth) return refuse('too_deep', `nested deeper than ${maxDepth} levels`);
    } else if (code === 0x5d /* ] */ || code === 0x7d /* } */) {
      depth--;
    } else if (code === 0x3a /* : */ && ++members > maxMembers) {
      return refuse('too_wide', `with more than ${maxMembers} object members`);
    }
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return refuse('invalid_json', 'that is not valid JSON');
  }
}
