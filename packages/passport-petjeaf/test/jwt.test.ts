import { createHmac, generateKeyPairSync, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { thrownBy } from '@internal/test-support';
import { ProviderApiError } from 'passport-provider-kit';
import { assertNotExpired, decodeJwtPayload } from '../src/jwt/decode-claims';
import { assertUsableJwtKey, verifyJwtSignature } from '../src/jwt/verify-signature';

/** Claim decoding, expiry and signature checks of JWTs (Petje.af's access token is one). */

const decodeJwtClaims = (token: string, provider: string, what?: string) =>
  decodeJwtPayload(token, provider, what).claims;

const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const HEADER = b64({ alg: 'HS256', typ: 'JWT' });

const refusal = (run: () => unknown): ProviderApiError => thrownBy(run, ProviderApiError);

describe('decodeJwtPayload: reads the payload of a well-formed JWT', () => {
  it('returns the claims without checking the signature', () => {
    const token = `${HEADER}.${b64({ id: 7, name: 'Zoë Ångström', exp: 1 })}.not-checked`;
    expect(decodeJwtClaims(token, 'Acme')).toEqual({ id: 7, name: 'Zoë Ångström', exp: 1 });
  });

  it('accepts an unsigned token (empty third segment) for decoding', () => {
    expect(decodeJwtClaims(`${HEADER}.${b64({ id: 1 })}.`, 'Acme')).toEqual({ id: 1 });
  });
});

describe('decodeJwtPayload: the claims and the JSON text they were read from', () => {
  it('returns the payload text exactly as the token carries it', () => {
    const text = '{ "id": 7,\n  "name": "Zoë" }';
    expect(decodeJwtPayload(`${HEADER}.${b64(text)}.sig`, 'Acme')).toEqual({
      claims: { id: 7, name: 'Zoë' },
      raw: text,
    });
  });
});

describe('decodeJwtPayload: refuses what is not a usable JWT, naming the problem and never the token', () => {
  it.each([
    ['an opaque token', 'opaque-access-token-123', 'is not a JWT (expected three base64url segments)'],
    ['two segments', `${HEADER}.${b64({ id: 1 })}`, 'is not a JWT (expected three base64url segments)'],
    ['four segments', `${HEADER}.${b64({ id: 1 })}.sig.extra`, 'is not a JWT (expected three base64url segments)'],
    [
      'characters outside base64url',
      `${HEADER}.${b64({ id: 1 })}+/=.sig`,
      'is not a JWT (expected three base64url segments)',
    ],
    [
      'a header that is not JSON',
      `${b64('not json')}.${b64({ id: 1 })}.sig`,
      'has a JWT header that is not base64url-encoded JSON',
    ],
    [
      'a header that is a JSON array',
      `${b64([1])}.${b64({ id: 1 })}.sig`,
      'has a JWT header that is not base64url-encoded JSON',
    ],
    [
      'a payload that is bad base64 (not JSON once decoded)',
      `${HEADER}.QQ.sig`,
      'has a JWT payload that is not base64url-encoded JSON',
    ],
    [
      'a payload that is not JSON',
      `${HEADER}.${b64('{"id": 1')}.sig`,
      'has a JWT payload that is not base64url-encoded JSON',
    ],
    ['a JSON array payload', `${HEADER}.${b64([{ id: 1 }])}.sig`, 'has a JWT payload that is not a JSON object'],
    ['a JSON string payload', `${HEADER}.${b64('"id"')}.sig`, 'has a JWT payload that is not a JSON object'],
    ['a JSON null payload', `${HEADER}.${b64('null')}.sig`, 'has a JWT payload that is not a JSON object'],
    ['a JSON number payload', `${HEADER}.${b64('42')}.sig`, 'has a JWT payload that is not a JSON object'],
  ])('%s', (_what, token, problem) => {
    const error = refusal(() => decodeJwtClaims(token, 'Acme'));
    expect(error.message).toBe(`Acme access token ${problem}`);
    expect(error.reason).toBe('invalid_token');
    expect(error.provider).toBe('Acme');
    expect(error.toString()).not.toContain(token);
  });

  it('names the token as told', () => {
    expect(refusal(() => decodeJwtClaims('x', 'Acme', 'ID token')).message).toBe(
      'Acme ID token is not a JWT (expected three base64url segments)',
    );
  });
});

describe("decodeJwtPayload: claims beyond the kit's JSON bounds are refused as unexpected_shape (issue 23 item 1)", () => {
  it.each([
    [
      'a payload nested 5,000 levels deep',
      `${HEADER}.${b64(`{"id":"1","x":${'['.repeat(5000)}${']'.repeat(5000)}}`)}.sig`,
      'has a JWT payload nested deeper than 64 levels',
    ],
    [
      'a header nested 100 levels deep',
      `${b64(`{"alg":"HS256","x":${'['.repeat(100)}${']'.repeat(100)}}`)}.${b64({ id: 1 })}.sig`,
      'has a JWT header nested deeper than 64 levels',
    ],
    [
      'a payload over 64 KiB',
      `${HEADER}.${b64({ id: '1', pad: 'p'.repeat(70_000) })}.sig`,
      'has a JWT payload over 65536 bytes',
    ],
  ])('%s', (_what, token, problem) => {
    const error = refusal(() => decodeJwtClaims(token, 'Acme'));
    expect(error.message).toBe(`Acme access token ${problem}`);
    expect(error.reason).toBe('unexpected_shape');
    expect(error.status).toBe(502);
  });

  it('accepts 64 levels', () => {
    const token = `${HEADER}.${b64(`{"id":"1","x":${'['.repeat(63)}${']'.repeat(63)}}`)}.sig`;
    expect(decodeJwtClaims(token, 'Acme').id).toBe('1');
  });
});

describe('assertNotExpired', () => {
  const NOW = 1_700_000_000_000;

  it('passes a token whose exp is in the future', () => {
    expect(() => assertNotExpired({ exp: NOW / 1000 + 60 }, 'Acme', { now: NOW })).not.toThrow();
  });

  it('refuses a token whose exp has passed, with reason expired_token and the time', () => {
    const error = refusal(() => assertNotExpired({ exp: NOW / 1000 - 60 }, 'Acme', { now: NOW }));
    expect(error.reason).toBe('expired_token');
    expect(error.message).toBe(`Acme access token expired at ${new Date(NOW - 60_000).toISOString()}`);
  });

  it('refuses a token whose exp is exactly now', () => {
    expect(refusal(() => assertNotExpired({ exp: NOW / 1000 }, 'Acme', { now: NOW })).reason).toBe('expired_token');
  });

  it('allows clockToleranceSeconds of skew, and no more', () => {
    const claims = { exp: NOW / 1000 - 30 };
    expect(() => assertNotExpired(claims, 'Acme', { now: NOW, clockToleranceSeconds: 31 })).not.toThrow();
    expect(refusal(() => assertNotExpired(claims, 'Acme', { now: NOW, clockToleranceSeconds: 30 })).reason).toBe(
      'expired_token',
    );
  });

  it('uses the current time by default', () => {
    expect(refusal(() => assertNotExpired({ exp: Math.floor(Date.now() / 1000) - 1 }, 'Acme')).reason).toBe(
      'expired_token',
    );
    expect(() => assertNotExpired({ exp: Math.floor(Date.now() / 1000) + 3600 }, 'Acme')).not.toThrow();
  });

  it.each([
    ['a string', '1700000000'],
    ['null', null],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('refuses an exp that is %s (invalid_token)', (_what, exp) => {
    const error = refusal(() => assertNotExpired({ exp }, 'Acme', { now: NOW, what: 'ID token' }));
    expect(error.reason).toBe('invalid_token');
    expect(error.message).toBe('Acme ID token has an exp claim that is not a number');
  });

  it('passes a token without exp', () => {
    expect(() => assertNotExpired({ id: 1 }, 'Acme', { now: NOW })).not.toThrow();
  });
});

describe('verifyJwtSignature: HS256 with a shared secret', () => {
  const secret = 'hmac-shared-secret-for-tests';
  const claims = { id: 'u1', iss: 'https://issuer.example', aud: 'kit-client' };

  it('accepts a token signed with the secret', () => {
    const token = jwt.sign(claims, secret, { algorithm: 'HS256' });
    expect(() => verifyJwtSignature(token, { key: secret }, 'Acme')).not.toThrow();
  });

  it('leaves expiry to assertNotExpired (an expired but well-signed token passes)', () => {
    const token = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 3600 }, secret);
    expect(() => verifyJwtSignature(token, { key: secret }, 'Acme')).not.toThrow();
  });

  it('refuses a token signed with another secret (bad_signature), never showing the token', () => {
    const token = jwt.sign(claims, 'another-secret-entirely');
    const error = refusal(() => verifyJwtSignature(token, { key: secret }, 'Acme'));
    expect(error.reason).toBe('bad_signature');
    expect(error.message).toBe('Acme access token was refused: invalid signature');
    expect(JSON.stringify(error)).not.toContain(token);
    expect(JSON.stringify(error)).not.toContain(secret);
  });

  it('refuses a token whose payload was changed after signing', () => {
    const [header, , signature] = jwt.sign(claims, secret).split('.');
    const forged = `${header}.${b64({ ...claims, id: 'admin' })}.${signature}`;
    expect(refusal(() => verifyJwtSignature(forged, { key: secret }, 'Acme')).reason).toBe('bad_signature');
  });

  it('checks issuer and audience when given', () => {
    const token = jwt.sign(claims, secret);
    expect(() =>
      verifyJwtSignature(token, { key: secret, issuer: claims.iss, audience: claims.aud }, 'Acme'),
    ).not.toThrow();
    expect(
      refusal(() => verifyJwtSignature(token, { key: secret, issuer: 'https://evil.example' }, 'Acme')).message,
    ).toMatch(/^Acme access token was refused: jwt issuer invalid/);
    expect(refusal(() => verifyJwtSignature(token, { key: secret, audience: 'someone-else' }, 'Acme')).message).toMatch(
      /^Acme access token was refused: jwt audience invalid/,
    );
  });
});

describe('verifyJwtSignature: a string or Buffer key is made a KeyObject once per configuration', () => {
  // jsonwebtoken re-parses a string key on every call (about 0.6 ms, against 0.02 ms with a KeyObject).
  it('hands the library the same secret KeyObject on every call', () => {
    const secret = 'hmac-shared-secret-for-tests';
    const verification = { key: secret };
    const token = jwt.sign({ id: 'u1' }, secret, { algorithm: 'HS256' });
    const spy = jest.spyOn(jwt, 'verify');
    verifyJwtSignature(token, verification, 'Acme');
    verifyJwtSignature(token, verification, 'Acme');
    const keys = spy.mock.calls.map((call) => call[1]);
    spy.mockRestore();
    expect(keys[0]).toBeInstanceOf(KeyObject);
    expect((keys[0] as KeyObject).type).toBe('secret');
    expect(keys[1]).toBe(keys[0]);
  });

  it('makes a PEM string a public KeyObject', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const spy = jest.spyOn(jwt, 'verify').mockImplementation(() => ({}));
    verifyJwtSignature('a.b.c', { key: publicKey.export({ type: 'spki', format: 'pem' }).toString() }, 'Acme');
    const key = spy.mock.calls[0][1];
    spy.mockRestore();
    expect((key as KeyObject).type).toBe('public');
  });
});

describe('assertUsableJwtKey: a key that cannot be one is a TypeError naming its owner', () => {
  it('accepts an HMAC secret, a PEM public key and a KeyObject', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(() => assertUsableJwtKey({ key: 'a-secret' }, 'Acme')).not.toThrow();
    expect(() =>
      assertUsableJwtKey({ key: publicKey.export({ type: 'spki', format: 'pem' }).toString() }, 'Acme'),
    ).not.toThrow();
    expect(() => assertUsableJwtKey({ key: publicKey }, 'Acme')).not.toThrow();
  });

  it('refuses an empty string or Buffer', () => {
    expect(() => assertUsableJwtKey({ key: '' }, 'Acme')).toThrow(new TypeError('Acme: jwtVerification.key is empty'));
    expect(() => assertUsableJwtKey({ key: Buffer.alloc(0) }, 'Acme')).toThrow(TypeError);
  });

  it('refuses a malformed PEM', () => {
    const pem = '-----BEGIN PUBLIC KEY-----\nnot base64 at all\n-----END PUBLIC KEY-----';
    expect(() => assertUsableJwtKey({ key: pem }, 'Acme')).toThrow(
      /^Acme: jwtVerification\.key is not a usable key \(/,
    );
  });
});

describe('verifyJwtSignature: RS256 with a public key', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

  it('accepts a token signed with the private key (PEM or KeyObject public key)', () => {
    const token = jwt.sign({ id: 'u1' }, privateKey, { algorithm: 'RS256' });
    expect(() => verifyJwtSignature(token, { key: publicPem }, 'Acme')).not.toThrow();
    expect(() => verifyJwtSignature(token, { key: publicKey, algorithms: ['RS256'] }, 'Acme')).not.toThrow();
  });

  it('refuses a token signed with another key', () => {
    const token = jwt.sign({ id: 'u1' }, other.privateKey, { algorithm: 'RS256' });
    expect(refusal(() => verifyJwtSignature(token, { key: publicPem }, 'Acme')).reason).toBe('bad_signature');
  });

  it('refuses an HS256 token signed with the public key as HMAC secret (algorithm confusion)', () => {
    const token = `${HEADER}.${b64({ id: 'admin' })}`;
    const forged = `${token}.${createHmac('sha256', publicPem).update(token).digest('base64url')}`;
    expect(refusal(() => verifyJwtSignature(forged, { key: publicPem }, 'Acme')).reason).toBe('bad_signature');
  });

  it('refuses an algorithm outside the accepted list', () => {
    const token = jwt.sign({ id: 'u1' }, privateKey, { algorithm: 'RS256' });
    expect(refusal(() => verifyJwtSignature(token, { key: publicPem, algorithms: ['RS512'] }, 'Acme')).message).toBe(
      'Acme access token was refused: invalid algorithm',
    );
  });
});

describe("verifyJwtSignature: alg 'none' is always refused", () => {
  const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ id: 'admin' })}.`;

  it.each([
    ['no algorithms given', undefined],
    ["algorithms ['none']", ['none']],
    ["algorithms ['none', 'HS256']", ['none', 'HS256']],
    ["algorithms ['NONE', 'HS256']", ['NONE', 'HS256']],
  ])('with %s', (_what, algorithms) => {
    const error = refusal(() => verifyJwtSignature(unsigned, { key: 'hmac-shared-secret', algorithms }, 'Acme'));
    expect(error.reason).toBe('bad_signature');
  });
});

describe('the kit does not depend on jsonwebtoken; passport-petjeaf, the one strategy that checks signatures, does', () => {
  it('is in passport-petjeaf dependencies and in none of the kit', () => {
    const manifest = (name: string) =>
      JSON.parse(readFileSync(join(__dirname, '../..', name, 'package.json'), 'utf8')) as Record<string, unknown>;
    const kit = manifest('passport-provider-kit');
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
      expect(Object.keys((kit[field] as object | undefined) ?? {})).not.toContain('jsonwebtoken');
    }
    expect(Object.keys(manifest('passport-petjeaf').dependencies as object)).toContain('jsonwebtoken');
  });
});
