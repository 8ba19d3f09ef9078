import type { IncomingHttpHeaders } from 'node:http';
import { readJsonBody, retryAfterSeconds } from '../src/http/classify';

/** Classifying a body without throwing, and reading retry-after. */

const answer = (body: string, contentType?: string) => ({
  body,
  headers: contentType ? { 'content-type': contentType } : {},
});

describe('readJsonBody', () => {
  it('parses JSON of any type', () => {
    expect(readJsonBody(answer('{"a":1}', 'application/json'))).toEqual({ kind: 'json', value: { a: 1 } });
    expect(readJsonBody(answer('[1]'))).toEqual({ kind: 'json', value: [1] });
    expect(readJsonBody(answer(' "s" \n'))).toEqual({ kind: 'json', value: 's' });
  });

  it('calls an empty or blank body empty', () => {
    expect(readJsonBody(answer(''))).toEqual({ kind: 'empty' });
    expect(readJsonBody(answer(' \r\n '))).toEqual({ kind: 'empty' });
  });

  it('calls a body html by its content-type or its first character', () => {
    expect(readJsonBody(answer('{"a":1}', 'text/html; charset=utf-8'))).toEqual({ kind: 'html' });
    expect(readJsonBody(answer('  <!DOCTYPE html><p>Error</p>', 'application/json'))).toEqual({ kind: 'html' });
    expect(readJsonBody(answer('<html>', 'TEXT/HTML'))).toEqual({ kind: 'html' });
  });

  it('calls anything else invalid_json, without throwing', () => {
    expect(readJsonBody(answer('{"a":'))).toEqual({ kind: 'invalid_json' });
    expect(readJsonBody(answer('Service Unavailable', 'text/plain'))).toEqual({ kind: 'invalid_json' });
  });
});

describe('readJsonBody: JSON beyond the depth bound (issue 23 item 1)', () => {
  it('calls JSON nested deeper than 64 levels out_of_bounds, saying how', () => {
    const deep = `{"id":1,"x":${'['.repeat(65)}${']'.repeat(65)}}`;
    expect(readJsonBody(answer(deep, 'application/json'))).toEqual({
      kind: 'out_of_bounds',
      problem: 'nested deeper than 64 levels',
    });
  });

  it('still parses 64 levels', () => {
    expect(readJsonBody(answer('['.repeat(64) + ']'.repeat(64)))).toMatchObject({ kind: 'json' });
  });
});

describe('retryAfterSeconds', () => {
  // Node types retry-after as a string; a repeated header can still arrive as an array.
  const withHeader = (value: string | string[] | undefined) => ({
    headers: { 'retry-after': value } as IncomingHttpHeaders,
  });

  afterEach(() => jest.restoreAllMocks());

  it('reads delta-seconds', () => {
    expect(retryAfterSeconds(withHeader('120'))).toBe(120);
    expect(retryAfterSeconds(withHeader(' 0 '))).toBe(0);
  });

  it('reads an HTTP date as the seconds until it, rounded up', () => {
    jest.spyOn(Date, 'now').mockReturnValue(Date.parse('Wed, 21 Oct 2026 07:28:00 GMT') - 89_500);
    expect(retryAfterSeconds(withHeader('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(90);
  });

  it('reads the obsolete HTTP date formats (RFC 850, asctime)', () => {
    jest.spyOn(Date, 'now').mockReturnValue(Date.parse('Sun, 06 Nov 1994 08:49:07 GMT'));
    expect(retryAfterSeconds(withHeader('Sunday, 06-Nov-94 08:49:37 GMT'))).toBe(30);
    expect(retryAfterSeconds(withHeader('Sun Nov  6 08:49:37 1994'))).toBeGreaterThanOrEqual(0);
  });

  it('gives 0 for an HTTP date in the past', () => {
    expect(retryAfterSeconds(withHeader('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(0);
  });

  it('takes the first of repeated headers', () => {
    expect(retryAfterSeconds(withHeader(['5', '10']))).toBe(5);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['garbage', 'soon'],
    ['a negative number', '-5'],
    ['a fraction', '1.5'],
    ['a bare year', '2030-01-01'],
  ])('gives undefined for %s', (_what, value) => {
    expect(retryAfterSeconds(withHeader(value))).toBeUndefined();
  });
});
