import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Request } from 'express';
import { appendSetCookie, cookiesStartingWith, setCookieValue } from './cookie-header';
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
   * Key material for the cookies' encryption key (HKDF-SHA256). The strategies pass the
   * client secret, so no extra secret is needed; any high-entropy secret of yours works too.
   */
  secret: string | Buffer;
  /** Most logins of this provider pending in one browser; the oldest is dropped beyond it. Default 10. */
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
  /** When the login started (ms), to drop the oldest first. */
  t: number;
  /** When it expires (ms). */
  e: number;
  /** The cookie's Path, to clear it exactly. */
  p: string;
  /** The PKCE code verifier, when PKCE is on. */
  v?: string;
  /** The app's state data (`authenticate(name, { state })`). */
  s?: unknown;
}

const NAME_BASE = 'oauth2-state.';
const SECURE_PREFIX = '__Secure-';
/** Browsers keep at most about 4096 bytes per cookie (name and value). */
const MAX_COOKIE_BYTES = 4000;
/** Budget for one provider's pending cookies in a request's `Cookie` header, well under common 8 KB limits. */
const MAX_PENDING_BYTES = 3500;

/**
 * A passport-oauth2 state store that keeps each pending login with the browser instead of the
 * server: one short-lived cookie per login, encrypted and authenticated with AES-256-GCM
 * (node:crypto) under a key derived from the client secret, named after the login's random
 * `state`. The cookie holds the state's expiry, the PKCE verifier and the app's state data.
 *
 * - No session middleware is needed for the login, `req.logIn`'s session regeneration cannot
 *   lose it, and several instances need nothing shared but the client secret.
 * - Each tab's login has its own cookie, so logins in several tabs all complete, in any order;
 *   at most `maxPending` (and about 3.5 KB) stay per provider, the oldest dropped.
 * - Cookies are `HttpOnly`, `SameSite=Lax`, `Secure` with a `__Secure-` name when the callback
 *   is https, scoped to the login's paths (the deepest path the start and callback URLs share)
 *   and live `ttlMs`.
 * - A callback's state checks out once: its cookie is cleared in the answer, and the store
 *   remembers used states until they expire, so a cookie sent twice (a double submit, a
 *   replayed request) fails too. Missing, unknown, tampered, expired, replayed and
 *   other-provider or other-secret cookies all fail the callback (403) before any token request,
 *   with passport-oauth2's message and a `reason`.
 *
 * It needs `req.res` to set cookies; Express provides it.
 */
export class CookieStateStore {
  private readonly provider: string;
  private readonly key: Buffer;
  private readonly maxPending: number;
  private readonly ttlMs: number;
  private readonly spent: SpentHandles;

  constructor(options: CookieStateStoreOptions) {
    if (!/^[A-Za-z0-9_-]+$/.test(options.provider))
      throw new TypeError('CookieStateStore: provider must be a name of letters, digits, _ or -');
    if ((typeof options.secret !== 'string' && !Buffer.isBuffer(options.secret)) || options.secret.length === 0)
      throw new TypeError('CookieStateStore requires a secret');
    this.provider = options.provider;
    this.key = deriveStateKey(options.secret, options.provider, options.clientID);
    this.maxPending = options.maxPending ?? 10;
    this.ttlMs = options.ttlMs ?? 10 * 60 * 1000;
    this.spent = new SpentHandles();
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
    if (!res) return callback(missingResponseError());
    const secure = isHttps(meta?.callbackURL);
    const now = Date.now();
    const handle = randomBytes(24).toString('base64url');
    const name = this.cookieName(handle, secure);
    const login: PendingLogin = { t: now, e: now + this.ttlMs, p: cookiePath(req, meta?.callbackURL) };
    if (verifier) login.v = verifier;
    if (state !== undefined && state !== null) login.s = state;
    const value = seal(this.key, JSON.stringify(login), name);
    if (name.length + value.length + 1 > MAX_COOKIE_BYTES) {
      return callback(
        new Error(
          `The login's state data is too large for a state cookie (${name.length + value.length + 1} bytes, at most ${MAX_COOKIE_BYTES}); pass less state to authenticate(), or use stateStore: 'session'`,
        ),
      );
    }
    const cleared = this.dropBeyondBound(req, secure, now, name.length + value.length + 3, login.p);
    appendSetCookie(res, [
      ...cleared,
      setCookieValue(name, value, { path: login.p, maxAge: this.maxAgeSeconds(), secure }),
    ]);
    callback(null, handle);
  }

  /**
   * Checks and consumes the `state` of a callback against its cookie. Calls back with `ok` =
   * the PKCE verifier or `true` and the app's state data, or `false` and a {@link StateFailure}.
   */
  verify(
    req: Request,
    providedState: unknown,
    meta: StoreMeta | undefined,
    callback: (err: Error | null, ok: string | boolean, info?: unknown) => void,
  ): void {
    const res = responseOf(req);
    if (!res) return callback(missingResponseError(), false);
    const secure = isHttps(meta?.callbackURL);
    const name = typeof providedState === 'string' ? this.cookieName(providedState, secure) : undefined;
    // This provider's pending logins in this browser, the one of this callback among them.
    const pending = cookiesStartingWith(req.headers?.cookie, this.cookieName('', secure));
    // passport-oauth2's wording: "Unable to verify" when this browser has no other login of this
    // provider pending (as its session store says with nothing stored), "Invalid" when it has.
    const otherPending = [...pending.keys()].some((cookie) => cookie !== name);
    const failure = (reason: StateFailureReason): StateFailure => stateFailure(reason, otherPending);
    if (typeof providedState !== 'string' || providedState === '' || name === undefined)
      return callback(null, false, failure('missing'));
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(providedState)) return callback(null, false, failure('unknown'));
    const value = pending.get(name);
    if (value === undefined) return callback(null, false, failure('unknown'));

    const text = open(this.key, value, name);
    const login = text === undefined ? undefined : parseLogin(text);
    if (!login) {
      appendSetCookie(res, clearEverywhere(name, meta?.callbackURL, secure));
      return callback(null, false, failure('tampered'));
    }
    appendSetCookie(res, [setCookieValue(name, '', { path: login.p, maxAge: 0, secure })]);
    const now = Date.now();
    if (login.e <= now) return callback(null, false, failure('expired'));
    if (!this.spent.spend(providedState, login.e, now)) return callback(null, false, failure('replayed'));
    callback(null, login.v ?? true, login.s);
  }

  /** Name of the cookie of the login with this `state`: `[__Secure-]oauth2-state.<provider>.<state>`. */
  private cookieName(handle: string, secure: boolean): string {
    return `${secure ? SECURE_PREFIX : ''}${NAME_BASE}${this.provider}.${handle}`;
  }

  private maxAgeSeconds(): number {
    return Math.max(1, Math.ceil(this.ttlMs / 1000));
  }

  /**
   * `Set-Cookie` values clearing this provider's pending cookies that are expired, unreadable,
   * or the oldest beyond `maxPending` and the byte budget (counting `incoming` bytes of the new one).
   * An unreadable cookie is cleared at `path`, where this start request found it.
   */
  private dropBeyondBound(req: Request, secure: boolean, now: number, incoming: number, path: string): string[] {
    const prefix = this.cookieName('', secure);
    const cleared: string[] = [];
    const live: { name: string; bytes: number; login: PendingLogin }[] = [];
    for (const [name, value] of cookiesStartingWith(req.headers?.cookie, prefix)) {
      const text = open(this.key, value, name);
      const login = text === undefined ? undefined : parseLogin(text);
      if (login && login.e > now) live.push({ name, bytes: name.length + value.length + 3, login });
      else cleared.push(setCookieValue(name, '', { path: login?.p ?? path, maxAge: 0, secure }));
    }
    live.sort((a, b) => a.login.t - b.login.t);
    let bytes = live.reduce((sum, entry) => sum + entry.bytes, incoming);
    while (live.length > 0 && (live.length >= this.maxPending || bytes > MAX_PENDING_BYTES)) {
      const oldest = live.shift() as (typeof live)[number];
      bytes -= oldest.bytes;
      cleared.push(setCookieValue(oldest.name, '', { path: oldest.login.p, maxAge: 0, secure }));
    }
    return cleared;
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

function responseOf(req: Request): ServerResponse | undefined {
  const res = (req as { res?: unknown } | undefined)?.res as Partial<ServerResponse> | undefined;
  return res && typeof res.setHeader === 'function' && typeof res.getHeader === 'function' && !res.headersSent
    ? (res as ServerResponse)
    : undefined;
}

function missingResponseError(): Error {
  return new Error(
    "The cookie state store needs req.res to set its cookie (Express provides it) and a response whose headers are not sent yet; with another framework, pass stateStore: 'session' and use a session middleware",
  );
}

function isHttps(url: string | undefined): boolean {
  return typeof url === 'string' && /^https:/i.test(url);
}

/**
 * The cookie's Path: the deepest path the start request and the callback share (`/auth/x` for
 * `/auth/x` and `/auth/x/callback`), so the browser sends the cookie to the callback, and to the
 * start, where the store sees it to keep the number of pending logins bounded, and nowhere else.
 */
function cookiePath(req: Request, callbackURL: string | undefined): string {
  const callback = pathOf(callbackURL) ?? '/';
  const start = pathOf(`http://x${(req as { originalUrl?: string }).originalUrl ?? req.url ?? '/'}`) ?? '/';
  const a = callback.split('/').filter(Boolean);
  const b = start.split('/').filter(Boolean);
  const shared: string[] = [];
  for (let i = 0; i < Math.min(a.length, b.length) && a[i] === b[i]; i++) shared.push(a[i]);
  return `/${shared.join('/')}`;
}

/** Clears a cookie that cannot be read (so its Path is unknown) at every path that leads to the callback. */
function clearEverywhere(name: string, callbackURL: string | undefined, secure: boolean): string[] {
  const segments = (pathOf(callbackURL) ?? '/').split('/').filter(Boolean);
  const paths = ['/', ...segments.map((_, i) => `/${segments.slice(0, i + 1).join('/')}`)];
  return paths.map((path) => setCookieValue(name, '', { path, maxAge: 0, secure }));
}

function pathOf(url: string | undefined): string | undefined {
  if (typeof url !== 'string' || !URL.canParse(url)) return undefined;
  const path = new URL(url).pathname;
  // Only characters a cookie's Path attribute can carry.
  return /^[\x21-\x3a\x3c-\x7e]*$/.test(path) ? path : undefined;
}

function parseLogin(text: string): PendingLogin | undefined {
  try {
    const value = JSON.parse(text) as Partial<PendingLogin> | null;
    if (!value || typeof value.t !== 'number' || typeof value.e !== 'number' || typeof value.p !== 'string')
      return undefined;
    return value as PendingLogin;
  } catch {
    return undefined;
  }
}
