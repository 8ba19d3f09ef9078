import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

/** What passport-oauth2 is told when a callback's `state` does not check out (it answers 403). */
export const STATE_MESSAGES = {
  missing: 'Unable to verify authorization request state.',
  invalid: 'Invalid authorization request state.',
  expired: 'Authorization request state has expired.',
} as const;

/** A state store's `store` callback: the handle to send as `state`. */
export type StoreCallback = (err: Error | null, handle?: string) => void;
/** A state store's `verify` callback: `ok` is the PKCE verifier or `true`, or `false` with `info`. */
export type VerifyCallback = (err: Error | null, ok: string | boolean, info?: unknown) => void;

/** A session of any middleware: a plain object (express-session, koa-session) or `get`/`set` (the Fastify ones). */
export interface SessionLike {
  get?: (key: string) => unknown;
  set?: (key: string, value: unknown) => void;
  regenerate?: (...args: unknown[]) => unknown;
  [key: string]: unknown;
}

type PendingState = { handle: string; expires: number; verifier?: string; state?: unknown };

/** Options of {@link MultiStateSessionStore}: session key, most logins pending (default 10), TTL in ms (10 minutes). */
export type MultiStateSessionStoreOptions = { key: string; maxPending?: number; ttlMs?: number };

/** The session of a request (`req.session`), when it has one. */
export function sessionOf(req: unknown): SessionLike | undefined {
  const session = (req as { session?: unknown } | undefined)?.session;
  return typeof session === 'object' && session !== null ? (session as SessionLike) : undefined;
}

/** The value under `key`. */
export function readSession(session: SessionLike, key: string): unknown {
  return typeof session.get === 'function' && typeof session.set === 'function' ? session.get(key) : session[key];
}

/** Sets (or with `undefined`, removes) the value under `key`, so the middleware saves it. */
export function writeSession(session: SessionLike, key: string, value: unknown): void {
  if (typeof session.get === 'function' && typeof session.set === 'function') session.set(key, value);
  else if (value === undefined) delete session[key];
  else session[key] = value;
}

const carrying = new WeakSet<object>();

/** Wraps `req.session.regenerate` once so the value under `key` is put into the regenerated session. */
export function carryAcrossRegeneration(req: unknown, key: string): void {
  const session = sessionOf(req);
  const regenerate = session?.regenerate;
  if (!session || typeof regenerate !== 'function' || carrying.has(session)) return;
  carrying.add(session);
  const value = (...args: unknown[]): unknown => {
    const carried = readSession(session, key);
    const restore = (): void => {
      const fresh = sessionOf(req);
      if (carried !== undefined && fresh && readSession(fresh, key) === undefined) writeSession(fresh, key, carried);
    };
    const done = args.at(-1);
    if (typeof done !== 'function') {
      const result = regenerate.apply(session, args);
      return result instanceof Promise
        ? result.then((resolved: unknown) => (restore(), resolved))
        : (restore(), result);
    }
    const restoreThenDone = (err?: unknown, ...rest: unknown[]): unknown => (err || restore(), done(err, ...rest));
    return regenerate.apply(session, [...args.slice(0, -1), restoreThenDone]);
  };
  try {
    Object.defineProperty(session, 'regenerate', { configurable: true, enumerable: false, writable: true, value });
  } catch {
    // A frozen session or a non-configurable regenerate: nothing is carried.
  }
}

const NO_SESSION =
  'OAuth 2.0 authentication requires session support when using state. Did you forget to use express-session middleware?';

/** A passport-oauth2 state store keeping several pending logins per session (`docs/architecture.md`, State). */
export class MultiStateSessionStore {
  constructor(private readonly options: MultiStateSessionStoreOptions) {}

  /** Saves a new pending login (passport-oauth2 calls it with five arguments). */
  store(req: Request, verifier: string | undefined, state: unknown, _meta: unknown, callback: StoreCallback): void {
    const session = sessionOf(req);
    if (!session) return callback(new Error(NO_SESSION));
    const now = Date.now();
    const handle = randomBytes(24).toString('base64url');
    const entry: PendingState = { handle, expires: now + (this.options.ttlMs ?? 10 * 60 * 1000) };
    if (verifier) entry.verifier = verifier;
    if (state !== undefined && state !== null) entry.state = state;
    const live = this.pendingIn(session).filter((pending) => pending.expires > now);
    writeSession(session, this.options.key, { pending: [...live, entry].slice(-(this.options.maxPending ?? 10)) });
    callback(null, entry.handle);
  }

  /** Checks and consumes a callback's `state`: `ok` = the verifier or `true`, else `false` with passport-oauth2's message. */
  verify(req: Request, providedState: unknown, callback: VerifyCallback): void {
    const session = sessionOf(req);
    if (!session) return callback(new Error(NO_SESSION), false);
    const pending = this.pendingIn(session);
    if (pending.length === 0) return callback(null, false, { message: STATE_MESSAGES.missing });
    const provided = typeof providedState === 'string' ? Buffer.from(providedState) : undefined;
    const index = pending.findIndex(({ handle }) => {
      const expected = Buffer.from(handle);
      return provided?.length === expected.length && timingSafeEqual(expected, provided);
    });
    if (index === -1) return callback(null, false, { message: STATE_MESSAGES.invalid });
    const [entry] = pending.splice(index, 1);
    writeSession(session, this.options.key, pending.length === 0 ? undefined : { pending });
    if (pending.length > 0) carryAcrossRegeneration(req, this.options.key);
    if (entry.expires <= Date.now()) return callback(null, false, { message: STATE_MESSAGES.expired });
    callback(null, entry.verifier ?? true, entry.state);
  }

  /** The pending logins, as a fresh array (a session may hand out its stored object). */
  private pendingIn(session: SessionLike): PendingState[] {
    const bag = readSession(session, this.options.key) as { pending?: PendingState[] } | undefined;
    return Array.isArray(bag?.pending) ? [...bag.pending] : [];
  }
}
