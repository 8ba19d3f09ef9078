import fc from 'fast-check';
import request from 'supertest';
import { safeLocalPath } from 'express-demo';
import { useDemo } from '../support';

/** Issue 13, item 5: `safeLocalPath` only ever returns a single-slash local path. */

const ORIGIN = 'http://app.example';

/** What every result must be: a path on this origin that a browser cannot read as another host. */
function expectSingleSlashLocal(result: string): void {
  expect(result.startsWith('/')).toBe(true);
  expect(result.startsWith('//')).toBe(false);
  // eslint-disable-next-line no-control-regex -- control characters must not survive
  expect(result).not.toMatch(/[\\\u0000-\u001f\u007f]/);
  expect(new URL(result, ORIGIN).origin).toBe(ORIGIN);
  expect(new URL(result, 'http://other.example').host).toBe('other.example');
  expect(safeLocalPath(result)).toBe(result);
}

/** Paths that normalize to `//evil.example` or otherwise leave the site. */
const ESCAPES = [
  '/.//evil.example',
  '/..//evil.example',
  '/%2e//evil.example',
  '/%2E//evil.example',
  '/%2e%2e//evil.example',
  '/a/..//evil.example',
  '/a/%2e%2e//evil.example',
  '/./..//evil.example/x?y#z',
  '/.//\\evil.example',
  '/\\evil.example',
  '/\\/evil.example',
  '/%0d%0a/..//evil.example',
  '/\r\n//evil.example',
  '/profile\r\nSet-Cookie: x=1',
  '/\u2028//evil.example',
  '//evil.example',
  '///evil.example',
  'https://evil.example',
  'javascript:alert(1)',
];

describe('safeLocalPath refuses paths that normalize to another host', () => {
  it.each(ESCAPES)('refuses %j', (value) => {
    expect(safeLocalPath(value)).toBeUndefined();
  });

  it('keeps ordinary local paths, normalized', () => {
    expect(safeLocalPath('/a/./b/../c?x=1#f')).toBe('/a/c?x=1#f');
    expect(safeLocalPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
    expect(safeLocalPath('/profile')).toBe('/profile');
  });
});

describe('safeLocalPath: any result is a single-slash local path (property)', () => {
  const piece = fc.constantFrom(
    '/',
    '//',
    '.',
    '..',
    '%2e',
    '%2E',
    '%2f',
    '\\',
    '%5c',
    'evil.example',
    'a',
    '?',
    '#',
    '@',
    ':',
    '\r',
    '\n',
    '%0d',
    '\t',
    ' ',
    'é',
    'http:',
  );
  it('holds for paths built from dangerous pieces', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const result = safeLocalPath(`/${pieces.join('')}`);
        if (result !== undefined) expectSingleSlashLocal(result);
      }),
      { numRuns: 2000 },
    );
  });

  it('holds for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (value) => {
        const result = safeLocalPath(value);
        if (result !== undefined) expectSingleSlashLocal(result);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the home page renders no login link carrying an escaping returnTo', () => {
  const { app } = useDemo();
  it.each(ESCAPES.slice(0, 6))('GET /?returnTo=%j links nowhere near evil.example', async (returnTo) => {
    const res = await request(app()).get('/').query({ returnTo });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('evil.example');
  });
});

describe('safeLocalPath: the length limit applies to the percent-encoded result (issue 23 item 3)', () => {
  it('refuses 400 € (400 characters, 3,601 bytes encoded) and keeps 227 € (2,044 bytes)', () => {
    expect(safeLocalPath(`/${'€'.repeat(400)}`)).toBeUndefined();
    expect(safeLocalPath(`/${'€'.repeat(227)}`)).toBe(`/${'%E2%82%AC'.repeat(227)}`);
  });

  it('never returns more than 2,048 bytes, whatever the characters (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 2100 }), (tail) => {
        const result = safeLocalPath(`/${tail}`);
        if (result !== undefined) expect(Buffer.byteLength(result)).toBeLessThanOrEqual(2048);
      }),
      { numRuns: 300, seed: 23 },
    );
  });
});
