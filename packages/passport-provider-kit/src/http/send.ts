import type { Agent as HttpAgent, IncomingHttpHeaders } from 'node:http';
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
  agent?: HttpAgent;
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
    const connect = Object.fromEntries(CONNECT_OPTIONS.map((n) => [n, options[n]]).filter(([, v]) => v !== undefined));
    return (settings.made ??= new loaded.Agent({ connect }));
  }
  const global = loaded.getGlobalDispatcher();
  return global instanceof loaded.Dispatcher ? global : (ownPool ??= new loaded.Agent());
}

/**
 * The send step: one request through undici's `dispatch` with a plain handler, redirects not followed. One
 * deadline covers it all, a wait for a free connection included; a body past `maxBodyBytes` is refused as it
 * arrives; a request whose reused keep-alive socket the server reset before any answer is sent once more.
 */
export async function send(request: HttpRequest, settings: SendSettings): Promise<HttpResponse> {
  const url = new URL(request.url);
  const flight: Flight = { undici: (undici ??= await import('undici')) };
  const timer = setTimeout(() => {
    flight.expired = new TransportFailure('timeout', `did not answer within ${settings.timeoutMs} ms`);
    flight.stop?.(flight.expired);
  }, settings.timeoutMs);
  try {
    const response = await exchange(url, request, settings, flight).catch((error: unknown) => {
      const { code, socket } = (error ?? {}) as { code?: string; socket?: { bytesRead?: number } };
      const reset = code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET';
      const newSocket = socket !== undefined && !socket.bytesRead; // it never answered: not an idle kept-alive one
      if (!reset || newSocket || flight.expired) throw error;
      return exchange(url, request, settings, flight);
    });
    // undici frees the connection a setImmediate after the last chunk: a request sent sooner opens another.
    await new Promise(setImmediate);
    return response;
  } catch (error) {
    throw flight.expired ?? transportFailureOf(error);
  } finally {
    clearTimeout(timer);
  }
}

/** One send in flight: the undici it uses, its deadline once passed, and how to stop its exchange. */
type Flight = { undici: typeof import('undici'); expired?: TransportFailure; stop?: (reason: Error) => void };

/** One exchange: a plain handler counts and collects the body's chunks as undici parses them (no stream between). */
function exchange(url: URL, { method, headers: sent, body }: HttpRequest, settings: SendSettings, flight: Flight) {
  if (url.username || url.password) {
    // undici refuses user info in a URL; Node sent it as Basic credentials, and so does this.
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    sent = { authorization: `Basic ${Buffer.from(credentials).toString('base64')}`, ...sent };
  }
  const { maxBodyBytes: cap } = settings;
  const options = { origin: url.origin, path: url.pathname + url.search, method, headers: sent, body };
  return new Promise<HttpResponse>((resolve, reject) => {
    let status = 0;
    let received = 0;
    let headers: IncomingHttpHeaders = {};
    let abort: ((reason: Error) => void) | undefined;
    const chunks: Buffer[] = [];
    flight.stop = (reason) => void (abort?.(reason), reject(reason));
    const tooLarge = (): false => {
      const error = new TransportFailure('body_too_large', `answered ${status} with a body over ${cap} bytes`, status);
      reject(error);
      // Closes the connection, answer unread; with the parser paused: an abort within its callbacks opens a new one.
      setImmediate(() => abort?.(error));
      return false;
    };
    dispatcherOf(settings, flight.undici).dispatch(options, {
      onConnect: (abortIt) => (flight.expired ? abortIt(flight.expired) : (abort = abortIt)),
      onHeaders: (statusCode, raw) => {
        if (statusCode < 200) return true; // informational; the response follows
        status = statusCode;
        headers = flight.undici.util.parseHeaders(raw) as IncomingHttpHeaders;
        return Number(headers['content-length']) > cap ? tooLarge() : true;
      },
      onData: (chunk) => received <= cap && ((received += chunk.length) > cap ? tooLarge() : chunks.push(chunk) > 0),
      onComplete: () =>
        resolve({ status, headers, body: String(Buffer.concat(chunks, received)).replace(/^\uFEFF/, '') }),
      onError: (error) => {
        if (status === 0 || error instanceof TransportFailure) return reject(error);
        reject(new TransportFailure('network', `closed the connection mid-answer (${status})`, status));
      },
    });
  });
}

/** The failure of an exchange without a response: only the error code is kept (Node's and undici's messages may quote the URL). */
function transportFailureOf(error: unknown): TransportFailure {
  if (error instanceof TransportFailure) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why = typeof code === 'string' && /^[A-Z0-9_]+$/.test(code) ? ` (${code})` : '';
  const unsendable = code === 'UND_ERR_INVALID_ARG' || code === 'ERR_INVALID_CHAR' || code === 'ERR_INVALID_URL';
  return new TransportFailure('network', `could not ${unsendable ? 'be sent' : 'be reached'}${why}`);
}
