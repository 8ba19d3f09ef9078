import type { Request } from 'express';
import { CookieStateStore, NoResponseError } from './cookie-state-store';
import { MultiStateSessionStore } from './multi-state-session-store';

type StoreCallback = (err: Error | null, handle?: string) => void;
type VerifyCallback = (err: Error | null, ok: string | boolean, info?: unknown) => void;

/**
 * The default state store: the {@link CookieStateStore} wherever the framework lets it reach
 * the response (Express, NestJS, koa-passport, @fastify/passport), else the
 * {@link MultiStateSessionStore} when the request has a session, else a {@link NoResponseError}
 * that names the fixes. A callback is checked by the store its login would have used: the
 * cookie store when the response is reachable, the session store otherwise.
 */
export class CookieOrSessionStateStore {
  constructor(
    private readonly cookies: CookieStateStore,
    private readonly session: MultiStateSessionStore,
  ) {}

  /** Saves a new pending login (passport-oauth2 calls it with five arguments). */
  store(req: Request, verifier: string | undefined, state: unknown, meta: unknown, callback: StoreCallback): void {
    if (CookieStateStore.canReach(req) || !hasSession(req))
      return this.cookies.store(req, verifier, state, meta as { callbackURL?: string }, callback);
    this.session.store(req, verifier, state, meta, callback);
  }

  /** Checks and consumes a callback's `state` (passport-oauth2 calls it with four arguments). */
  verify(req: Request, providedState: unknown, meta: unknown, callback: VerifyCallback): void {
    if (CookieStateStore.canReach(req)) return this.cookies.verify(req, providedState, meta as object, callback);
    if (hasSession(req)) return this.session.verify(req, providedState, callback);
    callback(new NoResponseError(), false);
  }
}

function hasSession(req: Request): boolean {
  const session = (req as { session?: unknown }).session;
  return typeof session === 'object' && session !== null;
}
