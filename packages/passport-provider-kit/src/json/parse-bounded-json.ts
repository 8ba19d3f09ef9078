/**
 * Limits on JSON read from a provider (a token response, a profile, JWT claims).
 *
 * `JSON.parse` itself accepts any depth, but what comes after does not: `JSON.stringify`
 * (express-session saving a profile's `_json`), a recursive copy or a logger overflow the
 * stack on a few thousand levels, which about 10 KB of `[` builds.
 */
export interface JsonBounds {
  /** Deepest nesting of arrays and objects accepted; `{}` and `[]` are depth 1. */
  maxDepth: number;
  /** Largest text accepted, in UTF-8 bytes. */
  maxBytes: number;
}

/**
 * The default bounds: 64 levels (real provider answers use fewer than 10) and 1 MiB (the
 * strategies' default response cap).
 */
export const DEFAULT_JSON_BOUNDS: Readonly<JsonBounds> = Object.freeze({ maxDepth: 64, maxBytes: 1024 * 1024 });

/** Why a text was not accepted as JSON. */
export type JsonRefusal = 'invalid_json' | 'too_deep' | 'too_large';

/** What {@link parseBoundedJson} made of a text: the value, or why it was refused and a phrase that says so. */
export type BoundedJson =
  | { ok: true; value: unknown }
  | {
      ok: false;
      /** Why it was refused. */
      refusal: JsonRefusal;
      /** Worded to follow "JSON…" or "a body…", e.g. `nested deeper than 64 levels`. */
      problem: string;
    };

const OPEN_ARRAY = 0x5b; // [
const OPEN_OBJECT = 0x7b; // {
const CLOSE_ARRAY = 0x5d; // ]
const CLOSE_OBJECT = 0x7d; // }
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * Parses JSON within bounds, without ever throwing: the size is checked first, then the
 * nesting depth by one linear scan (strings skipped, so brackets inside them do not count),
 * and only then is the text given to `JSON.parse`. Pure, so any HTTP layer can call it.
 *
 * @param text - the JSON text.
 * @param bounds - limits; each missing one is {@link DEFAULT_JSON_BOUNDS}'s.
 * @returns `{ ok: true, value }`, or `{ ok: false, refusal, problem }`.
 */
export function parseBoundedJson(text: string, bounds: Partial<JsonBounds> = {}): BoundedJson {
  const { maxDepth, maxBytes } = { ...DEFAULT_JSON_BOUNDS, ...bounds };
  // Cheap test first: a UTF-8 character is at most 3 bytes per UTF-16 unit.
  if (text.length * 3 > maxBytes && Buffer.byteLength(text, 'utf8') > maxBytes) {
    return { ok: false, refusal: 'too_large', problem: `over ${maxBytes} bytes` };
  }
  if (nestingDepthExceeds(text, maxDepth)) {
    return { ok: false, refusal: 'too_deep', problem: `nested deeper than ${maxDepth} levels` };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, refusal: 'invalid_json', problem: 'that is not valid JSON' };
  }
}

/**
 * True when arrays and objects in `text` nest deeper than `maxDepth`, counted outside
 * strings. Stops at the first level too deep. Linear in the text's length; it does not
 * validate (unbalanced brackets are `JSON.parse`'s to refuse).
 */
export function nestingDepthExceeds(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_ARRAY || code === OPEN_OBJECT) {
      if (++depth > maxDepth) return true;
    } else if (code === CLOSE_ARRAY || code === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}
