import type { Request } from 'express';
import {
  MultiStateSessionStore,
  STATE_MESSAGES,
  type MultiStateSessionStoreOptions,
} from '../src/state/multi-state-session-store';

/** MultiStateSessionStore on a bare request with a session object, as express-session gives one. */

const KEY = 'oauth2:provider.example';

type Session = Record<string, unknown>;

function requestWith(session: Session = {}): Request {
  return { session } as unknown as Request;
}

/** A request without express-session in front. */
const NO_SESSION = {} as Request;

function store(s: MultiStateSessionStore, req: Request, verifier?: string, state?: unknown): Promise<string> {
  return new Promise((resolve, reject) =>
    s.store(req, verifier, state, {}, (err, handle) => (err ? reject(err) : resolve(handle as string))),
  );
}

interface Verdict {
  ok: string | boolean;
  info?: unknown;
}

function verify(s: MultiStateSessionStore, req: Request, provided: unknown): Promise<Verdict> {
  return new Promise((resolve, reject) =>
    s.verify(req, provided, (err, ok, info) => (err ? reject(err) : resolve({ ok, info }))),
  );
}

function makeStore(options: Partial<MultiStateSessionStoreOptions> = {}): MultiStateSessionStore {
  return new MultiStateSessionStore({ key: KEY, ...options });
}

afterEach(() => jest.restoreAllMocks());

describe('MultiStateSessionStore: store and verify', () => {
  it('a stored state verifies once, with ok = true', async () => {
    const s = makeStore();
    const req = requestWith();
    const handle = await store(s, req);
    expect(handle).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await verify(s, req, handle)).toEqual({ ok: true, info: undefined });
  });

  it('hands back the state meta passed to store() as info', async () => {
    const s = makeStore();
    const req = requestWith();
    const handle = await store(s, req, undefined, { returnTo: '/account' });
    expect(await verify(s, req, handle)).toEqual({ ok: true, info: { returnTo: '/account' } });
  });

  it('gives every login a different handle', async () => {
    const s = makeStore();
    const req = requestWith();
    const handles = await Promise.all([store(s, req), store(s, req), store(s, req)]);
    expect(new Set(handles).size).toBe(3);
  });

  it('removes the session key once no login is pending', async () => {
    const s = makeStore();
    const session: Session = {};
    const req = requestWith(session);
    const handle = await store(s, req);
    expect(session[KEY]).toBeDefined();
    await verify(s, req, handle);
    expect(session).not.toHaveProperty(KEY);
  });
});

describe('MultiStateSessionStore: two logins pending at once (two tabs)', () => {
  it('both verify, in either order', async () => {
    const s = makeStore();
    const req = requestWith();
    const first = await store(s, req);
    const second = await store(s, req);
    expect((await verify(s, req, second)).ok).toBe(true);
    expect((await verify(s, req, first)).ok).toBe(true);
  });
});

describe('MultiStateSessionStore: a used state cannot be replayed', () => {
  it('the second verify of the same state fails as passport-oauth2 says when nothing is pending', async () => {
    const s = makeStore();
    const req = requestWith();
    const handle = await store(s, req);
    await verify(s, req, handle);
    expect(await verify(s, req, handle)).toEqual({ ok: false, info: { message: STATE_MESSAGES.missing } });
  });
});

describe('MultiStateSessionStore: unknown state', () => {
  it('fails as invalid and leaves the pending logins alone', async () => {
    const s = makeStore();
    const req = requestWith();
    const handle = await store(s, req);
    // One character changed (a handle may already end in x).
    expect(await verify(s, req, `${handle.slice(0, -1)}${handle.endsWith('x') ? 'y' : 'x'}`)).toEqual({
      ok: false,
      info: { message: STATE_MESSAGES.invalid },
    });
    expect(await verify(s, req, 'short')).toEqual({ ok: false, info: { message: STATE_MESSAGES.invalid } });
    expect((await verify(s, req, handle)).ok).toBe(true);
  });

  it('fails as unverifiable (passport-oauth2) when the session has no pending login', async () => {
    expect(await verify(makeStore(), requestWith(), 'some-state')).toEqual({
      ok: false,
      info: { message: STATE_MESSAGES.missing },
    });
  });

  it("does not accept another store key's state", async () => {
    const req = requestWith();
    const handle = await store(makeStore({ key: 'oauth2:other.example' }), req);
    expect((await verify(makeStore(), req, handle)).ok).toBe(false);
  });
});

describe('MultiStateSessionStore: missing or non-string state', () => {
  it.each([
    ['undefined', undefined],
    ['the empty string', ''],
    ['a number', 42],
    ['an array (state=a&state=b)', ['a', 'b']],
    ['an object (state[x]=1)', { x: '1' }],
  ])("%s fails as invalid while a login is pending (passport-oauth2's message)", async (_what, provided) => {
    const s = makeStore();
    const req = requestWith();
    await store(s, req);
    expect(await verify(s, req, provided)).toEqual({ ok: false, info: { message: STATE_MESSAGES.invalid } });
  });
});

describe('MultiStateSessionStore: expiry', () => {
  it('a state used after ttlMs fails as expired, and is consumed', async () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    const s = makeStore({ ttlMs: 1000 });
    const req = requestWith();
    const handle = await store(s, req);
    now.mockReturnValue(1_000_999);
    const fresh = await store(s, req);
    expect((await verify(s, req, fresh)).ok).toBe(true);
    now.mockReturnValue(1_001_000);
    expect(await verify(s, req, handle)).toEqual({ ok: false, info: { message: STATE_MESSAGES.expired } });
    expect(await verify(s, req, handle)).toEqual({ ok: false, info: { message: STATE_MESSAGES.missing } });
  });

  it('a state used just before ttlMs still verifies', async () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(5_000);
    const s = makeStore({ ttlMs: 1000 });
    const req = requestWith();
    const handle = await store(s, req);
    now.mockReturnValue(5_999);
    expect((await verify(s, req, handle)).ok).toBe(true);
  });

  it('expired states are dropped when a new login is stored', async () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(0);
    const s = makeStore({ ttlMs: 1000 });
    const session: Session = {};
    const req = requestWith(session);
    await store(s, req);
    await store(s, req);
    now.mockReturnValue(2000);
    await store(s, req);
    expect((session[KEY] as { pending: unknown[] }).pending).toHaveLength(1);
  });

  it('defaults to 10 minutes', async () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(0);
    const s = makeStore();
    const req = requestWith();
    const early = await store(s, req);
    const late = await store(s, req);
    now.mockReturnValue(10 * 60 * 1000 - 1);
    expect((await verify(s, req, early)).ok).toBe(true);
    now.mockReturnValue(10 * 60 * 1000);
    expect((await verify(s, req, late)).info).toEqual({ message: STATE_MESSAGES.expired });
  });
});

describe('MultiStateSessionStore: bounded number of pending logins', () => {
  it('keeps maxPending logins and drops the oldest beyond it', async () => {
    const s = makeStore({ maxPending: 2 });
    const req = requestWith();
    const first = await store(s, req);
    const second = await store(s, req);
    const third = await store(s, req);
    expect((await verify(s, req, first)).ok).toBe(false);
    expect((await verify(s, req, second)).ok).toBe(true);
    expect((await verify(s, req, third)).ok).toBe(true);
  });

  it('defaults to 10', async () => {
    const s = makeStore();
    const req = requestWith();
    const handles: string[] = [];
    for (let i = 0; i < 11; i++) handles.push(await store(s, req));
    expect((await verify(s, req, handles[0])).ok).toBe(false);
    for (const handle of handles.slice(1)) expect((await verify(s, req, handle)).ok).toBe(true);
  });
});

describe('MultiStateSessionStore: PKCE verifier', () => {
  it('hands back the code verifier stored with the state as ok', async () => {
    const s = makeStore();
    const req = requestWith();
    const handle = await store(s, req, 'pkce-code-verifier-xyz');
    expect((await verify(s, req, handle)).ok).toBe('pkce-code-verifier-xyz');
  });
});

describe('MultiStateSessionStore: no session', () => {
  it('store() calls back with an error that names express-session', async () => {
    await expect(store(makeStore(), NO_SESSION)).rejects.toThrow(/session support.*express-session/);
  });

  it('verify() calls back with the same error', async () => {
    await expect(verify(makeStore(), NO_SESSION, 'state')).rejects.toThrow(/session support.*express-session/);
  });
});

describe("MultiStateSessionStore: other tabs' pending logins survive req.logIn's session regeneration", () => {
  /** A request whose session regenerates as express-session does: req.session becomes a new, empty object. */
  type Holder = { session: Session };
  function regeneratingRequest(): Request & Holder {
    const holder = {} as Holder;
    // express-session's regenerate lives on Session.prototype.
    const prototype = {
      regenerate(callback: (err?: unknown) => void) {
        holder.session = makeSession();
        callback();
      },
    };
    const makeSession = (): Session => Object.create(prototype) as Session;
    holder.session = makeSession();
    return holder as unknown as Request & Holder;
  }

  const regenerate = (req: Holder) =>
    new Promise<void>((resolve, reject) =>
      (req.session as unknown as { regenerate(cb: (err?: unknown) => void): void }).regenerate((err) =>
        err ? reject(err) : resolve(),
      ),
    );

  it('carries the remaining pending logins (only them) into the new session after a verified callback', async () => {
    const s = makeStore();
    const req = regeneratingRequest();
    const first = await store(s, req);
    const second = await store(s, req);
    req.session.other = 'old data';
    expect((await verify(s, req, first)).ok).toBe(true);
    await regenerate(req);
    expect(req.session).not.toHaveProperty('other');
    expect((await verify(s, req, second)).ok).toBe(true);
  });

  it('carries nothing when no other login is pending', async () => {
    const s = makeStore();
    const req = regeneratingRequest();
    expect((await verify(s, req, await store(s, req))).ok).toBe(true);
    await regenerate(req);
    expect(Object.keys(req.session)).toEqual([]);
  });

  it('carries nothing, and does not throw, when regenerate cannot be replaced', async () => {
    const s = makeStore();
    const session: Session = {};
    Object.defineProperty(session, 'regenerate', { value: () => undefined, enumerable: false });
    const req = requestWith(session);
    const first = await store(s, req);
    await store(s, req);
    expect((await verify(s, req, first)).ok).toBe(true);
  });

  it('leaves the session data that is serialized unchanged (the hook is not enumerable)', async () => {
    const s = makeStore();
    const req = regeneratingRequest();
    const first = await store(s, req);
    await store(s, req);
    await verify(s, req, first);
    expect(Object.keys(req.session)).toEqual([KEY]);
    expect(JSON.parse(JSON.stringify(req.session))).toEqual({ [KEY]: req.session[KEY] });
  });
});
