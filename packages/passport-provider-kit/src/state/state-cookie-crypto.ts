import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** HKDF salt: a fixed label, so a key made for state cookies is made for nothing else. */
const HKDF_SALT = 'passport-provider-kit/state-cookie/v1';

/**
 * Derives the 256-bit key of a strategy's state cookies from a secret (by default the client
 * secret) with HKDF-SHA256. The strategy's name, the client id and the callback URL go into
 * `info`, so two strategies never share a key even when they share a secret and a client (the
 * demo's `petjeaf` and `petjeaf-members`), and the key reveals nothing about the secret it came from.
 */
export function deriveStateKey(
  secret: string | Buffer,
  provider: string,
  clientID: string,
  callbackURL: string | undefined,
): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, HKDF_SALT, `${provider}\0${clientID}\0${callbackURL ?? ''}`, 32));
}

/**
 * Encrypts and authenticates `plaintext` with AES-256-GCM; `binding` (the cookie's name) is
 * authenticated too, so a value moved under another name no longer opens.
 * @returns base64url of iv ‖ ciphertext ‖ tag.
 */
export function seal(key: Buffer, plaintext: string, binding: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(binding));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** Opens what {@link seal} made under the same key and binding; `undefined` for anything else. */
export function open(key: Buffer, sealed: string, binding: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(sealed)) return undefined;
  const raw = Buffer.from(sealed, 'base64url');
  if (raw.length < IV_BYTES + TAG_BYTES + 1) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(binding));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return undefined;
  }
}
