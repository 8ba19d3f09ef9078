import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { MultiStateSessionStore, sessionOf, STATE_MESSAGES } from './multi-state-session-store';
import type { StoreCallback, VerifyCallback } from './multi-state-session-store';
import { responseOf } from './response-of';
import * as cookies from './state-cookies';

/** Options of {@link CookieStateStore} (defaults: 10 pending, 10 minutes; `fallback` serves responseless requests). */
export interface CookieStateStoreOptions {
  provider: string;
  clientID: string;
  callbackURL?: string;
  secret: string | Buffer;
  maxPending?: number;
  ttlMs?: number;
  fallback?: MultiStateSessionStore;
}

/** What a state cookie holds, sealed: expiry (ms), PKCE verifier, the app's state data. */
type PendingLogin = { e: number; v?: string; s?: unknown };

/** Why the store cannot set its cookie on this request. */
export class NoResponseError extends Error {
  constructor() {
    super(
      "The cookie state store found no response to set its cookie on (Express's req.res, Koa's ctx.res, Fastify's raw response), or its headers were already sent; use passport with Express, NestJS, koa-passport or @fastify/passport, add a session middleware (the store then keeps the login in the session), or pass your own store",
    );
    this.name = 'NoResponseError';
  }
}

/** Marks `handle` used until `expires` in `spent` (at most `capacity` kept); `false` if it already was. */
export function spend(spent: Map<string, number>, handle: string, expires: number, now: number, capacity = 50_000) {
  if ((spent.get(handle) ?? now) > now) return false;
  spent.delete(handle);
  for (const [old, until] of spent) {
    if (until > now && spent.size < capacity) break;
    spent.delete(old);
  }
  spent.set(handle, expires);
  return true;
}

/** A passport-oauth2 state store: one AES-256-GCM-sealed cookie per pending login (`docs/architecture.md`, State). */
export class CookieStateStore {
  private readonly owner: string;
  private readonly key: Buffer;
  private readonly spent = new Map<string, number>();

  constructor(private readonly options: CookieStateStoreOptions) {
    const { provider, clientID, callbackURL, secret } = options;
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(provider))
      throw new TypeError('CookieStateStore: provider must be a name of letters, digits, _ or -');
    this.owner = `${provider}.${cookies.instanceTag(provider, clientID, callbackURL)}.`;
    const info = `${provider}\0${clientID}\0${callbackURL ?? ''}`;
    this.key = Buffer.from(hkdfSync('sha256', secret, 'passport-provider-kit/state-cookie/v1', info, 32));
  }

  /** Saves a new pending login in a cookie (passport-oauth2 calls it with five arguments). */
  store(req: Request, verifier: string | undefined, state: unknown, meta: unknown, done: StoreCallback): void {
    const res = responseOf(req);
    const { fallback } = this.options;
    if (!res && fallback && sessionOf(req)) return fallback.store(req, verifier, state, meta, done);
    if (!res) return done(new NoResponseError());
    const [now, ttlMs] = [Date.now(), this.options.ttlMs ?? 10 * 60 * 1000];
    const random = randomBytes(24 + 12); // the state, then the cookie's IV: one CSPRNG call per login
    const handle = random.toString('base64url', 0, 24);
    const https = /^https:/i.test((meta as { callbackURL?: string } | undefined)?.callbackURL ?? '');
    const name = cookies.stateCookieName(this.owner, now, handle, https);
    const login: PendingLogin = { e: now + ttlMs, v: verifier || undefined, s: state ?? undefined };
    const value = this.seal(JSON.stringify(login), name, random.subarray(24));
    const bytes = name.length + value.length + 2;
    if (bytes > cookies.STATE_COOKIES_BUDGET) {
      const message = `The login's state data is too large for a state cookie (${bytes} bytes, at most ${cookies.STATE_COOKIES_BUDGET}); pass less state to authenticate() (an id or a short path), or use stateStore: 'session'`;
      return done(Object.assign(new Error(message), { status: 400 }));
    }
    const cleared = cookies.cookiesToClear({
      cookies: cookies.stateCookiesIn(req.headers?.cookie),
      owner: this.owner,
      isLive: (cookie, sealed) => this.open(cookie, sealed, now) !== undefined,
      incoming: bytes,
      maxPending: this.options.maxPending ?? 10,
      now,
    });
    const maxAge = Math.max(1, Math.ceil(ttlMs / 1000));
    cookies.appendSetCookie(res, [...cleared, cookies.setCookie(name, value, maxAge)]);
    done(null, handle);
  }

  /** Checks and consumes a callback's `state`: `ok` = the verifier or `true`, else `false` and `info.reason`. */
  verify(req: Request, providedState: unknown, _meta: unknown, done: VerifyCallback): void {
    const res = responseOf(req);
    if (!res && this.options.fallback && sessionOf(req)) return this.options.fallback.verify(req, providedState, done);
    if (!res) return done(new NoResponseError(), false);
    let mine: [string, string] | undefined;
    let otherPending = false;
    for (const [name, value] of cookies.stateCookiesIn(req.headers?.cookie)) {
      const parsed = cookies.readStateCookieName(name);
      if (parsed?.owner !== this.owner) continue;
      if (!mine && parsed.state === providedState) mine = [name, value];
      else otherPending = true;
    }
    const fail = (reason: 'missing' | 'unknown' | 'tampered' | 'expired' | 'replayed') => {
      const { expired, invalid, missing } = STATE_MESSAGES;
      const message = reason === 'expired' ? expired : otherPending ? invalid : missing;
      done(null, false, Object.defineProperty({ message }, 'reason', { value: reason, enumerable: false }));
    };
    if (typeof providedState !== 'string' || providedState === '') return fail('missing');
    if (!mine) return fail('unknown');
    cookies.appendSetCookie(res, [cookies.setCookie(mine[0], '', 0)]);
    const login = this.open(mine[0], mine[1], Number.NEGATIVE_INFINITY);
    const now = Date.now();
    if (!login) return fail('tampered');
    if (login.e <= now) return fail('expired');
    if (!spend(this.spent, providedState, login.e, now)) return fail('replayed');
    done(null, login.v ?? true, login.s);
  }

  /** AES-256-GCM, the cookie's name authenticated too: base64url of iv ‖ ciphertext ‖ tag. */
  private seal(plaintext: string, name: string, iv: Buffer): string {
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(name));
    const sealed = [iv, cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()];
    return Buffer.concat(sealed).toString('base64url');
  }

  /** The login sealed in one of this store's cookies, if it opens and has not expired by `now`. */
  private open(name: string, sealed: string, now: number): PendingLogin | undefined {
    if (!/^[A-Za-z0-9_-]{39,}$/.test(sealed)) return undefined; // 39 characters: 29 bytes, iv + 1 + a full tag
    const raw = Buffer.from(sealed, 'base64url');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12)).setAAD(Buffer.from(name));
      decipher.setAuthTag(raw.subarray(-16));
      const login = JSON.parse(Buffer.concat([decipher.update(raw.subarray(12, -16)), decipher.final()]).toString());
      return typeof login?.e === 'number' && login.e > now ? login : undefined;
    } catch {
      return undefined;
    }
  }
}
