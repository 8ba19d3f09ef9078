import type http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import * as undici from 'undici';
import { dispatcherOf, type SendSettings } from '../src/http/send';
import { get, useTestServer, type TestServer } from './support/local';
import { OPTIONS, TestStrategy } from './support/test-strategy';

/** An undici pool (the kit's engine) against a real server on 127.0.0.1, so sockets and connections are real. */
const local = useTestServer();

/** More logins in flight than the pool used to allow (64 sockets, 16 kept idle). */
const BURST = 100;

/**
 * Holds every answer until `count` requests are in, or `giveUpMs` has passed, then answers
 * them all: how many were held at once is how many the client had in flight.
 */
function holdUntil(server: TestServer, count: number, giveUpMs = 1500): { mostInFlight: () => number } {
  let held: http.ServerResponse[] = [];
  let most = 0;
  let timer: NodeJS.Timeout | undefined;
  const release = (): void => {
    clearTimeout(timer);
    timer = undefined;
    for (const res of held) res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    held = [];
  };
  server.handle((_req, res) => {
    held.push(res);
    most = Math.max(most, held.length);
    timer ??= setTimeout(release, giveUpMs);
    if (held.length === count) release();
  });
  return { mostInFlight: () => most };
}

/** Sends `count` requests at once through the test's agent and waits for all of them. */
async function burst(count: number): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      get(local.server().url(`/burst/${i}`), local.dispatcher(), { timeoutMs: 5000 }),
    ),
  );
}

describe('dispatcher option: the app’s dispatcher, else a pool made from an agent, else undici’s global one', () => {
  const settings = (more: Partial<SendSettings>): SendSettings => ({ timeoutMs: 1000, maxBodyBytes: 1024, ...more });
  /** A strategy with these options, and its send settings (what `close()` reads). */
  const strategyWith = (more: Partial<SendSettings>) => {
    const strategy = new TestStrategy({ ...OPTIONS, ...more }, () => undefined);
    return { strategy, chosen: (strategy as unknown as { client: SendSettings }).client };
  };

  it('uses the app’s dispatcher as it is, and leaves closing it to the app', async () => {
    const own = new undici.Agent();
    const { strategy, chosen } = strategyWith({ dispatcher: own, agent: new https.Agent() });
    expect(dispatcherOf(chosen, undici)).toBe(own);
    strategy.close();
    expect(own.closed).toBe(false);
    await own.close();
  });

  it('makes its own pool from an agent, once, which the strategy closes', async () => {
    const { strategy, chosen } = strategyWith({ agent: new https.Agent({ ca: 'not-a-real-ca', keepAlive: true }) });
    const pool = dispatcherOf(chosen, undici) as undici.Agent;
    expect(pool).toBeInstanceOf(undici.Agent);
    expect(dispatcherOf(chosen, undici)).toBe(pool);
    strategy.close();
    expect(pool.closed).toBe(true);
  });

  it('sends through undici’s global dispatcher without either', () => {
    expect(dispatcherOf(settings({}), undici)).toBe(undici.getGlobalDispatcher());
  });
});

describe('keep-alive pool: a burst is never throttled below what Node’s own agent allows', () => {
  it(`has all ${BURST} requests of a burst at the server at once, none queued behind a busy pool`, async () => {
    const server = holdUntil(local.server(), BURST);
    await burst(BURST);
    expect(server.mostInFlight()).toBe(BURST);
    expect(local.server().connections).toBe(BURST);
  });
});

describe('keep-alive pool: keeps the warm connections a burst needs', () => {
  it('serves a second burst of the same size on the connections the first one opened', async () => {
    holdUntil(local.server(), BURST);
    await burst(BURST);
    await burst(BURST);
    expect(local.server().requests).toHaveLength(2 * BURST);
    expect(local.server().connections).toBe(BURST);
  });
});

describe('keep-alive pool: sequential logins reuse one connection', () => {
  it('sends one request after the other on the same socket, also after a burst left many idle', async () => {
    holdUntil(local.server(), 20);
    await burst(20);
    local.server().reply(200, {});
    const before = local.server().requests.length;
    for (let i = 0; i < 10; i += 1) await get(local.server().url(`/sequential/${i}`), local.dispatcher());
    const sockets = new Set<Socket>(
      local
        .server()
        .requests.slice(before)
        .map((request) => request.socket),
    );
    expect(sockets.size).toBe(1);
    expect(local.server().connections).toBe(20);
  });
});
