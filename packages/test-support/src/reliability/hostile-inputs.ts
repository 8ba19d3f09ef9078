import fc from 'fast-check';

/**
 * Generators of hostile provider answers and callback inputs (issue 23): deep and wide JSON,
 * long runs of `<`, `-->` and quotes, multibyte text in every field, huge numbers, a secret
 * split by line breaks or tags, duplicated and array query parameters. Sizes stay under the
 * strategies' 1 MiB response cap and small enough that a run of a few dozen logins is quick.
 */

/**
 * `value`, printed by fast-check (in a counterexample) as `summary` rather than in full: a
 * hostile value can be a megabyte long.
 */
export function summarized<T extends object>(value: T, summary: string): T {
  Object.defineProperty(value, fc.toStringMethod, { value: () => summary, enumerable: false });
  return value;
}

/** A short description of a long text: its length and its start. */
export function glimpse(text: string): string {
  return `${text.length} chars: ${JSON.stringify(text.slice(0, 60))}${text.length > 60 ? '…' : ''}`;
}

/** One answer of a provider endpoint. */
export interface HostileAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** Characters and pieces whose long runs break naive parsers and regular expressions. */
const RUN_UNITS = ['<', '-->', '<!--', '"', "'", '<script>', '</', '\\', '&amp;', '[', '{', '€', '😀', '\n', '\u0000'];

/** A run of one unit, up to 256 KiB. */
export const longRun: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...RUN_UNITS), fc.integer({ min: 1, max: 64 * 1024 }))
  .map(([unit, count]) => unit.repeat(count));

/**
 * Text with multibyte characters, lone surrogates and control characters. A function: fast-check builds its
 * `grapheme` and `binary` units (tables of every code point, about 90 MB) when the arbitrary is created, which
 * a constant made every test file importing @internal/test-support pay. The units are cached, so it is built once.
 */
export function multibyteText(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.constantFrom('€'.repeat(400), '😀'.repeat(300), 'Zoë Ångström\u202e', '\ud800', 'a\u0000b\r\nc'),
  );
}

/** Numbers no JSON reader expects, as JSON text. */
export const hugeNumberText: fc.Arbitrary<string> = fc.constantFrom(
  '1e400',
  '-1e400',
  '1e-400',
  '9'.repeat(5000),
  '1'.repeat(100_000),
  `0.${'0'.repeat(5000)}1`,
  '123456789012345678901234567890',
  '-0',
);

/** JSON text nested deeper than any bound (65 to 200,000 levels), of arrays or objects. */
export const deepJsonText: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('[', '{"a":'), fc.oneof(fc.integer({ min: 65, max: 5000 }), fc.constant(200_000)))
  .map(([open, depth]) => `${open.repeat(depth)}${open === '[' ? '' : '1'}${(open === '[' ? ']' : '}').repeat(depth)}`);

/** JSON text that is wide: an array or an object of up to 50,000 members. */
export const wideJsonText: fc.Arbitrary<string> = fc
  .tuple(fc.boolean(), fc.integer({ min: 1000, max: 50_000 }))
  .map(([array, count]) =>
    array
      ? `[${Array.from({ length: count }, (_, i) => i).join(',')}]`
      : `{${Array.from({ length: count }, (_, i) => `"k${i}":${i}`).join(',')}}`,
  );

/** `secret` split by line breaks or tags, as a provider that wraps or marks up its text echoes it. */
export function splitSecret(secret: string): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.integer({ min: 1, max: secret.length - 1 }),
      fc.constantFrom('\n', '\r\n', ' \n  ', '<br>', '</b><b>', '\t'),
    )
    .map(([cut, separator]) => `${secret.slice(0, cut)}${separator}${secret.slice(cut)}`);
}

/** Any hostile text: runs, multibyte, a split or whole secret among other words. */
export function hostileText(secret: string): fc.Arbitrary<string> {
  return fc.oneof(
    longRun,
    multibyteText(),
    splitSecret(secret).map((split) => `invalid client ${split} (echoed)`),
    fc.constant(`<html><body><h1>Forbidden</h1><p>client_secret=${secret}</p>${'<'.repeat(60_000)}</body></html>`),
  );
}

/** A JSON value as text: a hostile string, a huge number, deep or wide JSON. */
export function hostileJsonValue(secret: string): fc.Arbitrary<string> {
  return fc.oneof(
    hostileText(secret).map((text) => JSON.stringify(text)),
    hugeNumberText,
    deepJsonText,
    wideJsonText,
  );
}

/**
 * A hostile answer of an endpoint whose valid answer is `valid`: the valid answer with one
 * field replaced by a hostile value (kept as JSON text, so huge numbers stay huge), deep or
 * wide JSON, or hostile text as an error page, with a status and a content type.
 */
export function hostileAnswer(valid: () => Record<string, unknown>, secret: string): fc.Arbitrary<HostileAnswer> {
  return anyHostileAnswer(valid, secret).map((answer) =>
    summarized(answer, `${answer.status} ${answer.contentType} ${glimpse(answer.body)}`),
  );
}

function anyHostileAnswer(valid: () => Record<string, unknown>, secret: string): fc.Arbitrary<HostileAnswer> {
  const json = 'application/json';
  const withField = fc
    .tuple(
      fc.constantFrom(...Object.keys(valid()), 'id', 'name', 'email', 'error_description'),
      hostileJsonValue(secret),
    )
    .map(([field, value]) => {
      const rest = { ...valid() };
      delete rest[field];
      const others = JSON.stringify(rest).slice(1, -1);
      return `{${others}${others ? ',' : ''}${JSON.stringify(field)}:${value}}`;
    });
  const statuses = fc.constantFrom(400, 401, 403, 404, 429, 500, 502, 503);
  return fc.oneof(
    { weight: 3, arbitrary: withField.map((body) => ({ status: 200, contentType: json, body })) },
    {
      weight: 2,
      arbitrary: fc.oneof(deepJsonText, wideJsonText).map((body) => ({ status: 200, contentType: json, body })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(statuses, fc.constantFrom('text/plain', 'text/html', json), hostileText(secret))
        .map(([status, contentType, body]) => ({ status, contentType, body })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(statuses, hostileJsonValue(secret)).map(([status, value]) => ({
        status,
        contentType: json,
        body: `{"error":"invalid_request","error_description":${value}}`,
      })),
    },
  );
}

/** What goes with a callback: the state the login was given, or another one. */
export type StateChoice = 'valid' | 'missing' | 'wrong' | 'twice' | 'array';

/**
 * A callback's query string: `code`, `error`, `error_description` and `error_uri` with hostile
 * values, some given twice or as arrays (`code[]=`, `error[x]=`), and the state in one of the
 * ways of {@link StateChoice}; built by the returned function once the state is known.
 */
export function hostileCallbackQuery(secret: string): fc.Arbitrary<(state: string) => string> {
  const name = fc.constantFrom(
    'code',
    'code',
    'error',
    'error_description',
    'error_uri',
    'code[]',
    'error[]',
    'code[x]',
  );
  const value = fc.oneof(
    fc.constantFrom('access_denied', 'server_error', 'invalid_scope', 'foo', 'auth-code-1', 'https://evil.example/'),
    hostileText(secret).map((text) => text.slice(0, 2000)),
  );
  const stateChoice = fc.constantFrom<StateChoice>('valid', 'valid', 'missing', 'wrong', 'twice', 'array');
  return fc
    .tuple(fc.array(fc.tuple(name, value), { minLength: 1, maxLength: 5 }), stateChoice)
    .map(([pairs, choice]) => {
      const query = (state: string) => {
        const parts = pairs.map(([key, text]) => `${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
        const states: Record<StateChoice, string[]> = {
          valid: [`state=${encodeURIComponent(state)}`],
          missing: [],
          wrong: [`state=${encodeURIComponent(`${state}x`)}`],
          twice: [`state=${encodeURIComponent(state)}`, `state=${encodeURIComponent(`${state}x`)}`],
          array: [`state[]=${encodeURIComponent(state)}`],
        };
        return [...parts, ...states[choice]].join('&');
      };
      const shown = pairs.map(([key, text]) => `${key}=${glimpse(text)}`).join(' & ');
      return summarized(query, `${shown} & state: ${choice}`);
    });
}

/** JWT claims as JSON text (`payload`): valid claims with one hostile field, or deep or wide JSON. */
export function hostileClaimsText(
  valid: () => Record<string, unknown>,
  secret: string,
): fc.Arbitrary<{ payload: string }> {
  return anyHostileAnswer(valid, secret)
    .filter((answer) => answer.status === 200)
    .map((answer) => summarized({ payload: answer.body }, glimpse(answer.body)));
}

/** A compact JWS with this payload text (header HS256, signature not checked without a key). */
export function jwtWithPayloadText(payload: string): string {
  const segment = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
  return `${segment('{"alg":"HS256","typ":"JWT"}')}.${segment(payload)}.c2lnbmF0dXJl`;
}

/** True when `text` holds `secret`, also once all white space is taken out (a secret split by line breaks). */
export function holdsSecret(text: string, secret: string): boolean {
  return text.includes(secret) || text.replace(/\s+/g, '').includes(secret);
}
