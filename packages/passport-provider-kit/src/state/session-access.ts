/**
 * Reading and writing one key of a session, whichever middleware made it: express-session and
 * koa-session sessions are plain objects; @fastify/session and @fastify/secure-session ones
 * have `get(key)` / `set(key, value)` (the latter is a Proxy that also maps properties to them).
 */
export interface SessionLike {
  get?: (key: string) => unknown;
  set?: (key: string, value: unknown) => void;
  regenerate?: (...args: unknown[]) => unknown;
  [key: string]: unknown;
}

/** The session of a request (`req.session`), when it has one. */
export function sessionOf(req: unknown): SessionLike | undefined {
  const session = (req as { session?: unknown } | undefined)?.session;
  return typeof session === 'object' && session !== null ? (session as SessionLike) : undefined;
}

/** The value under `key`. */
export function readSession(session: SessionLike, key: string): unknown {
  return hasGetSet(session) ? session.get(key) : session[key];
}

/** Sets (or with `undefined`, removes) the value under `key`, so the middleware saves it. */
export function writeSession(session: SessionLike, key: string, value: unknown): void {
  if (hasGetSet(session)) session.set(key, value);
  else if (value === undefined) delete session[key];
  else session[key] = value;
}

function hasGetSet(session: SessionLike): session is SessionLike & Required<Pick<SessionLike, 'get' | 'set'>> {
  return typeof session.get === 'function' && typeof session.set === 'function';
}

/** Sessions whose `regenerate` is already wrapped (a second verified callback in one request wraps nothing more). */
const carrying = new WeakSet<object>();

/**
 * Wraps this request's `req.session.regenerate` once so that the value under `key` (as it is
 * when regeneration starts) is put into the regenerated session when it is ready, in each
 * middleware's form: express-session's and koa-session's `regenerate(cb)`, @fastify/session's
 * `regenerate([keys], cb?)` or its promise, @fastify/secure-session's synchronous
 * `regenerate([keys])`. The wrapper is an own, non-enumerable property of the old session
 * object, so it is never serialized and ends with the request.
 */
export function carryAcrossRegeneration(req: unknown, key: string): void {
  const session = sessionOf(req);
  const regenerate = session?.regenerate;
  if (!session || typeof regenerate !== 'function' || carrying.has(session)) return;
  carrying.add(session);
  try {
    Object.defineProperty(session, 'regenerate', {
      configurable: true,
      enumerable: false,
      writable: true,
      value(...args: unknown[]): unknown {
        const carried = readSession(session, key);
        const restore = (): void => {
          const fresh = sessionOf(req);
          if (carried !== undefined && fresh && readSession(fresh, key) === undefined)
            writeSession(fresh, key, carried);
        };
        const last = args[args.length - 1];
        if (typeof last === 'function') {
          const done = last as (err?: unknown, ...rest: unknown[]) => unknown;
          return regenerate.apply(session, [
            ...args.slice(0, -1),
            (err?: unknown, ...rest: unknown[]) => {
              if (!err) restore();
              return done(err, ...rest);
            },
          ]);
        }
        const result = regenerate.apply(session, args);
        if (result instanceof Promise) return result.then((value: unknown) => (restore(), value));
        restore();
        return result;
      },
    });
  } catch {
    // A session whose regenerate cannot be replaced (frozen, non-configurable): nothing is carried.
  }
}
