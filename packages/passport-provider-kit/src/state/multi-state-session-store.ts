import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { carryAcrossRegeneration, readSession, sessionOf, writeSession } from './session-access';

/** One authorization request waiting for its callback. */
interface PendingState {
  handle: string;
  expires: number;
  verifier?: string;
  state?: unknown;
}

/** Options of {@link MultiStateSessionStore}. */
export interface MultiStateSessionStoreOptions {
  /** Session property under which pending states are kept. */
  key: string;
  /** Most pending logins kept per session; the oldest is dropped beyond it. Default 10. */
  maxPending?: number;
  /** How long a pending login stays valid, in ms. Default 10 minutes. */
  ttlMs?: number;
}

/** What passport-oauth2 is told when a callback's `state` does not check out (it answers 403). */
export const STATE_MESSAGES = {
  missing: 'Unable to verify authorization request state.',
  invalid: 'Invalid authorization request state.',
  expired: 'Authorization request state has expired.',
} as const;

/** What the store keeps under its session key. */
interface PendingBag {
  pending?: PendingState[];
}

/**
 * A passport-oauth2 state store that keeps several pending logins per session.
 *
 * passport-oauth2's own session stores keep one slot per key, so a user who starts a login
 * in two tabs can finish only the last one. This store keeps up to `maxPending` states,
 * each with an expiry, and consumes a state when it is used: a missing, unknown, expired or
 * replayed `state` fails the callback (with 403) before any token request. It also holds the
 * PKCE code verifier when PKCE is on, so one store serves both modes.
 *
 * It reads and writes the session through each middleware's API (see `session-access.ts`):
 * express-session's and koa-session's plain objects, @fastify/session's and
 * @fastify/secure-session's `get`/`set`.
 *
 * Passport ≥ 0.6 and @fastify/passport regenerate the session at `logIn` (a new id against
 * session fixation), which would drop the logins still pending in other tabs. When a callback
 * verifies and other logins are pending, the store carries them (only them, under its key) into
 * the regenerated session, whichever form `regenerate` takes, so the other tabs still complete;
 * `keepSessionInfo` is not needed for that. Two logins started at the same moment in one
 * browser keep only one of them (each request saves the session it loaded): the cookie store has
 * no such limit.
 */
export class MultiStateSessionStore {
  private readonly key: string;
  private readonly maxPending: number;
  private readonly ttlMs: number;

  constructor(options: MultiStateSessionStoreOptions) {
    this.key = options.key;
    this.maxPending = options.maxPending ?? 10;
    this.ttlMs = options.ttlMs ?? 10 * 60 * 1000;
  }

  /** Saves a new pending login; passport-oauth2 calls it with five arguments, PKCE or not. */
  store(
    req: Request,
    verifier: string | undefined,
    state: unknown,
    _meta: unknown,
    callback: (err: Error | null, handle?: string) => void,
  ): void {
    const session = sessionOf(req);
    if (!session) return callback(missingSessionError());
    const now = Date.now();
    const entry: PendingState = { handle: randomBytes(24).toString('base64url'), expires: now + this.ttlMs };
    if (verifier) entry.verifier = verifier;
    if (state !== undefined && state !== null) entry.state = state;
    const live = pendingIn(session, this.key).filter((pending) => pending.expires > now);
    writeSession(session, this.key, { pending: [...live, entry].slice(-this.maxPending) });
    callback(null, entry.handle);
  }

  /**
   * Checks and consumes the `state` of a callback. Calls back with `ok` = the PKCE verifier
   * (a string) or `true`, or `false` and a message when the state does not check out.
   */
  verify(
    req: Request,
    providedState: unknown,
    callback: (err: Error | null, ok: string | boolean, info?: unknown) => void,
  ): void {
    const session = sessionOf(req);
    if (!session) return callback(missingSessionError(), false);
    const pending = pendingIn(session, this.key);
    // passport-oauth2's messages for the same cases: nothing pending (a lost session, a state
    // already used) "Unable to verify", a missing or unknown state while logins are pending "Invalid".
    if (pending.length === 0) return callback(null, false, { message: STATE_MESSAGES.missing });
    const index =
      typeof providedState === 'string' ? pending.findIndex((entry) => sameHandle(entry.handle, providedState)) : -1;
    if (index === -1) return callback(null, false, { message: STATE_MESSAGES.invalid });

    const [entry] = pending.splice(index, 1);
    if (pending.length === 0) writeSession(session, this.key, undefined);
    else {
      writeSession(session, this.key, { pending });
      carryAcrossRegeneration(req, this.key);
    }
    if (entry.expires <= Date.now()) return callback(null, false, { message: STATE_MESSAGES.expired });
    callback(null, entry.verifier ?? true, entry.state);
  }
}

/** The pending logins under `key`, as a fresh array (a session may hand out its stored object). */
function pendingIn(session: NonNullable<ReturnType<typeof sessionOf>>, key: string): PendingState[] {
  const bag = readSession(session, key) as PendingBag | undefined;
  return Array.isArray(bag?.pending) ? [...bag.pending] : [];
}

function missingSessionError(): Error {
  return new Error(
    'OAuth 2.0 authentication requires session support when using state. Did you forget to use express-session middleware?',
  );
}

function sameHandle(expected: string, provided: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(provided);
  return a.length === b.length && timingSafeEqual(a, b);
}
