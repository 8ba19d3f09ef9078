import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request as the local provider received it. */
export interface SeenRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: http.IncomingHttpHeaders;
  /** The raw body, decoded as UTF-8. */
  body: string;
  /** The connection it came on. */
  socket: Socket;
}

/** Answers one request; may also never answer. */
export type LocalHandler = (request: SeenRequest, res: http.ServerResponse) => void;

/**
 * A real HTTP server on 127.0.0.1 playing a provider, for what nock cannot fake: a
 * connection that is accepted and never answered, bodies written in chosen chunks, and the
 * sockets a client leaves open. Routes are `METHOD path` (without query).
 */
export class LocalProvider {
  /** Every request received, in order. */
  readonly requests: SeenRequest[] = [];
  private readonly server: http.Server;
  private readonly routes = new Map<string, LocalHandler>();
  private readonly sockets = new Set<Socket>();

  private constructor() {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const seen: SeenRequest = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          socket: req.socket,
        };
        this.requests.push(seen);
        const handler = this.routes.get(`${seen.method} ${seen.url.split('?')[0]}`);
        if (handler) handler(seen, res);
        else res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no route"}');
      });
    });
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Starts a local provider on a free port of 127.0.0.1. */
  static async start(): Promise<LocalProvider> {
    const provider = new LocalProvider();
    await new Promise<void>((resolve) => provider.server.listen(0, '127.0.0.1', resolve));
    return provider;
  }

  /** The absolute URL of `path` on this server. */
  url(path: string): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}${path}`;
  }

  /** Answers `METHOD path` with `handler`. */
  on(method: string, path: string, handler: LocalHandler): this {
    this.routes.set(`${method} ${path}`, handler);
    return this;
  }

  /** Answers `METHOD path` with a JSON body. */
  json(method: string, path: string, body: unknown, status = 200): this {
    return this.on(method, path, (_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  }

  /** How many connections are open right now. */
  openSockets(): number {
    return this.sockets.size;
  }

  /** Resolves once `socket` is closed (at once if it already is). */
  closed(socket: Socket): Promise<void> {
    if (socket.destroyed || !this.sockets.has(socket)) return Promise.resolve();
    return new Promise((resolve) => socket.once('close', () => resolve()));
  }

  /** Resolves once every connection to this server is closed. */
  async allClosed(): Promise<void> {
    await Promise.all([...this.sockets].map((socket) => this.closed(socket)));
  }

  /** Stops the server, destroying any connection still open. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
