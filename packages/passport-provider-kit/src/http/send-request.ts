import http, { type IncomingHttpHeaders, type RequestOptions } from 'node:http';
import https from 'node:https';
import { urlToHttpOptions } from 'node:url';

/** One HTTP exchange with a provider. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: URL;
  headers: Record<string, string>;
  body?: string;
  /** Deadline for the whole exchange, connect to last byte, in ms. */
  timeoutMs: number;
  /** Largest body accepted, in bytes. */
  maxBodyBytes: number;
  agent: http.Agent;
}

/** A complete response, with the body decoded as UTF-8 once all bytes are in. */
export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Why an exchange produced no response. */
export type TransportFailureKind = 'timeout' | 'network' | 'body_too_large';

/**
 * An exchange that produced no usable response. Its message never holds the URL's query
 * or any header, so it is safe to wrap into user-facing errors.
 */
export class TransportFailure extends Error {
  /** What went wrong. */
  readonly kind: TransportFailureKind;
  /** Status line seen before the failure (e.g. a body too large), if any. */
  readonly status?: number;

  constructor(kind: TransportFailureKind, message: string, status?: number) {
    super(message);
    this.name = 'TransportFailure';
    this.kind = kind;
    this.status = status;
  }
}

/**
 * Sends one request and resolves with the full response; never follows redirects.
 *
 * Unlike node-oauth (what passport-oauth2 uses) it has a deadline for the whole exchange,
 * a cap on the body size, and decodes the body only after the last chunk, so a multibyte
 * character split across chunks arrives intact. On any failure the socket is destroyed.
 */
export function sendRequest(request: HttpRequest): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const transport = request.url.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = { ...request.headers };
    if (request.body !== undefined) {
      headers['Content-Length'] = String(Buffer.byteLength(request.body));
    }
    let settled = false;
    const finish = (error: TransportFailure | null, response?: HttpResponse): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        req.destroy();
        reject(error);
      } else {
        resolve(response as HttpResponse);
      }
    };

    const req = transport.request({ ...targetOf(request.url), method: request.method, headers, agent: request.agent });
    const timer = setTimeout(() => {
      finish(new TransportFailure('timeout', `did not answer within ${request.timeoutMs} ms`));
    }, request.timeoutMs);

    req.on('error', (error: NodeJS.ErrnoException) => {
      finish(new TransportFailure('network', `could not be reached (${error.code ?? error.message})`));
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const tooLarge = (): void =>
        finish(
          new TransportFailure(
            'body_too_large',
            `answered ${status} with a body over ${request.maxBodyBytes} bytes`,
            status,
          ),
        );
      const declared = Number(res.headers['content-length']);
      if (declared > request.maxBodyBytes) return tooLarge();

      const chunks: Buffer[] = [];
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > request.maxBodyBytes) return tooLarge();
        chunks.push(chunk);
      });
      res.on('error', () =>
        finish(new TransportFailure('network', `closed the connection mid-answer (${status})`, status)),
      );
      res.on('aborted', () =>
        finish(new TransportFailure('network', `closed the connection mid-answer (${status})`, status)),
      );
      res.on('end', () => {
        // One chunk (the usual small response) is decoded in place; Buffer.concat would copy it.
        const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
        const body = bytes.toString('utf8').replace(/^\uFEFF/, '');
        response = { status, headers: res.headers, body };
        // The usual case: the request was written, so Node has already queued the socket's
        // return to the pool, which runs before the caller's promise reactions.
        if (released || req.writableFinished) finish(null, response);
      });
    });
    // Otherwise resolve once the request is 'close'd, i.e. its keep-alive socket is back in the
    // pool: when a response is read before Node has seen its own request written (a race on busy
    // machines), Node frees the socket only later, and the next call (the profile after the
    // token) would open a second connection and pay a second TLS handshake.
    let response: HttpResponse | undefined;
    let released = false;
    req.on('close', () => {
      released = true;
      if (response) finish(null, response);
    });
    req.end(request.body);
  });
}

/**
 * Node's request options for a URL (host, port, path...), made once per URL: a strategy calls
 * the same few endpoints at every login, and Node would otherwise redo this at every request.
 * Keyed by `href`, so a URL object changed between two calls is read afresh.
 */
const targets = new Map<string, RequestOptions>();
const MAX_TARGETS = 64;
function targetOf(url: URL): RequestOptions {
  const href = url.href;
  let target = targets.get(href);
  if (!target) {
    // Only what http.request reads: the agent copies every field of the options at each request.
    const { protocol, hostname, port, path, auth } = urlToHttpOptions(url);
    target = auth === undefined ? { protocol, hostname, port, path } : { protocol, hostname, port, path, auth };
    if (targets.size >= MAX_TARGETS) targets.clear();
    targets.set(href, target);
  }
  return target;
}
