import { CookieStateStore, type CookieStateStoreOptions } from '../../../passport-provider-kit/src/state/cookie-state-store';
import type { Request } from 'express';
import type { StartedLogin } from '../login-app';
import { CALLBACK_URL } from './harness';

/** Name prefix of the kit's state cookies. */
export const STATE_COOKIE_PREFIX = 'oauth2-state.';

/** The `name=value` pair of the state cookie a login start set. */
export function stateCookieOf(login: StartedLogin): string {
  const line = login.setCookies.find((cookie) => cookie.startsWith(STATE_COOKIE_PREFIX));
  if (!line) throw new Error(`the login start set no state cookie (Set-Cookie: ${login.setCookies.join(' | ')})`);
  return line.split(';')[0];
}

/**
 * A state cookie made outside the app by a store with other options (another secret, another
 * provider), as an attacker or another deployment would make one: its state and `name=value`.
 */
export function forgeStateCookie(options: CookieStateStoreOptions): Promise<{ state: string; cookie: string }> {
  const headers = new Map<string, unknown>();
  const res = {
    headersSent: false,
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    setHeader: (name: string, value: unknown) => headers.set(name.toLowerCase(), value),
  };
  const req = { url: '/login', originalUrl: '/login', headers: {}, res } as unknown as Request;
  return new Promise((resolve, reject) =>
    new CookieStateStore(options).store(req, undefined, undefined, { callbackURL: CALLBACK_URL }, (err, state) => {
      if (err || !state) return reject(err ?? new Error('no state'));
      const [line] = headers.get('set-cookie') as string[];
      resolve({ state, cookie: line.split(';')[0] });
    }),
  );
}
