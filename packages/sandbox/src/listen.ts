import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { SandboxCertificate } from './certificate';
import type { SandboxStats } from './types';

/** A listening server that counts its connections. */
export interface CountedServer {
  /** `http(s)://host:port`. */
  origin: string;
  stats(): SandboxStats;
  resetStats(): void;
  /** Client connections open right now. */
  openConnections(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Serves `app` on `host:port` (0 = ephemeral), over TLS when `certificate` is given, and
 * counts new TCP connections (`connection`), completed TLS handshakes (`secureConnection`)
 * and requests.
 */
export async function listen(
  app: Express,
  host: string,
  port: number,
  certificate?: SandboxCertificate,
): Promise<CountedServer> {
  const server: http.Server = certificate
    ? https.createServer({ key: certificate.key, cert: certificate.cert }, app)
    : http.createServer(app);
  const stats: SandboxStats = { connections: 0, tlsHandshakes: 0, requests: 0 };
  server.on('connection', () => stats.connections++);
  server.on('secureConnection', () => stats.tlsHandshakes++);
  server.on('request', () => stats.requests++);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    origin: `${certificate ? 'https' : 'http'}://${hostPart}:${address.port}`,
    stats: () => ({ ...stats }),
    resetStats: () => {
      stats.connections = 0;
      stats.tlsHandshakes = 0;
      stats.requests = 0;
    },
    openConnections: () =>
      new Promise<number>((resolve, reject) =>
        server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
