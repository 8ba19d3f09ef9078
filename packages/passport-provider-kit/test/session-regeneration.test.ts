import {
  carryAcrossRegeneration,
  readSession,
  writeSession,
  type SessionLike,
} from '../src/state/multi-state-session-store';

const KEY = 'oauth2:pending';
const PENDING = { pending: [{ handle: 'tab-1' }] };

/** A request whose session is `session`. */
const requestWith = (session: SessionLike) => ({ session }) as { session: SessionLike };

describe("carries pending logins across each session middleware's regenerate", () => {
  it('express-session and koa-session: regenerate(cb), which replaces req.session', async () => {
    const req = requestWith({ [KEY]: PENDING });
    req.session.regenerate = (cb: unknown) => {
      req.session = {};
      (cb as (err?: unknown) => void)();
    };
    carryAcrossRegeneration(req, KEY);
    await new Promise<void>((resolve) => req.session.regenerate?.(() => resolve()));
    expect(req.session[KEY]).toEqual(PENDING);
  });

  it('@fastify/session: regenerate(keys, cb) and its promise form, which replace request.session', async () => {
    const make = () => {
      const data = new Map<string, unknown>([[KEY, PENDING]]);
      const req = requestWith({ get: (k: string) => data.get(k), set: (k: string, v: unknown) => data.set(k, v) });
      const fresh = new Map<string, unknown>();
      const next = { get: (k: string) => fresh.get(k), set: (k: string, v: unknown) => fresh.set(k, v) };
      req.session.regenerate = (...args: unknown[]) => {
        req.session = next;
        const cb = args.find((arg) => typeof arg === 'function') as (() => void) | undefined;
        if (cb) return cb();
        return Promise.resolve();
      };
      carryAcrossRegeneration(req, KEY);
      return req;
    };
    const withCallback = make();
    await new Promise<void>((resolve) => withCallback.session.regenerate?.(['passport'], () => resolve()));
    expect(readSession(withCallback.session, KEY)).toEqual(PENDING);
    const withPromise = make();
    await withPromise.session.regenerate?.(['session']);
    expect(readSession(withPromise.session, KEY)).toEqual(PENDING);
  });

  it('@fastify/secure-session: a synchronous regenerate(keys) that empties the session in place', async () => {
    const data = new Map<string, unknown>([[KEY, PENDING]]);
    const session: SessionLike = {
      get: (k: string) => data.get(k),
      set: (k: string, v: unknown) => data.set(k, v),
      regenerate: () => data.clear(),
    };
    const req = requestWith(session);
    carryAcrossRegeneration(req, KEY);
    await req.session.regenerate?.(['session']);
    expect(readSession(req.session, KEY)).toEqual(PENDING);
  });

  it('passes an error on without carrying anything', async () => {
    const req = requestWith({ [KEY]: PENDING });
    req.session.regenerate = (cb: unknown) => {
      req.session = {};
      (cb as (err?: unknown) => void)(new Error('store down'));
    };
    carryAcrossRegeneration(req, KEY);
    const err = await new Promise((resolve) => req.session.regenerate?.(resolve));
    expect(err).toEqual(new Error('store down'));
    expect(req.session[KEY]).toBeUndefined();
  });
});

describe('writeSession removes a key with undefined, in both session forms', () => {
  it('plain objects lose the property; get/set sessions get set(key, undefined)', () => {
    const plain: SessionLike = { [KEY]: PENDING };
    writeSession(plain, KEY, undefined);
    expect(KEY in plain).toBe(false);
    const set = jest.fn();
    writeSession({ get: () => undefined, set }, KEY, undefined);
    expect(set).toHaveBeenCalledWith(KEY, undefined);
  });
});
