import { createHash } from 'node:crypto';

/** What every state cookie's name starts with (after `__Host-` over https), whatever its strategy. */
export const STATE_COOKIE_BASE = 'oauth2-state.';
/** Name prefixes of state cookies: ours over http and https, and `__Secure-` ones of earlier versions (cleared as junk). */
export const STATE_COOKIE_PREFIXES = [
  STATE_COOKIE_BASE,
  `__Host-${STATE_COOKIE_BASE}`,
  `__Secure-${STATE_COOKIE_BASE}`,
];

/**
 * `[__Host-]oauth2-state.<strategy>.<instance>.<start, base 36 ms>.<state>`: any strategy can
 * read when a login started from the name alone, to drop the oldest across strategies.
 */
const NAME =
  /^(__Host-)?oauth2-state\.([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{8})\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{1,64})$/;

/** A state cookie's name, read. */
export interface StateCookieName {
  /** The `<strategy>.<instance>.` part: which strategy instance owns it. */
  owner: string;
  /** When its login started (ms), as the name says. */
  startedAt: number;
  /** The login's `state`. */
  state: string;
  /** Whether it has the `__Host-` prefix (set over https, so cleared with `Secure`). */
  host: boolean;
}

/** Reads a state cookie's name; `undefined` when it is not one this version writes. */
export function readStateCookieName(name: string): StateCookieName | undefined {
  const match = NAME.exec(name);
  if (!match) return undefined;
  const startedAt = parseInt(match[4], 36);
  return { owner: `${match[2]}.${match[3]}.`, startedAt, state: match[5], host: match[1] !== undefined };
}

/**
 * The instance part of a strategy's cookie names: 8 characters of SHA-256 over its name, client
 * id and configured callback URL, so the same strategy in every process of a deployment names
 * its cookies alike, and two strategies of one provider (`petjeaf` and `petjeaf-members`) never do.
 */
export function instanceTag(provider: string, clientID: string, callbackURL: string | undefined): string {
  return createHash('sha256')
    .update(`${provider}\0${clientID}\0${callbackURL ?? ''}`)
    .digest('base64url')
    .slice(0, 8);
}

/** The name of a login's cookie: `owner` from {@link instanceTag}'s strategy, its start time and state. */
export function stateCookieName(owner: string, startedAt: number, state: string, https: boolean): string {
  return `${https ? '__Host-' : ''}${STATE_COOKIE_BASE}${owner}${startedAt.toString(36)}.${state}`;
}
