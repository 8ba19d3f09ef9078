import type http from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';

/** One HTTP request as sent, its headers under lower-case names (see {@link mergeHeaders}). */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** A complete response, the body decoded as UTF-8 once all bytes are in, without a leading BOM. */
export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * How a strategy sends: one deadline in ms for the whole exchange (a wait for a free connection
 * counts), a body size cap, and the app's `dispatcher` or the deprecated `agent`, whose
 * connection options an undici pool of the strategy's own (`made`) takes over.
 */
export interface SendSettings {
  timeoutMs: number;
  maxBodyBytes: number;
  dispatcher?: Dispatcher;
  agent?: http.Agent;
  made?: Dispatcher;
}

/** An exchange without a usable response; its message holds no URL and no header, so it is safe to wrap. */
export class TransportFailure extends Error {
  /** @param status - the status seen before the failure (a body too large), if any. */
  constructor(
    readonly kind: 'timeout' | 'network' | 'body_too_large',
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TransportFailure';
  }
}

/** Header sets merged left to right under lower-case names: a later set replaces a header in any spelling. */
export function mergeHeaders(...sets: Array<Readonly<Record<string, unknown>> | null | undefined>) {
  const merged: Record<string, string> = {};
  for (const set of sets) {
    for (const name in set) {
      const value = set[name];
      if (value !== undefined) merged[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    }
  }
  return merged;
}

/** undici, loaded at the first request: it takes longer to load than the rest of the kit, and a CLI may never send. */
let undici: typeof import('undici') | undefined;
let ownPool: Dispatcher | undefined;

/** The `https.Agent` options that say how to connect, kept from an `agent`. */
const CONNECT_OPTIONS = 'ca cert key pfx passphrase rejectUnauthorized servername ciphers minVersion maxVersion'
  .concat(' checkServerIdentity family lookup localAddress')
  .split(' ');

/**
 * The app's dispatcher; else a pool made once from its `agent`; else undici's global dispatcher
 * when it is this undici's (an app's `setGlobalDispatcher`, a test's mock); else a keep-alive
 * pool of the kit's own (Node 26's `fetch` puts its undici 8 there, which undici 7 cannot drive).
 */
export function dispatcherOf(settings: SendSettings, loaded: typeof import('undici')): Dispatcher {
  if (settings.dispatcher) return settings.dispatcher;
  if (settings.agent) {
    const options = (settings.agent as { options?: Record<string, unknown> }).options ?? {};
    const connect = Object.fromEntries(
      CONNECT_OPTIONS.filter((name) => options[name] !== undefined).map((n) => [n, options[n]]),
    );
    return (settings.made ??= new loaded.Agent({ connect }));
  }
  const global = loaded.getGlobalDispatcher();
  return global instanceof loaded.Dispatcher ? global : (ownPool ??= new loaded.Agent());
}

/** Closes the pool made from an `agent`, if any; an app's dispatcher and the global one are the app's. */
export function closeDispatcher(settings: SendSettings): void {
  void settings.made?.close();
}

/**
 * The send step: one request with undici, redirects not followed. A body past `maxBodyBytes` is
 * refused as it arrives. A request whose reused keep-alive socket the server reset before any
 * answer (it closed the idle socket and never read the request) is sent once more within the deadline.
 */
export async function send(request: HttpRequest, settings: SendSettings): Promise<HttpResponse> {
  const url = new URL(request.url);
  undici ??= await import('undici');
  const controller = new AbortController();
  const { timeoutMs } = settings;
  const failTimeout = () => controller.abort(new TransportFailure('timeout', `did not answer within ${timeoutMs} ms`));
  const timer = setTimeout(failTimeout, timeoutMs);
  const dispatcher = dispatcherOf(settings, undici);
  try {
    return await exchange(dispatcher, url, request, settings.maxBodyBytes, controller).catch((error: unknown) => {
      const { code, socket } = (error ?? {}) as { code?: string; socket?: { bytesRead?: number } };
      const reused = RESET_CODES.has(code ?? '') && (socket === undefined || (socket.bytesRead ?? 0) > 0);
      if (!reused || controller.signal.aborted) throw error;
      return exchange(dispatcher, url, request, settings.maxBodyBytes, controller);
    });
  } catch (error) {
    throw controller.signal.aborted ? controller.signal.reason : transportFailureOf(error);
  } finally {
    clearTimeout(timer);
  }
}

/** Errors of a kept-alive socket that the server closed while it sat idle in the pool. */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

async function exchange(
  dispatcher: Dispatcher,
  url: URL,
  { method, headers, body }: HttpRequest,
  maxBodyBytes: number,
  controller: AbortController,
): Promise<HttpResponse> {
  if (url.username || url.password) {
    // undici refuses user info in a URL; Node sent it as Basic credentials, and so does this.
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    headers = { authorization: `Basic ${Buffer.from(credentials).toString('base64')}`, ...headers };
  }
  const { signal } = controller;
  const path = url.pathname + url.search;
  const response = await dispatcher.request({ origin: url.origin, path, method, headers, body, signal });
  const status = response.statusCode;
  const tooLarge = (): TransportFailure => {
    const what = `answered ${status} with a body over ${maxBodyBytes} bytes`;
    const failure = new TransportFailure('body_too_large', what, status);
    // Aborting (not destroying the body) closes the connection, whose answer is unread; outside
    // undici's parser, since an abort within its data callback makes it open a new connection.
    setImmediate(() => controller.abort(failure));
    return failure;
  };
  if (Number(response.headers['content-length']) > maxBodyBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let received = 0;
  try {
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      if ((received += chunk.length) > maxBodyBytes) throw tooLarge();
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof TransportFailure || signal.aborted) throw error;
    throw new TransportFailure('network', `closed the connection mid-answer (${status})`, status);
  }
  // undici frees the connection a moment after the last chunk: a request sent before then (the
  // profile right after the token) would open a second connection, with a new TLS handshake.
  await new Promise(setImmediate);
  const text = Buffer.concat(chunks, received).toString('utf8');
  return { status, headers: response.headers as IncomingHttpHeaders, body: text.replace(/^\uFEFF/, '') };
}

/** The failure of an exchange without a response: only the error code is kept (Node's and undici's messages may quote the URL). */
function transportFailureOf(error: unknown): TransportFailure {
  if (error instanceof TransportFailure) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why = typeof code === 'string' && /^[A-Z0-9_]+$/.test(code) ? ` (${code})` : '';
  const unsendable = code === 'UND_ERR_INVALID_ARG' || code === 'ERR_INVALID_CHAR' || code === 'ERR_INVALID_URL';
  return new TransportFailure('network', `could not ${unsendable ? 'be sent' : 'be reached'}${why}`);
}
