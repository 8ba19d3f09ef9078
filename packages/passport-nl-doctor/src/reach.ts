import { lookup } from 'node:dns/promises';
import { connect as tcpConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, rootCertificates, type TLSSocket } from 'node:tls';
import { errorCode } from './http';

/** How far a connection to an origin got, with the time each step took. */
export interface ReachResult {
  /** `https://host:port` as probed. */
  origin: string;
  /** The address the name resolved to (the host itself for an IP address). */
  address?: string;
  /** DNS lookup time; undefined for an IP address. */
  dnsMs?: number;
  tcpMs?: number;
  /** Undefined over plain http. */
  tlsMs?: number;
  /** Days until the certificate expires (https). */
  certificateDaysLeft?: number;
  /** Set when a step failed: which, and Node's error code. */
  failure?: { step: 'dns' | 'tcp' | 'tls'; code?: string; message: string };
}

/**
 * Resolves the origin's host (as Node does, `dns.lookup`), opens a TCP connection to it and,
 * for https, completes a TLS handshake that checks the certificate as any client would; each
 * step has the deadline `timeoutMs`. No HTTP request is sent.
 * @param ca - certificates to trust besides Node's (tests; the command uses `NODE_EXTRA_CA_CERTS`).
 */
export async function reachOrigin(origin: URL, timeoutMs: number, ca?: string): Promise<ReachResult> {
  const result: ReachResult = { origin: origin.origin };
  const host = origin.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(origin.port || (origin.protocol === 'https:' ? 443 : 80));
  let address = host;
  if (!isIP(host)) {
    const started = performance.now();
    try {
      address = (await withDeadline(lookup(host), timeoutMs, 'ETIMEOUT')).address;
      result.dnsMs = elapsed(started);
    } catch (error) {
      result.failure = { step: 'dns', code: errorCode(error), message: messageOf(error) };
      return result;
    }
  }
  result.address = address;
  let socket: Socket;
  const tcpStarted = performance.now();
  try {
    socket = await openSocket(address, port, timeoutMs);
    result.tcpMs = elapsed(tcpStarted);
  } catch (error) {
    result.failure = { step: 'tcp', code: errorCode(error), message: messageOf(error) };
    return result;
  }
  if (origin.protocol !== 'https:') {
    socket.destroy();
    return result;
  }
  const tlsStarted = performance.now();
  try {
    const secure = await handshake(socket, host, timeoutMs, ca);
    result.tlsMs = elapsed(tlsStarted);
    const validTo = Date.parse(secure.getPeerCertificate().valid_to);
    if (Number.isFinite(validTo)) result.certificateDaysLeft = Math.floor((validTo - Date.now()) / 86_400_000);
    secure.destroy();
  } catch (error) {
    socket.destroy();
    result.failure = { step: 'tls', code: errorCode(error), message: messageOf(error) };
  }
  return result;
}

function openSocket(address: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host: address, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(Object.assign(new Error(`no TCP connection within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

function handshake(socket: Socket, host: string, timeoutMs: number, ca: string | undefined): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const trust = ca === undefined ? {} : { ca: [...rootCertificates, ca] };
    const secure = tlsConnect({ socket, host, servername: isIP(host) ? undefined : host, ...trust });
    const timer = setTimeout(() => {
      secure.destroy();
      reject(Object.assign(new Error(`no TLS handshake within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
    }, timeoutMs);
    secure.once('secureConnect', () => {
      clearTimeout(timer);
      resolve(secure);
    });
    secure.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Rejects with `code` after `ms` unless `promise` settles first (a DNS lookup cannot be cancelled). */
function withDeadline<T>(promise: Promise<T>, ms: number, code: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms} ms`), { code })), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
