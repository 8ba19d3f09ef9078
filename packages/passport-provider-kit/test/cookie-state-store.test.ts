import type { Request } from 'express';
import {
  CookieStateStore,
  NoResponseError,
  spend,
  type CookieStateStoreOptions,
} from '../src/state/cookie-state-store';
import { STATE_MESSAGES } from '../src/state/multi-state-session-store';
import { CookieJar } from '@internal/test-support';
import { fakeRequest } from './support/fake-request';

const CALLBACK = 'http://app.test/auth/petjeaf/callback';
const START = '/auth/petjeaf';
const META = { callbackURL: CALLBACK };

function makeStore(options: Partial<CookieStateStoreOptions> = {}): CookieStateStore {
  return new CookieStateStore({ provider: 'petjeaf', clientID: 'client-1', secret: 'client-secret-1', ...options });
}

/** Starts a login in `jar`'s browser; returns the state handed to the provider. */
function start(
  store: CookieStateStore,
  jar: CookieJar,
  options: { verifier?: string; state?: unknown; meta?: typeof META; url?: string } = {},
): Promise<string> {
  const { req, setCookies } = fakeRequest(options.url ?? START, jar.header(options.url ?? START));
  return new Promise((resolve, reject) =>
    store.store(req, options.verifier, options.state, options.meta ?? META, (err, handle) => {
      if (err) return reject(err);
      jar.apply(setCookies());
      resolve(handle as string);
    }),
  );
}

interface Verdict {
  ok: string | boolean;
  info?: unknown;
  setCookies: string[];
}

/** Comes back to the callback in `jar`'s browser with `state`. */
function finish(store: CookieStateStore, jar: CookieJar, state: unknown, cookie?: string): Promise<Verdict> {
  const path = new URL(CALLBACK).pathname;
  const { req, setCookies } = fakeRequest(`${path}?state=x`, cookie ?? jar.header(path));
  return new Promise((resolve, reject) =>
    store.verify(req, state, META, (err, ok, info) => {
      if (err) return reject(err);
      jar.apply(setCookies());
      resolve({ ok, info, setCookies: setCookies() });
    }),
  );
}

/** The name of the jar's cookie for the login with `state`. */
function nameOf(jar: CookieJar, state: string): string {
  const key = [...jar.cookies.keys()].find((k) => k.split('\n')[0].endsWith(`.${state}`));
  if (!key) throw new Error(`no cookie for state ${state}`);
  return key.split('\n')[0];
}

/** `oauth2-state.petjeaf.<instance>.<start>.<state>`, as the store names its cookies over http. */
const PETJEAF_NAME = /^oauth2-state\.petjeaf\.[A-Za-z0-9_-]{8}\.[0-9a-z]+\./;

function onlyCookie(jar: CookieJar): { name: string; value: string; attributes: string[] } {
  expect(jar.cookies.size).toBe(1);
  const [[key, cookie]] = [...jar.cookies];
  return { name: key.split('\n')[0], value: cookie.value, attributes: cookie.attributes };
}

afterEach(() => jest.restoreAllMocks());

describe('CookieStateStore: one encrypted cookie per pending login', () => {
  it('sets an HttpOnly, SameSite=Lax cookie at Path=/, living the TTL, named after the strategy, start time and state', async () => {
    const jar = new CookieJar();
    const before = Date.now();
    const state = await start(makeStore(), jar);
    const cookie = onlyCookie(jar);
    expect(state).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(cookie.name).toMatch(PETJEAF_NAME);
    expect(cookie.name.endsWith(`.${state}`)).toBe(true);
    const startedAt = parseInt(cookie.name.split('.')[3], 36);
    expect(startedAt).toBeGreaterThanOrEqual(before);
    expect(startedAt).toBeLessThanOrEqual(Date.now());
    expect(cookie.attributes).toEqual(['Path=/', 'Max-Age=600', 'HttpOnly', 'SameSite=Lax']);
  });

  it('is Secure with a __Host- name when the callback is https', async () => {
    const jar = new CookieJar();
    const store = makeStore();
    const meta = { callbackURL: 'https://app.test/auth/petjeaf/callback' };
    const state = await start(store, jar, { meta });
    const cookie = onlyCookie(jar);
    expect(cookie.name).toMatch(/^__Host-oauth2-state\.petjeaf\./);
    expect(cookie.name.endsWith(state)).toBe(true);
    expect(cookie.attributes).toEqual(['Path=/', 'Max-Age=600', 'HttpOnly', 'SameSite=Lax', 'Secure']);
  });

  it('takes its Path from nothing the request says: /AUTH/petjeaf and /auth/petj%65af set Path=/ alike', async () => {
    const jar = new CookieJar();
    const store = makeStore();
    await start(store, jar, { url: '/AUTH/petjeaf' });
    await start(store, jar, { url: '/auth/petj%65af?returnTo=/x' });
    expect([...jar.cookies.values()].map((cookie) => cookie.path)).toEqual(['/', '/']);
  });

  it('keeps the verifier and the app state out of sight (encrypted)', async () => {
    const jar = new CookieJar();
    await start(makeStore(), jar, { verifier: 'verifier-abc', state: { returnTo: '/secret-place' } });
    const { value } = onlyCookie(jar);
    const decoded = Buffer.from(value, 'base64url').toString('latin1');
    expect(decoded).not.toContain('verifier-abc');
    expect(decoded).not.toContain('secret-place');
  });

  it('verifies once with the PKCE verifier and the app state, and clears the cookie', async () => {
    const jar = new CookieJar();
    const store = makeStore();
    const state = await start(store, jar, { verifier: 'verifier-abc', state: { returnTo: '/account' } });
    const name = nameOf(jar, state);
    const verdict = await finish(store, jar, state);
    expect(verdict.ok).toBe('verifier-abc');
    expect(verdict.info).toEqual({ returnTo: '/account' });
    expect(verdict.setCookies).toEqual([
      `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Expires=Thu, 01 Jan 1970 00:00:00 GMT`,
    ]);
    expect(jar.cookies.size).toBe(0);
  });

  it('answers ok = true without PKCE', async () => {
    const jar = new CookieJar();
    const store = makeStore();
    expect((await finish(store, jar, await start(store, jar))).ok).toBe(true);
  });
});

describe('CookieStateStore: several tabs', () => {
  it('completes three logins of one provider in any order', async () => {
    const jar = new CookieJar();
    const store = makeStore();
    const [a, b, c] = [await start(store, jar), await start(store, jar), await start(store, jar)];
    for (const state of [b, c, a]) expect((await finish(store, jar, state)).ok).toBe(true);
  });

  it('keeps two providers apart: neither reads the other one cookies', async () => {
    const jar = new CookieJar();
    const petjeaf = makeStore();
    const gofundo = makeStore({ provider: 'gofundo' });
    const state = await start(petjeaf, jar);
    const other = new CookieJar();
    const gofundoName = nameOf(other, await start(gofundo, other));
    const cookie = onlyCookie(jar);
    const renamed = `${gofundoName.replace(/[^.]+$/, state)}=${cookie.value}`;
    expect(await finish(gofundo, jar, state, renamed)).toMatchObject({
      ok: false,
      info: { message: STATE_MESSAGES.missing, reason: 'tampered' },
    });
    expect(await finish(gofundo, jar, state)).toMatchObject({ ok: false, info: { reason: 'unknown' } });
  });

  it('keeps two strategies of one provider and client apart (petjeaf and petjeaf-members: other callback URLs)', async () => {
    const jar = new CookieJar();
    const petjeaf = makeStore({ callbackURL: 'http://app.test/auth/petjeaf/callback' });
    const members = makeStore({ callbackURL: 'http://app.test/auth/petjeaf-members/callback' });
    const state = await start(petjeaf, jar);
    const membersName = nameOf(jar, await start(members, jar));
    expect(nameOf(jar, state).split('.')[2]).not.toBe(membersName.split('.')[2]);
    expect(await finish(members, jar, state)).toMatchObject({ ok: false, info: { reason: 'unknown' } });
    const value = jar.cookies.get(`${nameOf(jar, state)}\n/`)?.value;
    const moved = `${membersName.replace(/[^.]+$/, state)}=${value}`;
    expect(await finish(members, jar, state, moved)).toMatchObject({ ok: false, info: { reason: 'tampered' } });
    expect((await finish(petjeaf, jar, state)).ok).toBe(true);
  });
});

describe('CookieStateStore: refuses what does not check out', () => {
  it('words failures as passport-oauth2 does ("Unable to verify" with no other login pending in this browser, "Invalid" with one): the info serializes as { message } alone', async () => {
    const store = makeStore();
    const verdict = await finish(store, new CookieJar(), 'unknown-state');
    expect(JSON.parse(JSON.stringify(verdict.info))).toEqual({ message: STATE_MESSAGES.missing });
    expect((verdict.info as { reason?: string }).reason).toBe('unknown');
  });

  it('a callback without state', async () => {
    const store = makeStore();
    const jar = new CookieJar();
    await start(store, jar);
    for (const missing of [undefined, '', ['a', 'b'], { a: 1 }]) {
      expect(await finish(store, jar, missing)).toMatchObject({
        ok: false,
        // A login is pending in this browser: passport-oauth2's session store says "Invalid" then.
        info: { message: STATE_MESSAGES.invalid, reason: 'missing' },
      });
    }
  });

  it('a state this browser has no cookie for (another browser, a used or made-up state)', async () => {
    const store = makeStore();
    const victim = new CookieJar();
    const attacker = new CookieJar();
    const state = await start(store, victim);
    await start(store, attacker);
    for (const provided of [state, `${state}x`, 'a;b=c']) {
      expect(await finish(store, attacker, provided)).toMatchObject({
        ok: false,
        info: { message: STATE_MESSAGES.invalid, reason: 'unknown' },
      });
    }
  });

  it('a tampered cookie, and clears it', async () => {
    const store = makeStore();
    const jar = new CookieJar();
    const state = await start(store, jar);
    const { name, value } = onlyCookie(jar);
    const flipped = `${value.slice(0, 20)}${value[20] === 'A' ? 'B' : 'A'}${value.slice(21)}`;
    const verdict = await finish(store, jar, state, `${name}=${flipped}`);
    expect(verdict).toMatchObject({ ok: false, info: { message: STATE_MESSAGES.missing, reason: 'tampered' } });
    expect(verdict.setCookies.some((line) => line.startsWith(`${name}=;`) && line.includes('Max-Age=0'))).toBe(true);
    expect(await finish(store, jar, state, `${name}=not-base64!`)).toMatchObject({ info: { reason: 'tampered' } });
  });

  it("reads the first of two cookies of one name (browsers send the deeper Path's first), not the other", async () => {
    const store = makeStore();
    const jar = new CookieJar();
    const first = await start(store, jar);
    const { name, value } = onlyCookie(jar);
    expect(await finish(store, jar, first, `${name}=${value}; ${name}=not-base64!`)).toMatchObject({ ok: true });

    const second = await start(store, jar);
    const secondName = nameOf(jar, second);
    const cookie = jar.cookies.get(`${secondName}\n/`);
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await finish(store, jar, second, `${secondName}=not-base64!; ${secondName}=${cookie?.value}`)).toMatchObject(
      {
        ok: false,
        info: { reason: 'tampered' },
      },
    );
  });

  it('a cookie made under another client secret or client id', async () => {
    const jar = new CookieJar();
    const state = await start(makeStore({ secret: 'old-secret' }), jar);
    const cookie = jar.header('/auth/petjeaf/callback');
    expect(await finish(makeStore(), jar, state, cookie)).toMatchObject({ ok: false, info: { reason: 'tampered' } });
    // Another client id is another strategy instance: its cookie names differ, so the cookie is not even read.
    expect(await finish(makeStore({ secret: 'old-secret', clientID: 'client-2' }), jar, state, cookie)).toMatchObject({
      ok: false,
      info: { reason: 'unknown' },
    });
  });

  it('an expired login, after the TTL', async () => {
    const store = makeStore({ ttlMs: 60_000 });
    const jar = new CookieJar();
    const state = await start(store, jar);
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + 60_001);
    expect(await finish(store, jar, state)).toMatchObject({
      ok: false,
      info: { message: STATE_MESSAGES.expired, reason: 'expired' },
    });
  });

  it('a cookie sent again after its state was used (replay, double submit)', async () => {
    const store = makeStore();
    const jar = new CookieJar();
    const state = await start(store, jar);
    const cookie = jar.header('/auth/petjeaf/callback');
    expect((await finish(store, jar, state, cookie)).ok).toBe(true);
    expect(await finish(store, jar, state, cookie)).toMatchObject({
      ok: false,
      info: { message: STATE_MESSAGES.missing, reason: 'replayed' },
    });
    expect(await finish(store, jar, state)).toMatchObject({ ok: false, info: { reason: 'unknown' } });
  });
});

describe('CookieStateStore: a bounded number of pending logins per provider', () => {
  it('drops the oldest beyond maxPending', async () => {
    const store = makeStore({ maxPending: 3 });
    const jar = new CookieJar();
    const states: string[] = [];
    for (let i = 0; i < 5; i++) states.push(await start(store, jar));
    expect(jar.cookies.size).toBe(3);
    expect(await finish(store, jar, states[0])).toMatchObject({ ok: false, info: { reason: 'unknown' } });
    expect(await finish(store, jar, states[1])).toMatchObject({ ok: false, info: { reason: 'unknown' } });
    for (const state of states.slice(2)) expect((await finish(store, jar, state)).ok).toBe(true);
  });

  it('100 logins started in one browser leave at most 10 cookies and a Cookie header under 8 KB', async () => {
    const store = makeStore();
    const jar = new CookieJar();
    const states: string[] = [];
    for (let i = 0; i < 100; i++) states.push(await start(store, jar, { state: { returnTo: `/page/${i}` } }));
    expect(jar.cookies.size).toBeLessThanOrEqual(10);
    expect(Buffer.byteLength(jar.header('/auth/petjeaf/callback'))).toBeLessThan(8 * 1024);
    const last = await finish(store, jar, states[99]);
    expect(last).toMatchObject({ ok: true, info: { returnTo: '/page/99' } });
  });

  it('keeps the header within its byte budget when each login carries large app state', async () => {
    const store = makeStore();
    const jar = new CookieJar();
    for (let i = 0; i < 20; i++) await start(store, jar, { state: { note: 'x'.repeat(900) } });
    expect(Buffer.byteLength(jar.header('/auth/petjeaf/callback'))).toBeLessThan(4 * 1024);
  });

  it('clears expired and unreadable cookies of the provider when a login starts', async () => {
    const store = makeStore({ ttlMs: 1000 });
    const jar = new CookieJar();
    await start(store, jar);
    const [expired] = [...jar.cookies.keys()].map((key) => key.split('\n')[0]);
    const forged = expired.replace(/[^.]+$/, 'forged');
    jar.apply([`${forged}=garbage; Path=/`, 'oauth2-state.petjeaf.older-format=x; Path=/']);
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + 5000);
    const state = await start(store, jar);
    expect([...jar.cookies.keys()].map((key) => key.split('\n')[0])).toEqual([nameOf(jar, state)]);
  });
});

describe('CookieStateStore: clear errors for what it cannot do', () => {
  it('fails store() and verify() with a NoResponseError naming the fixes when no response is reachable or it is already sent', async () => {
    const store = makeStore();
    const bare = { url: START, headers: {} } as unknown as Request;
    const err = await new Promise<Error | null>((resolve) => store.store(bare, undefined, undefined, META, resolve));
    expect(err).toBeInstanceOf(NoResponseError);
    expect(err?.message).toMatch(/found no response .* koa-passport or @fastify\/passport, add a session middleware/);
    const { req } = fakeRequest(START);
    (req.res as unknown as { writeHead(status: number): void }).writeHead(200);
    const err2 = await new Promise<Error | null>((resolve) => store.verify(req, 'abc', META, (e) => resolve(e)));
    expect(err2).toBeInstanceOf(NoResponseError);
  });

  it('refuses app state too large for a cookie', async () => {
    const refused = start(makeStore(), new CookieJar(), { state: { blob: 'x'.repeat(3000) } });
    await expect(refused).rejects.toThrow(/too large for a state cookie \(\d+ bytes, at most 3500\)/);
    await expect(refused).rejects.toMatchObject({ status: 400 });
  });

  it('refuses a provider name that cannot be part of a cookie name', () => {
    expect(() => makeStore({ provider: 'a b' })).toThrow(TypeError);
  });
});

describe('spend: remembers used states until they expire, bounded', () => {
  it('refuses a handle twice while it has not expired, and forgets it after', () => {
    const spent = new Map<string, number>();
    expect(spend(spent, 'a', 1000, 0)).toBe(true);
    expect(spend(spent, 'a', 1000, 999)).toBe(false);
    expect(spend(spent, 'a', 3000, 1000)).toBe(true);
  });

  it('forgets expired entries as new ones come, and the oldest beyond its capacity', () => {
    const spent = new Map<string, number>();
    for (let i = 0; i < 5; i++) spend(spent, `h${i}`, 10_000, 0, 3);
    expect(spent.size).toBe(3);
    spend(spent, 'late', 30_000, 20_000, 3);
    expect(spent.size).toBe(1);
  });
});
