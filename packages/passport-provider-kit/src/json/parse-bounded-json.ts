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
  /**
   * Most object members (`"key": value` pairs, all objects together) accepted. `JSON.parse`
   * builds a wide object slowly (50,000 keys in 600 KB take 30-80 ms, all of it blocking),
   * while arrays of the same size cost a tenth of that.
   */
  maxMembers: number;
}

/**
 * The default bounds: 64 levels (real provider answers use fewer than 10), 1 MiB (the
 * strategies' default response cap) and 10,000 object members (a page of 1,000 records of 10
 * fields; parsed in a few ms).
 */
export const DEFAULT_JSON_BOUNDS: Readonly<JsonBounds> = Object.freeze({
  maxDepth: 64,
  maxBytes: 1024 * 1024,
  maxMembers: 10_000,
});

/** Why a text was not accepted as JSON. */
export type JsonRefusal = 'invalid_json' | 'too_deep' | 'too_large' | 'too_wide';

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
const COLON = 0x3a; // :

/**
 * Parses JSON within bounds, without ever throwing: the size is checked first, then the
 * nesting depth and the number of object members by one linear scan (strings skipped, so
 * brackets inside them do not count), and only then is the text given to `JSON.parse`. Pure,
 * so any HTTP layer can call it.
 *
 * @param text - the JSON text.
 * @param bounds - limits; each missing one is {@link DEFAULT_JSON_BOUNDS}'s.
 * @returns `{ ok: true, value }`, or `{ ok: false, refusal, problem }`.
 */
export function parseBoundedJson(text: string, bounds: Partial<JsonBounds> = {}): BoundedJson {
  const { maxDepth, maxBytes, maxMembers } = { ...DEFAULT_JSON_BOUNDS, ...bounds };
  // Cheap test first: a UTF-8 character is at most 3 bytes per UTF-16 unit.
  if (text.length * 3 > maxBytes && Buffer.byteLength(text, 'utf8') > maxBytes) {
    return { ok: false, refusal: 'too_large', problem: `over ${maxBytes} bytes` };
  }
  const shape = shapeBeyond(text, maxDepth, maxMembers);
  if (shape === 'too_deep') return { ok: false, refusal: shape, problem: `nested deeper than ${maxDepth} levels` };
  if (shape === 'too_wide')
    return { ok: false, refusal: shape, problem: `with more than ${maxMembers} object members` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, refusal: 'invalid_json', problem: 'that is not valid JSON' };
  }
}

/**
 * True when arrays and objects in `text` nest deeper than `maxDepth`, counted outside
 * strings. See {@link shapeBeyond}.
 */
export function nestingDepthExceeds(text: string, maxDepth: number): boolean {
  return shapeBeyond(text, maxDepth, Infinity) === 'too_deep';
}

/**
 * Whether `text` nests arrays and objects deeper than `maxDepth` or has more than
 * `maxMembers` object members (a `:` outside strings), stopping at the first bound broken.
 * Linear in the text's length; it does not validate (what is not JSON is `JSON.parse`'s to
 * refuse).
 */
function shapeBeyond(text: string, maxDepth: number, maxMembers: number): 'too_deep' | 'too_wide' | undefined {
  let depth = 0;
  let members = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_ARRAY || code === OPEN_OBJECT) {
      if (++depth > maxDepth) return 'too_deep';
    } else if (code === CLOSE_ARRAY || code === CLOSE_OBJECT) {
      depth--;
    } else if (code === COLON) {
      if (++members > maxMembers) return 'too_wide';
    }
  }
  return undefined;
}
