import type { Dispatcher } from 'undici';
import type { IncomingHttpHeaders } from 'node:http';

/** One HTTP exchange with a provider. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: URL;
  headers: Record<string, string>;
  body?: string;
  /** Deadline for the whole exchange, in ms: from the call (a wait for a connection counts) to the last byte. */
  timeoutMs: number;
  /** Largest body accepted, in bytes. */
  maxBodyBytes: number;
  /** The undici dispatcher (connection pools) to send through, or its promise; undici's global one by default. */
  dispatcher?: Dispatcher | Promise<Dispatcher>;
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
 * undici, loaded at the first request rather than at `require()`: it takes longer to load than
 * passport-oauth2 and the kit together, and an app that only starts (a CLI, a test) needs none of it.
 */
let undici: Promise<typeof import('undici')> | undefined;

/** undici, loaded once. */
export function loadUndici(): Promise<typeof import('undici')> {
  undici ??= import('undici');
  return undici;
}

let ownPool: Dispatcher | undefined;

/**
 * undici's global dispatcher when it is one of this undici's (an app's `setGlobalDispatcher`, a
 * test's mock); else a keep-alive pool of the kit's own. Node's built-in `fetch` installs its
 * bundled undici's dispatcher under the same global key at its first use, and Node 26 bundles
 * undici 8, whose handler API this undici cannot drive (UND_ERR_INVALID_ARG on every request).
 */
function defaultDispatcher(loaded: typeof import('undici')): Dispatcher {
  const global = loaded.getGlobalDispatcher();
  if (global instanceof loaded.Dispatcher) return global;
  return (ownPool ??= new loaded.Agent());
}

/** Errors of a kept-alive socket that the server closed while it sat idle in the pool. */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * Sends one request with undici and resolves with the full response; never follows redirects.
 *
 * One deadline (an abort signal) covers the whole exchange, the body is counted as it arrives
 * and refused past `maxBodyBytes`, and it is decoded only after the last chunk. A request whose
 * kept-alive connection the server reset before any answer is sent once more within the same
 * deadline: the server closed that socket while it sat idle and never read the request. A reset
 * of a connection that had never answered (nothing read on it) is not retried.
 */
export async function sendRequest(request: HttpRequest): Promise<HttpResponse> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new TransportFailure('timeout', `did not answer within ${request.timeoutMs} ms`)),
    request.timeoutMs,
  );
  try {
    try {
      return await exchange(request, controller);
    } catch (error) {
      if (!isResetOfReusedSocket(error) || controller.signal.aborted) throw error;
      return await exchange(request, controller);
    }
  } catch (error) {
    throw controller.signal.aborted ? controller.signal.reason : transportFailureOf(error);
  } finally {
    clearTimeout(timer);
  }
}

async function exchange(request: HttpRequest, controller: AbortController): Promise<HttpResponse> {
  const { signal } = controller;
  const { url, headers } = withoutUserInfo(request.url, oneOfEachName(request.headers));
  const loaded = await loadUndici();
  const response = await loaded.request(url, {
    method: request.method,
    headers,
    body: request.body,
    signal,
    dispatcher: (await request.dispatcher) ?? defaultDispatcher(loaded),
  });
  const status = response.statusCode;
  // Aborting (not destroying the body) makes undici close the connection, whose answer is unread.
  const tooLarge = () => {
    const failure = new TransportFailure(
      'body_too_large',
      `answered ${status} with a body over ${request.maxBodyBytes} bytes`,
      status,
    );
    // Outside undici's parser: an abort from within its data callback makes it open a new connection.
    setImmediate(() => controller.abort(failure));
    return failure;
  };
  if (Number(response.headers['content-length']) > request.maxBodyBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let received = 0;
  try {
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (received > request.maxBodyBytes) throw tooLarge();
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof TransportFailure || signal.aborted) throw error;
    throw new TransportFailure('network', `closed the connection mid-answer (${status})`, status);
  }
  // undici frees the connection for the pool a moment after the last chunk: a call sent before
  // then (the profile right after the token) would open a second connection, with a new TLS handshake.
  await new Promise(setImmediate);
  const body = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  return { status, headers: response.headers as IncomingHttpHeaders, body };
}

/** The headers with one value per name in any spelling, the last one winning (as Node's `setHeader` does). */
function oneOfEachName(headers: Record<string, string>): Record<string, string> {
  const byName = new Map<string, [string, string]>();
  for (const [name, value] of Object.entries(headers)) byName.set(name.toLowerCase(), [name, value]);
  return byName.size === Object.keys(headers).length ? headers : Object.fromEntries(byName.values());
}

/** undici refuses user info in a URL; Node sent it as Basic credentials, and so does this. */
function withoutUserInfo(url: URL, headers: Record<string, string>): { url: URL; headers: Record<string, string> } {
  if (!url.username && !url.password) return { url, headers };
  const plain = new URL(url.href);
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  plain.username = '';
  plain.password = '';
  return { url: plain, headers: { Authorization: `Basic ${Buffer.from(credentials).toString('base64')}`, ...headers } };
}

/** A reset before any answer on a socket that had answered before (bytes read on it). */
function isResetOfReusedSocket(error: unknown): boolean {
  const { code, socket } = (error ?? {}) as { code?: string; socket?: { bytesRead?: number } };
  if (!RESET_CODES.has(code ?? '')) return false;
  return socket === undefined || (socket.bytesRead ?? 0) > 0;
}

/**
 * The failure of an exchange that got no response. Only an error code is kept: Node's and
 * undici's own messages may quote a header's value or the URL.
 */
function transportFailureOf(error: unknown): TransportFailure {
  if (error instanceof TransportFailure) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why = typeof code === 'string' && /^[A-Z0-9_]+$/.test(code) ? ` (${code})` : '';
  if (code === 'UND_ERR_INVALID_ARG' || code === 'ERR_INVALID_CHAR' || code === 'ERR_INVALID_URL') {
    return new TransportFailure('network', `could not be sent${why}`);
  }
  return new TransportFailure('network', `could not be reached${why}`);
}
