import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';

/** One HTTP exchange with a provider. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: URL;
  headers: Record<string, string>;
  body?: string;
  /**
   * Deadline for the whole exchange, in ms: from the call, so any wait for a free socket in
   * `agent` counts too (a login waits on it all the same), through connect, to the last byte.
   */
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

/** Errors of a kept-alive socket that the server closed while it sat idle in the pool. */
const STALE_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE']);

/**
 * Sends one request and resolves with the full response; never follows redirects.
 *
 * Unlike node-oauth (what passport-oauth2 uses) it has a deadline for the whole exchange,
 * a cap on the body size, and decodes the body only after the last chunk, so a multibyte
 * character split across chunks arrives intact. On any failure the socket is destroyed.
 *
 * A request sent on a reused keep-alive socket that the server reset before any answer is
 * sent once more, on a new connection, within the same deadline: the server closed that
 * socket while it sat idle (Node closes idle sockets a second before the server's announced
 * `Keep-Alive` timeout, but a busy event loop can be later than that), so it never read the
 * request. This is the retry Node's documentation recommends for `reusedSocket`.
 */
export function sendRequest(request: HttpRequest): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const transport = request.url.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = { ...request.headers };
    if (request.body !== undefined) {
      headers['Content-Length'] = String(Buffer.byteLength(request.body));
    }
    let settled = false;
    let req: http.ClientRequest | undefined;
    const finish = (error: TransportFailure | null, response?: HttpResponse): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        req?.destroy();
        reject(error);
      } else {
        resolve(response as HttpResponse);
      }
    };
    const timer = setTimeout(() => {
      finish(new TransportFailure('timeout', `did not answer within ${request.timeoutMs} ms`));
    }, request.timeoutMs);

    const attempt = (isRetry: boolean): void => {
      req = transport.request(request.url, { method: request.method, headers, agent: request.agent });
      const sent = req;
      let answered = false;
      sent.on('error', (error: NodeJS.ErrnoException) => {
        if (settled || sent !== req) return;
        if (!isRetry && !answered && sent.reusedSocket && STALE_SOCKET_CODES.has(error.code ?? '')) {
          return attempt(true);
        }
        finish(new TransportFailure('network', `could not be reached (${error.code ?? error.message})`));
      });
      sent.on('response', (res) => {
        answered = true;
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
          const body = Buffer.concat(chunks)
            .toString('utf8')
            .replace(/^\uFEFF/, '');
          answer = { status, headers: res.headers, body };
          // The usual case: the request was written, so Node has already queued the socket's
          // return to the pool, which runs before the caller's promise reactions.
          if (released || sent.writableFinished) finish(null, answer);
        });
      });
      // Otherwise resolve once the request is 'close'd, i.e. its keep-alive socket is back in the
      // pool: when an answer is read before Node has seen its own request written (a race on busy
      // machines), Node frees the socket only later, and the next call (the profile after the
      // token) would open a second connection and pay a second TLS handshake.
      let answer: HttpResponse | undefined;
      let released = false;
      sent.on('close', () => {
        released = true;
        if (answer) finish(null, answer);
      });
      sent.end(request.body);
    };
    try {
      attempt(false);
    } catch (error) {
      // Node refused to build the request (e.g. ERR_INVALID_CHAR: a line break in a header):
      // nothing was sent; stop the deadline and let the caller name the error.
      settled = true;
      clearTimeout(timer);
      reject(error);
    }
  });
}
