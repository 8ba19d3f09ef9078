import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import {
  CookieStateStore,
  type CookieStateStoreOptions,
} from '../../../passport-provider-kit/src/state/cookie-state-store';
import { instanceTag } from '../../../passport-provider-kit/src/state/state-cookies';
import type { Request } from 'express';
import type { StartedLogin } from '../login-app';
import { CALLBACK_URL, CLIENT_ID } from './harness';

/** Name prefix of the kit's state cookies (over http). */
export const STATE_COOKIE_PREFIX = 'oauth2-state.';

/** `oauth2-state.<provider>.<instance>.`: how the names of a suite strategy's state cookies start. */
export function stateCookieOwner(provider: string, clientID = CLIENT_ID, callbackURL = CALLBACK_URL): string {
  return `${STATE_COOKIE_PREFIX}${provider}.${instanceTag(provider, clientID, callbackURL)}.`;
}

/** The `name=value` pair of the state cookie a login start set. */
export function stateCookieOf(login: StartedLogin): string {
  const line = login.setCookies.find((cookie) => cookie.startsWith(STATE_COOKIE_PREFIX));
  if (!line) throw new Error(`the login start set no state cookie (Set-Cookie: ${login.setCookies.join(' | ')})`);
  return line.split(';')[0];
}

/**
 * A state cookie made outside the app by a store with other options (another secret, another
 * provider), as an attacker or another deployment would make one: its state and `name=value`.
 * The callback URL is the suite's unless given.
 */
export function forgeStateCookie(
  options: Omit<CookieStateStoreOptions, 'callbackURL'> & { callbackURL?: string },
): Promise<{ state: string; cookie: string }> {
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  const req = { url: '/login', originalUrl: '/login', headers: {}, res } as unknown as Request;
  const store = new CookieStateStore({ callbackURL: CALLBACK_URL, ...options });
  return new Promise((resolve, reject) =>
    store.store(req, undefined, undefined, { callbackURL: CALLBACK_URL }, (err, state) => {
      if (err || !state) return reject(err ?? new Error('no state'));
      res.writeHead(200);
      const [line] = res.getHeader('set-cookie') as string[];
      resolve({ state, cookie: line.split(';')[0] });
    }),
  );
}
