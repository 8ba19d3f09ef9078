import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { useRealHttpRequest } from '@internal/test-support';
import { Agent } from 'undici';
import { send, type HttpRequest, type HttpResponse, type SendSettings } from '../../src/http/send';

/** A request as the test server received it. */
export interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  socket: Socket;
}

/** Answers one request, or never does. */
export type Handler = (request: Received, res: http.ServerResponse) => void;

/**
 * A real HTTP server on 127.0.0.1 with one handler for every request, which counts the TCP
 * connections it accepts (`connection` events) and knows which are still open.
 */
export class TestServer {
  /** Every request received, in order. */
  readonly requests: Received[] = [];
  /** How many TCP connections the server accepted. */
  connections = 0;
  private readonly sockets = new Set<Socket>();
  private readonly server: http.Server;
  private port = 0;

  private constructor(private handler: Handler) {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const received: Received = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          socket: req.socket,
        };
        this.requests.push(received);
        this.handler(received, res);
      });
    });
    this.server.on('connection', (socket: Socket) => {
      this.connections += 1;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Starts a server on a free port of 127.0.0.1. */
  static async start(handler: Handler = (_req, res) => res.writeHead(404).end()): Promise<TestServer> {
    const server = new TestServer(handler);
    await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', resolve));
    server.port = (server.server.address() as AddressInfo).port;
    return server;
  }

  /** Replaces the handler. */
  handle(handler: Handler): this {
    this.handler = handler;
    return this;
  }

  /** Answers every request with `status` and `body` (JSON-encoded unless a string) and `headers`. */
  reply(status: number, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): this {
    return this.handle((_req, res) =>
      res.writeHead(status, headers).end(typeof body === 'string' ? body : JSON.stringify(body)),
    );
  }

  /** The absolute URL of `path` on this server (still its old address once stopped). */
  url(path = '/'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** How many connections are open now. */
  openSockets(): number {
    return this.sockets.size;
  }

  /** Resolves once every connection to the server is closed. */
  async allClosed(): Promise<void> {
    await Promise.all(
      [...this.sockets].map((socket) =>
        socket.destroyed ? undefined : new Promise((resolve) => socket.once('close', resolve)),
      ),
    );
  }

  /** Stops the server, destroying the connections still open. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    if (this.server.listening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * A fresh server and undici pool per test, stopped and destroyed after it. Node's own
 * `http.request` is used meanwhile: a nock interceptor left by an earlier test file of the
 * same jest worker would otherwise sit between the client and the real sockets.
 */
export function useTestServer(): { server: () => TestServer; dispatcher: () => Agent } {
  useRealHttpRequest();
  let server: TestServer | undefined;
  let dispatcher: Agent | undefined;
  beforeEach(async () => {
    server = await TestServer.start();
    dispatcher = new Agent();
  });
  afterEach(async () => {
    await dispatcher?.destroy();
    await server?.stop();
  });
  return {
    server: () => server as TestServer,
    dispatcher: () => dispatcher as Agent,
  };
}

/** send() with small defaults (GET, deadline 1 s, cap 1 KiB). */
export function get(
  url: string,
  dispatcher: Agent,
  { timeoutMs = 1000, maxBodyBytes = 1024, ...request }: Partial<HttpRequest & SendSettings> = {},
): Promise<HttpResponse> {
  return send({ method: 'GET', url, headers: {}, ...request }, { timeoutMs, maxBodyBytes, dispatcher });
}

/** The rejection of a promise that must reject. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}
