import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { send, TransportFailure } from '../src/http/send';
import { get, rejectionOf, useTestServer } from './support/local';

/** The send step (`send`) against a real server on 127.0.0.1, so sockets, chunks and deadlines are real. */
const local = useTestServer();

/** A GET of `url` through the send step, on the test server's dispatcher. */
function sendTo(url: URL) {
  return send(
    { method: 'GET', url: url.href, headers: {} },
    { timeoutMs: 1000, maxBodyBytes: 1024, dispatcher: local.dispatcher() },
  );
}

async function failureOf(promise: Promise<unknown>): Promise<TransportFailure> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(TransportFailure);
  return error as TransportFailure;
}

describe('send: deadline for the whole exchange', () => {
  it('fails with kind timeout when the server accepts and never answers, and closes that socket', async () => {
    local.server().handle(() => undefined);
    const failure = await failureOf(get(local.server().url('/hang'), local.dispatcher(), { timeoutMs: 150 }));
    expect(failure.kind).toBe('timeout');
    expect(failure.message).toBe('did not answer within 150 ms');
    expect(local.server().requests).toHaveLength(1);
    await local.server().allClosed();
    expect(local.server().openSockets()).toBe(0);
  });

  it('fails with kind timeout when the server stalls in the middle of the body, and closes that socket', async () => {
    local.server().handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"access_token":');
    });
    const failure = await failureOf(get(local.server().url('/stall'), local.dispatcher(), { timeoutMs: 150 }));
    expect(failure.kind).toBe('timeout');
    await local.server().allClosed();
    expect(local.server().openSockets()).toBe(0);
  });
});

describe('send: the deadline counts the wait for a free socket', () => {
  it('fails with kind timeout when a pool with one connection is busy for longer, and never sends it', async () => {
    const oneSocket = new Agent({ connections: 1 });
    local.server().handle((req, res) => {
      if (req.url === '/slow') setTimeout(() => res.writeHead(200).end('{}'), 400);
      else res.writeHead(200).end('{}');
    });
    try {
      let slowAnswered = false;
      const slow = get(local.server().url('/slow'), oneSocket, { timeoutMs: 5000 }).then(() => (slowAnswered = true));
      const failure = await failureOf(get(local.server().url('/queued'), oneSocket, { timeoutMs: 150 }));
      expect(failure.kind).toBe('timeout');
      // It gave up while the only socket was still busy with /slow, i.e. while waiting for it.
      expect(slowAnswered).toBe(false);
      await slow;
      // The queued request left the agent's queue: nothing more reaches the server.
      await get(local.server().url('/after'), oneSocket);
      expect(local.server().requests.map((request) => request.url)).toEqual(['/slow', '/after']);
    } finally {
      await oneSocket.destroy();
    }
  });
});

describe('send: body size cap', () => {
  it('refuses a declared content-length over the cap', async () => {
    local.server().handle((_req, res) => res.writeHead(200, { 'content-length': '2048' }).end('x'.repeat(2048)));
    const failure = await failureOf(get(local.server().url(), local.dispatcher()));
    expect(failure.kind).toBe('body_too_large');
    expect(failure.status).toBe(200);
    expect(failure.message).toBe('answered 200 with a body over 1024 bytes');
  });

  it('refuses a chunked body once the bytes received pass the cap, and closes the socket', async () => {
    local.server().handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < 5; i++) res.write('y'.repeat(400));
      // never ends: only the cap can stop this answer before the (long) deadline
    });
    const failure = await failureOf(get(local.server().url(), local.dispatcher(), { timeoutMs: 10_000 }));
    expect(failure.kind).toBe('body_too_large');
    // The connection that carried the refused answer is closed. (undici then opens a spare idle
    // connection after an aborted answer, which its keep-alive timeout closes.)
    const [{ socket }] = local.server().requests;
    if (!socket.destroyed) await new Promise((resolve) => socket.once('close', resolve));
    expect(socket.destroyed).toBe(true);
  });

  it('accepts a body of exactly the cap', async () => {
    local.server().reply(200, 'z'.repeat(1024), {});
    const response = await get(local.server().url(), local.dispatcher());
    expect(response.body).toHaveLength(1024);
  });
});

describe('send: UTF-8 decoded after the last chunk', () => {
  it('keeps a multibyte character split across chunks intact ("Zoë Ångström" split inside the ë)', async () => {
    const bytes = Buffer.from(JSON.stringify({ name: 'Zoë Ångström' }), 'utf8');
    const insideE = bytes.indexOf(Buffer.from('ë', 'utf8')) + 1;
    local.server().handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(bytes.subarray(0, insideE));
      setTimeout(() => res.end(bytes.subarray(insideE)), 20);
    });
    const response = await get(local.server().url(), local.dispatcher());
    expect(JSON.parse(response.body)).toEqual({ name: 'Zoë Ångström' });
  });

  it('drops a leading byte order mark', async () => {
    local.server().handle((_req, res) => res.writeHead(200).end(Buffer.from('\uFEFF{"a":1}', 'utf8')));
    const response = await get(local.server().url(), local.dispatcher());
    expect(response.body).toBe('{"a":1}');
  });
});

describe('send: redirects are not followed', () => {
  it('resolves with the 3xx itself and makes no second request', async () => {
    local
      .server()
      .handle((req, res) =>
        req.url === '/moved'
          ? res.writeHead(302, { location: local.server().url('/elsewhere') }).end()
          : res.writeHead(200).end('{}'),
      );
    const response = await get(local.server().url('/moved'), local.dispatcher());
    expect(response.status).toBe(302);
    expect(local.server().requests.map((request) => request.url)).toEqual(['/moved']);
  });
});

describe('send: network failures', () => {
  it('fails with kind network when the connection is refused', async () => {
    const url = local.server().url();
    await local.server().stop();
    const failure = await failureOf(get(url, local.dispatcher()));
    expect(failure.kind).toBe('network');
    expect(failure.message).toBe('could not be reached (ECONNREFUSED)');
  });

  it('fails with kind network when the server closes the connection mid-answer', async () => {
    local.server().handle((request, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"partial":');
      setTimeout(() => request.socket.destroy(), 20);
    });
    const failure = await failureOf(get(local.server().url(), local.dispatcher(), { timeoutMs: 10_000 }));
    expect(failure.kind).toBe('network');
    expect(failure.status).toBe(200);
  });
});

describe('send: keep-alive connection reuse', () => {
  it('sends two sequential requests on one TCP connection', async () => {
    local.server().reply(200, { ok: true });
    await get(local.server().url('/one'), local.dispatcher());
    await get(local.server().url('/two'), local.dispatcher());
    expect(local.server().requests).toHaveLength(2);
    expect(local.server().connections).toBe(1);
  });

  it('reuses the connection when the answer arrives before Node has seen its request written', async () => {
    // A server that answers as soon as it has the headers, before reading a large body: the
    // answer ends while the client is still writing, and Node frees the socket only afterwards.
    const server = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      req.resume();
    });
    let connections = 0;
    server.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const large = 'x'.repeat(8 * 1024 * 1024);
      for (let i = 0; i < 3; i += 1) {
        // A generous deadline: writing 8 MB three times took over a second on the loaded 2-core machine.
        await get(url, local.dispatcher(), { method: 'POST', body: large, timeoutMs: 10_000 });
        await get(url, local.dispatcher());
      }
      expect(connections).toBe(1);
    } finally {
      local.dispatcher().destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('send: a kept-alive socket the server closed while idle', () => {
  /** Answers `/first`; resets the connection of every later request, or only of those on a reused socket. */
  function resetLater(onlyReused: boolean): void {
    const seen = new WeakSet<object>();
    local.server().handle((request, res) => {
      const reused = seen.has(request.socket);
      seen.add(request.socket);
      if (request.url === '/first' || (onlyReused && !reused)) res.writeHead(200).end('{}');
      else request.socket.destroy();
    });
  }

  it('sends the request once more on a new connection when a reused socket is reset before any answer', async () => {
    resetLater(true);
    await get(local.server().url('/first'), local.dispatcher());
    const response = await get(local.server().url('/second'), local.dispatcher());
    expect(response.status).toBe(200);
    expect(local.server().requests.map((request) => request.url)).toEqual(['/first', '/second', '/second']);
    expect(local.server().connections).toBe(2);
  });

  it('sends it only once more: a reset of the new connection fails with kind network', async () => {
    resetLater(false);
    await get(local.server().url('/first'), local.dispatcher());
    const failure = await failureOf(get(local.server().url('/second'), local.dispatcher()));
    expect(failure.kind).toBe('network');
    expect(failure.message).toBe('could not be reached (UND_ERR_SOCKET)');
    expect(local.server().requests.map((request) => request.url)).toEqual(['/first', '/second', '/second']);
  });

  it('does not send again when a new connection is reset', async () => {
    resetLater(false);
    const failure = await failureOf(get(local.server().url('/second'), local.dispatcher()));
    expect(failure.kind).toBe('network');
    expect(local.server().requests.map((request) => request.url)).toEqual(['/second']);
  });
});

describe('send: the request it sends', () => {
  it('keeps what Node does with user info in the URL: Basic credentials', async () => {
    local.server().reply(200, {});
    const url = new URL(local.server().url('/with-user'));
    url.username = 'id';
    url.password = 'se cret';
    await sendTo(url);
    const [seen] = local.server().requests;
    expect(seen.url).toBe('/with-user');
    expect(seen.headers.authorization).toBe(`Basic ${Buffer.from('id:se cret').toString('base64')}`);
  });

  it('goes where the URL object points at each call, also when it was changed in between', async () => {
    local.server().reply(200, {});
    const url = new URL(local.server().url('/first?x=1'));
    await get(url.href, local.dispatcher());
    await sendTo(url);
    url.pathname = '/second';
    url.search = '?y=2';
    await sendTo(url);
    expect(local.server().requests.map((request) => request.url)).toEqual(['/first?x=1', '/first?x=1', '/second?y=2']);
  });

  it('sends the method, the headers and the body with its byte length', async () => {
    local.server().reply(200, {});
    const body = 'name=Zo%C3%AB&x=ë';
    await get(local.server().url(), local.dispatcher(), { method: 'POST', headers: { 'X-Test': 'yes' }, body });
    const [seen] = local.server().requests;
    expect(seen.method).toBe('POST');
    expect(seen.headers['x-test']).toBe('yes');
    expect(seen.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(seen.body).toBe(body);
  });
});

describe('send: a global dispatcher of another undici (Node 26 fetch installs undici 8) is not used', () => {
  const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');
  const globals = globalThis as unknown as Record<symbol, unknown>;
  let previous: unknown;
  beforeEach(() => (previous = globals[GLOBAL_DISPATCHER]));
  afterEach(() => (globals[GLOBAL_DISPATCHER] = previous));

  it("sends through the kit's own pool when the global dispatcher is not one of this undici's", async () => {
    local.server().handle((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
    // What Node's bundled undici puts there: a dispatcher whose handler API this undici cannot drive.
    const foreign = {
      dispatch: () => {
        throw new Error('the foreign dispatcher was used');
      },
    };
    globals[GLOBAL_DISPATCHER] = foreign;
    const response = await send(
      { method: 'GET', url: local.server().url('/ok'), headers: {} },
      { timeoutMs: 1000, maxBodyBytes: 1024 },
    );
    expect(response.status).toBe(200);
    expect(response.body).toBe('{"ok":true}');
  });
});
