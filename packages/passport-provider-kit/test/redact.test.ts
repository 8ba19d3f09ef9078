import fc from 'fast-check';
import { findSecretForm } from '@internal/test-support';
import { cleanText, errorTextFromBody } from '../src/errors/error-body';
import { redactSecrets } from '../src/errors/redact';

/** Secret redaction in every form a provider can echo a secret in (issue 13, item 4). */

const SECRET = 'Sëcr+t/ k=y&"q"%41-0451';

/** The forms a provider may echo a value in, as the token request or the Basic header carry it. */
const ENCODINGS: ReadonlyArray<[string, (secret: string) => string]> = [
  ['raw', (secret) => secret],
  ['form-encoded with +', (secret) => new URLSearchParams({ s: secret }).toString().slice(2)],
  ['form-encoded with %20', (secret) => new URLSearchParams({ s: secret }).toString().slice(2).replace(/\+/g, '%20')],
  ['encodeURIComponent', (secret) => encodeURIComponent(secret)],
  [
    'encodeURIComponent, lower-case hex',
    (secret) => encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
  ],
  ['JSON-escaped', (secret) => JSON.stringify(secret).slice(1, -1)],
  ['base64', (secret) => Buffer.from(secret).toString('base64')],
  ['base64url', (secret) => Buffer.from(secret).toString('base64url')],
  ['a Basic header', (secret) => `Basic ${Buffer.from(`my-client:${encodeURIComponent(secret)}`).toString('base64')}`],
  ['a Basic header, raw secret', (secret) => `Basic ${Buffer.from(`client-id-2:${secret}`).toString('base64')}`],
  [
    'a piece of a Basic header',
    (secret) =>
      Buffer.from(`id:${encodeURIComponent(secret)}:x`)
        .toString('base64')
        .slice(2, -2),
  ],
];

describe('redactSecrets: every encoded form of a secret', () => {
  it.each(ENCODINGS)('redacts the secret echoed %s', (_form, encode) => {
    const text = `provider says: ${encode(SECRET)} (end)`;
    expect(findSecretForm(text, SECRET)).toBeDefined();
    const redacted = redactSecrets(text, [SECRET]);
    expect(findSecretForm(redacted, SECRET)).toBeUndefined();
    expect(redacted).toContain('[redacted]');
    expect(redacted).toMatch(/^provider says: .*\(end\)$/);
  });

  it('leaves text without the secret untouched, base64 included', () => {
    const text = `other ${Buffer.from('client:another-secret-entirely').toString('base64')} ${encodeURIComponent('a b+c')}`;
    expect(redactSecrets(text, [SECRET])).toBe(text);
  });

  it('finds no encoded form of any secret in the result, wherever it sits (property)', () => {
    const secret = fc.string({ unit: 'grapheme', minLength: 6, maxLength: 40 });
    const encoding = fc.constantFrom(...ENCODINGS.map(([, encode]) => encode));
    fc.assert(
      fc.property(secret, encoding, fc.string(), fc.string(), (value, encode, before, after) => {
        const redacted = redactSecrets(`${before}${encode(value)}${after}`, [value]);
        expect(findSecretForm(redacted, value)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});

describe('cleanText and errorTextFromBody: redaction before the 300-character cut', () => {
  it('leaves no start of a secret that straddles the cut', () => {
    const text = cleanText(`${'.'.repeat(290)}${SECRET}`, [SECRET]);
    expect(text).not.toContain(SECRET.slice(0, 6));
    expect(text.length).toBeLessThanOrEqual(301);
  });

  it('leaves no start of an encoded secret that straddles the cut', () => {
    const text = cleanText(`${'.'.repeat(295)}${encodeURIComponent(SECRET)}`, [SECRET]);
    expect(text).not.toContain(encodeURIComponent(SECRET).slice(0, 5));
  });

  it('redacts secrets in the error text it picks', () => {
    const body = { error_description: `${'x'.repeat(296)} ${SECRET}` };
    expect(errorTextFromBody(body, ['error_description'], [SECRET])).not.toContain(SECRET.slice(0, 4));
  });
});
