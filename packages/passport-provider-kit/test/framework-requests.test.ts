import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Socket } from 'node:net';
import type { Request } from 'express';
import { CookieStateStore, NoResponseError } from '../src/state/cookie-state-store';
import { MultiStateSessionStore } from '../src/state/multi-state-session-store';
import { responseOf } from '../src/state/response-of';
import { appendSetCookie } from '../src/state/state-cookies';

const META = { callbackURL: 'http://app.test/auth/petjeaf/callback' };

/** The default store: the cookie store with the session store as its fallback. */
function makeStore(): CookieStateStore {
  const fallback = new MultiStateSessionStore({ key: 'oauth2:petjeaf' });
  return new CookieStateStore({
    provider: 'petjeaf',
    clientID: 'c',
    secret: 's',
    callbackURL: META.callbackURL,
    fallback,
  });
}

const unsent = () => new ServerResponse(new IncomingMessage(new Socket()));

describe('responseOf: the response each framework lets a strategy reach', () => {
  it('Express and NestJS (Express platform): req.res', () => {
    const res = unsent();
    expect(responseOf({ res })).toBe(res);
  });

  it("koa-passport: not its mock req.res (setHeader only), but the Koa context's ctx.res", () => {
    const res = unsent();
    const req = { res: { setHeader() {} }, ctx: { res } };
    expect(responseOf(req)).toBe(res);
  });

  it('@fastify/passport: the raw response its socket is writing, when it belongs to request.raw', () => {
    const raw = new IncomingMessage(new Socket());
    const res = new ServerResponse(raw);
    (raw.socket as unknown as { _httpMessage: unknown })._httpMessage = res;
    expect(responseOf({ raw })).toBe(res);
    // A pipelined request waiting behind another: the socket writes the other's response.
    const waiting = new IncomingMessage(raw.socket);
    expect(responseOf({ raw: waiting })).toBeUndefined();
  });

  it('nothing for a plain object (chai-passport-strategy), a primitive, or a response already sent', () => {
    expect(responseOf({ headers: {}, query: {} })).toBeUndefined();
    expect(responseOf(undefined)).toBeUndefined();
    expect(responseOf('req')).toBeUndefined();
    const sent = unsent();
    sent.writeHead(200);
    expect(responseOf({ res: sent })).toBeUndefined();
  });
});

describe('appendSetCookie: our cookies go out with the headers, after what the framework passes to writeHead', () => {
  let server: Server;
  afterEach(() => new Promise((resolve) => server.close(resolve)));

  it('keeps a Set-Cookie set before and one passed to writeHead (as Fastify does), and adds ours', async () => {
    server = createServer((_req, res) => {
      res.setHeader('Set-Cookie', ['early=1']);
      appendSetCookie(res, ['ours=1']);
      appendSetCookie(res, ['ours=2']);
      res.writeHead(302, { 'set-cookie': ['session=1'], location: '/x' });
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const answer = await fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual' });
    expect(answer.status).toBe(302);
    expect(answer.headers.getSetCookie()).toEqual(['session=1', 'ours=1', 'ours=2']);
  });
});

/** Runs the default store's store() then verify() on requests made by `make`. */
async function roundTrip(make: () => Request): Promise<{ stored: Error | null; ok: unknown }> {
  const store = makeStore();
  const req = make();
  const state = await new Promise<string | Error>((resolve) =>
    store.store(req, undefined, { returnTo: '/a' }, META, (err, handle) => resolve(err ?? (handle as string))),
  );
  if (state instanceof Error) return { stored: state, ok: undefined };
  const callback = make();
  (callback as { session?: unknown }).session = (req as { session?: unknown }).session;
  const ok = await new Promise((resolve) =>
    store.verify(callback, state, META, (err, result) => resolve(err ?? result)),
  );
  return { stored: null, ok };
}

describe('the default store without a reachable response', () => {
  it('keeps the login in the session when the request has one (express-session, koa-session, @fastify/session)', async () => {
    expect(await roundTrip(() => ({ headers: {}, session: {} }) as unknown as Request)).toEqual({
      stored: null,
      ok: true,
    });
  });

  it("speaks @fastify/secure-session's get/set", async () => {
    const data = new Map<string, unknown>();
    const session = { get: (key: string) => data.get(key), set: (key: string, value: unknown) => data.set(key, value) };
    expect(await roundTrip(() => ({ headers: {}, session }) as unknown as Request)).toEqual({ stored: null, ok: true });
  });

  it('fails with a NoResponseError naming the fixes when there is no session either (chai-passport-strategy)', async () => {
    const { stored } = await roundTrip(() => ({ headers: {}, query: {} }) as unknown as Request);
    expect(stored).toBeInstanceOf(NoResponseError);
    expect(stored?.message).toMatch(/add a session middleware/);
  });
});
