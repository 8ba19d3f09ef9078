import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { appendSetCookie, cookiesStartingWith, setCookieValue } from './cookie-header';
import { clearing, cookiesToClear, STATE_COOKIES_BUDGET } from './cookie-budget';
import { responseOf } from './response-of';
import { instanceTag, readStateCookieName, STATE_COOKIE_PREFIXES, stateCookieName } from './state-cookie-name';
import { STATE_MESSAGES } from './multi-state-session-store';
import { deriveStateKey, open, seal } from './state-cookie-crypto';
import { SpentHandles } from './spent-handles';

/** Options of {@link CookieStateStore}. */
export interface CookieStateStoreOptions {
  /** The strategy's name (e.g. `petjeaf`): part of every cookie's name and of its key. */
  provider: string;
  /** The client id; part of the key, so two clients of one provider never read each other's cookies. */
  clientID: string;
  /**
   * The strategy's configured callback URL: with the name and the client id it makes each
   * strategy instance's cookie names and key its own (the demo's `petjeaf` and `petjeaf-members`).
   */
  callbackURL?: string;
  /**
   * Key material for the cookies' encryption key (HKDF-SHA256). The strategies pass the
   * client secret, so no extra secret is needed; any high-entropy secret of yours works too.
   */
  secret: string | Buffer;
  /** Most logins of this strategy pending in one browser; the oldest is dropped beyond it. Default 10. */
  maxPending?: number;
  /** How long a pending login stays valid, in ms. Default 10 minutes. */
  ttlMs?: number;
}

/** Why a callback's state did not check out, beside passport-oauth2's message. */
export type StateFailureReason = 'missing' | 'unknown' | 'tampered' | 'expired' | 'replayed';

/** The `info` a failed state check hands to passport: passport-oauth2's message and (not enumerable) the precise reason. */
export interface StateFailure {
  /** passport-oauth2's wording (one of `STATE_MESSAGES`). */
  message: string;
  /** Which check failed; not enumerable, so `info` serializes as passport-oauth2's `{ message }`. */
  reason: StateFailureReason;
}

/** The `meta` argument passport-oauth2 passes to a store (only `callbackURL` is read). */
interface StoreMeta {
  callbackURL?: string;
}

/** What a state cookie holds, encrypted. */
interface PendingLogin {
  /** When it expires (ms). */
  e: number;
  /** The PKCE code verifier, when PKCE is on. */
  v?: string;
  /** The app's state data (`authenticate(name, { state })`). */
  s?: unknown;
}

/** Why the store cannot set its cookie on this request (the framework hands no reachable response). */
export class NoResponseError extends Error {
  constructor() {
    super(
      "The cookie state store found no response to set its cookie on (Express's req.res, Koa's ctx.res, Fastify's raw response), or its headers were already sent; use passport with Express, NestJS, koa-passport or @fastify/passport, add a session middleware (the store then keeps the login in the session), or pass your own store",
    );
    this.name = 'NoResponseError';
  }
}

/**
 * A passport-oauth2 state store that keeps each pending login with the browser instead of the
 * server: one short-lived cookie per login, encrypted and authenticated with AES-256-GCM
 * (node:crypto) under a key derived from the client secret, the strategy's name, client id and
 * callback URL. The cookie holds the state's expiry, the PKCE verifier and the app's state data.
 *
 * - No session middleware is needed for the login, `req.logIn`'s session regeneration cannot
 *   lose it, and several instances need nothing shared but the client secret.
 * - Each tab's login has its own cookie (named after its `state`), so logins in several tabs
 *   all complete, in any order, also when started at the same moment.
 * - Cookies are `HttpOnly`, `SameSite=Lax`, `Path=/`, and over https `Secure` with a `__Host-`
 *   name; they live `ttlMs`. Their names carry the strategy instance and the login's start
 *   time, so all state cookies of all strategies share one byte budget (about 3.5 KB), the
 *   oldest dropped first, and each instance reads only its own.
 * - A callback's state checks out once: its cookie is cleared in the answer, and the store
 *   remembers used states until they expire, so a cookie sent twice fails too. Missing,
 *   unknown, tampered, expired, replayed and other-strategy or other-secret cookies all fail the
 *   callback (403) before any token request, with passport-oauth2's message and a `reason`.
 *
 * It reaches the response through {@link responseOf} (Express, NestJS, koa-passport,
 * @fastify/passport) and writes its cookies as the headers go out; without a response it fails
 * with a {@link NoResponseError}.
 */
export class CookieStateStore {
  private readonly owner: string;
  private readonly key: Buffer;
  private readonly maxPending: number;
  private readonly ttlMs: number;
  private readonly spent: SpentHandles;

  constructor(options: CookieStateStoreOptions) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(options.provider))
      throw new TypeError('CookieStateStore: provider must be a name of letters, digits, _ or -');
    if ((typeof options.secret !== 'string' && !Buffer.isBuffer(options.secret)) || options.secret.length === 0)
      throw new TypeError('CookieStateStore requires a secret');
    const tag = instanceTag(options.provider, options.clientID, options.callbackURL);
    this.owner = `${options.provider}.${tag}.`;
    this.key = deriveStateKey(options.secret, options.provider, options.clientID, options.callbackURL);
    this.maxPending = options.maxPending ?? 10;
    this.ttlMs = options.ttlMs ?? 10 * 60 * 1000;
    this.spent = new SpentHandles();
  }

  /** Whether this request has a response the store can set cookies on. */
  static canReach(req: unknown): boolean {
    return responseOf(req) !== undefined;
  }

  /** Saves a new pending login in a cookie; passport-oauth2 calls it with five arguments, PKCE or not. */
  store(
    req: Request,
    verifier: string | undefined,
    state: unknown,
    meta: StoreMeta | undefined,
    callback: (err: Error | null, handle?: string) => void,
  ): void {
    const res = responseOf(req);
    if (!res) return callback(new NoResponseError());
    const https = isHttps(meta?.callbackURL);
    const now = Date.now();
    const handle = randomBytes(24).toString('base64url');
    const name = stateCookieName(this.owner, now, handle, https);
    const login: PendingLogin = { e: now + this.ttlMs };
    if (verifier) login.v = verifier;
    if (state !== undefined && state !== null) login.s = state;
    const value = seal(this.key, JSON.stringify(login), name);
    const bytes = name.length + value.length + 2;
    if (bytes > STATE_COOKIES_BUDGET) return callback(tooLargeError(bytes));
    const cleared = cookiesToClear({
      cookies: cookiesStartingWith(req.headers?.cookie, ...STATE_COOKIE_PREFIXES),
      owner: this.owner,
      isLive: (cookie, sealed) => this.open(cookie, sealed, now) !== undefined,
      incoming: bytes,
      maxPending: this.maxPending,
      now,
    });
    const cookie = setCookieValue(name, value, { path: '/', maxAge: this.maxAgeSeconds(), secure: https });
    appendSetCookie(res, [...cleared, cookie]);
    callback(null, handle);
  }

  /**
   * Checks and consumes the `state` of a callback against its cookie. Calls back with `ok` =
   * the PKCE verifier or `true` and the app's state data, or `false` and a {@link StateFailure}.
   */
  verify(
    req: Request,
    providedState: unknown,
    _meta: StoreMeta | undefined,
    callback: (err: Error | null, ok: string | boolean, info?: unknown) => void,
  ): void {
    const res = responseOf(req);
    if (!res) return callback(new NoResponseError(), false);
    // This strategy's pending logins in this browser, the one of this callback among them.
    const pending = [...cookiesStartingWith(req.headers?.cookie, ...STATE_COOKIE_PREFIXES)].filter(
      ([cookie]) => readStateCookieName(cookie)?.owner === this.owner,
    );
    const wellFormed = typeof providedState === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(providedState);
    const mine = wellFormed
      ? pending.find(([cookie]) => readStateCookieName(cookie)?.state === providedState)
      : undefined;
    // passport-oauth2's wording: "Unable to verify" when this browser has no other login of this
    // strategy pending (as its session store says with nothing stored), "Invalid" when it has.
    const otherPending = pending.some(([cookie]) => cookie !== mine?.[0]);
    const failure = (reason: StateFailureReason): StateFailure => stateFailure(reason, otherPending);
    if (typeof providedState !== 'string' || providedState === '') return callback(null, false, failure('missing'));
    if (!mine) return callback(null, false, failure('unknown'));

    const [name, value] = mine;
    appendSetCookie(res, [clearing(name)]);
    const now = Date.now();
    const login = this.open(name, value, Number.NEGATIVE_INFINITY);
    if (!login) return callback(null, false, failure('tampered'));
    if (login.e <= now) return callback(null, false, failure('expired'));
    if (!this.spent.spend(providedState, login.e, now)) return callback(null, false, failure('replayed'));
    callback(null, login.v ?? true, login.s);
  }

  /** The login in one of this store's cookies, if it opens and has not expired by `now`. */
  private open(name: string, sealed: string, now: number): PendingLogin | undefined {
    const text = open(this.key, sealed, name);
    const login = text === undefined ? undefined : parseLogin(text);
    return login && login.e > now ? login : undefined;
  }

  private maxAgeSeconds(): number {
    return Math.max(1, Math.ceil(this.ttlMs / 1000));
  }
}

/**
 * The failure `info`: `message` as passport-oauth2's own stores word it, and `reason` as a
 * non-enumerable property, so the info serializes and compares exactly like passport-oauth2's
 * (`{ message }`) while an app can still read `info.reason`.
 */
function stateFailure(reason: StateFailureReason, otherPending: boolean): StateFailure {
  const message =
    reason === 'expired' ? STATE_MESSAGES.expired : otherPending ? STATE_MESSAGES.invalid : STATE_MESSAGES.missing;
  return Object.defineProperty({ message }, 'reason', { value: reason, enumerable: false }) as StateFailure;
}

function tooLargeError(bytes: number): Error {
  const error = new Error(
    `The login's state data is too large for a state cookie (${bytes} bytes, at most ${STATE_COOKIES_BUDGET}); pass less state to authenticate() (an id or a short path), or use stateStore: 'session'`,
  );
  // Mostly a returnTo taken from the request: the client's doing, answered 400 rather than 500.
  return Object.assign(error, { status: 400 });
}

function isHttps(url: string | undefined): boolean {
  return typeof url === 'string' && /^https:/i.test(url);
}

function parseLogin(text: string): PendingLogin | undefined {
  try {
    const value = JSON.parse(text) as Partial<PendingLogin> | null;
    if (!value || typeof value.e !== 'number') return undefined;
    return value as PendingLogin;
  } catch {
    return undefined;
  }
}
