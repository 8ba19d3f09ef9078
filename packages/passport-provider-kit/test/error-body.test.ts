import { isRecord } from 'passport-provider-kit';
import { cleanText, errorCodeFromBody, errorTextFromBody } from '../src/errors/error-body';
import { redactSecrets } from '../src/errors/redact';

/** Reading a provider's error body safely. */

describe('errorTextFromBody: the first usable field in the given order', () => {
  it('follows the order of fields, not of the body', () => {
    const body = { error: 'invalid_grant', error_description: 'Code expired.' };
    expect(errorTextFromBody(body, ['error_description', 'error'])).toBe('Code expired.');
    expect(errorTextFromBody(body, ['error', 'error_description'])).toBe('invalid_grant');
  });

  it('skips fields that are missing, empty, blank or not strings', () => {
    const body = { detail: '', title: '  \n ', message: 42, hint: { text: 'x' }, error: 'Last resort.' };
    expect(errorTextFromBody(body, ['detail', 'title', 'message', 'hint', 'error'])).toBe('Last resort.');
  });

  it.each([
    ['no usable field', { other: 'x' }],
    ['an array body', ['error']],
    ['a string body', 'error'],
    ['null', null],
  ])('gives undefined for %s', (_what, body) => {
    expect(errorTextFromBody(body, ['error'])).toBeUndefined();
  });

  it('reads a dotted field as a path into nested objects (`error.message`)', () => {
    const body = { error: { message: 'Nested text.', code: 7 }, 'error.message': 'not a path' };
    expect(errorTextFromBody(body, ['error.message'])).toBe('Nested text.');
    expect(errorTextFromBody(body, ['error.code', 'error.missing.deeper', 'error'])).toBeUndefined();
  });

  it('cleans the text it returns', () => {
    expect(errorTextFromBody({ error: 'line one\r\nFAKE LOG LINE' }, ['error'])).toBe('line one FAKE LOG LINE');
  });
});

describe('errorCodeFromBody: a machine code, not a sentence', () => {
  it('takes an RFC 6749 error code', () => {
    expect(errorCodeFromBody({ error: 'invalid_grant', error_description: 'x' })).toBe('invalid_grant');
  });

  it('takes code when error is a sentence (AltDentifier) or missing (MijnKlantportaal)', () => {
    expect(errorCodeFromBody({ error: 'The code is invalid.', code: 'bad_code' })).toBe('bad_code');
    expect(errorCodeFromBody({ code: 'unauthorized', message: 'Access token missing' })).toBe('unauthorized');
  });

  it.each([
    ['a sentence', { error: 'The provided authorization code is invalid.' }],
    ['a code over 64 characters', { error: `e${'x'.repeat(64)}` }],
    ['a code starting with a digit', { error: '401' }],
    ['a numeric code', { code: 401 }],
    ['no code at all', { message: 'x' }],
    ['a non-object body', 'invalid_grant'],
  ])('gives undefined for %s', (_what, body) => {
    expect(errorCodeFromBody(body)).toBeUndefined();
  });
});

describe('cleanText: safe for one log line', () => {
  it('replaces control characters (CR, LF, tab, ESC, NUL, C1) and collapses whitespace', () => {
    expect(cleanText('a\r\nb\tc\u001b[31md\u0000e\u0085f   g')).toBe('a b c [31md e f g');
  });

  it('trims', () => {
    expect(cleanText('  \n text \t ')).toBe('text');
  });

  it('truncates long text to 300 characters plus an ellipsis', () => {
    const text = cleanText('x'.repeat(5000));
    expect(text).toBe(`${'x'.repeat(300)}…`);
  });

  it('keeps text of 300 characters as it is', () => {
    expect(cleanText('y'.repeat(300))).toBe('y'.repeat(300));
  });

  it('keeps non-ASCII text', () => {
    expect(cleanText('Zoë Ångström — 日本')).toBe('Zoë Ångström — 日本');
  });
});

describe('isRecord', () => {
  it('is true for plain objects only', () => {
    expect(isRecord({})).toBe(true);
    expect([[], null, 'x', 1, undefined].map(isRecord)).toEqual([false, false, false, false, false]);
  });
});

describe('redactSecrets', () => {
  it('replaces every occurrence of every secret', () => {
    expect(redactSecrets('a SECRET1 b SECRET1 c TOKEN22', ['SECRET1', 'TOKEN22'])).toBe(
      'a [redacted] b [redacted] c [redacted]',
    );
  });

  it('ignores undefined, empty and very short values (which would shred ordinary words)', () => {
    expect(redactSecrets('the code is abc', [undefined, '', 'abc'])).toBe('the code is abc');
  });

  it('treats secrets literally, not as patterns', () => {
    expect(redactSecrets('x a.b*c+d y', ['a.b*c+d'])).toBe('x [redacted] y');
    expect(redactSecrets('x aXbYcZd y', ['a.b*c+d'])).toBe('x aXbYcZd y');
  });
});
