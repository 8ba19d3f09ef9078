import { timingSafeEqual } from 'node:crypto';
import { SandboxError } from './errors';
import type { ProviderName, SandboxClient } from './types';

/** The app name shown on every authorize page. */
export const SANDBOX_APP_NAME = 'Passport demo app';

/** The one client registered with each provider's sandbox. Public values: it is a dev sandbox. */
export function sandboxClient(provider: ProviderName): SandboxClient {
  return { clientID: `sandbox-${provider}-client`, clientSecret: `sandbox-${provider}-secret` };
}

/**
 * The sandbox's redirect URI rule: instead of a registered list, the client accepts any
 * `http:` or `https:` URL on `localhost` or `127.0.0.1`, any port and path, without a
 * fragment. Real providers require the exact registered URI.
 */
export function isAllowedRedirectURI(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    (url.hostname === 'localhost' || url.hostname === '127.0.0.1') &&
    url.hash === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/** Client credentials as a request carried them. */
export interface PresentedCredentials {
  clientID?: string;
  clientSecret?: string;
}

/** Reads `Authorization: Basic` credentials (RFC 6749 §2.3.1: form-encoded, then Base64). */
export function basicCredentials(header: string | undefined): PresentedCredentials | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return {
      clientID: decodeURIComponent(decoded.slice(0, colon)),
      clientSecret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  } catch {
    return undefined;
  }
}

/** Throws `invalid_client` unless the credentials are the client's. */
export function checkCredentials(client: SandboxClient, presented: PresentedCredentials, message: string): void {
  if (presented.clientID !== client.clientID || !sameSecret(presented.clientSecret, client.clientSecret)) {
    throw new SandboxError('invalid_client', message);
  }
}

function sameSecret(presented: string | undefined, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
