import http, { type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { Agent, Dispatcher } from 'undici';

/** The handler methods undici's `request()` gives a dispatcher (its classic handler interface). */
interface RequestHandler {
  onConnect?(abort: (reason?: Error) => void): void;
  onHeaders?(status: number, rawHeaders: Buffer[], resume: () => void, statusText: string): boolean | void;
  onData?(chunk: Buffer): boolean | void;
  onComplete?(trailers: Buffer[]): void;
  onError?(error: Error): void;
}

/** Addresses of the real local servers of the tests (the sandbox, test servers); a `localhost` name may be mocked. */
const LOOPBACK = new Set(['127.0.0.1', '[::1]']);

/**
 * An undici dispatcher for unit tests: nock 14 intercepts Node's `http.request` and `fetch`
 * but not undici's own connection pools, which the kit sends through. A request to a provider
 * host (never reachable from tests) is sent with `http.request`, where nock answers it or
 * refuses it (`Disallowed net connect`); a request to 127.0.0.1 goes through a real undici
 * pool, so the end-to-end suites against local servers exercise undici itself.
 */
export class NockDispatcher extends Dispatcher {
  private readonly real = new Agent();

  /** Sends one request (undici calls it; tests never do). */
  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const origin = new URL(String(options.origin));
    if (LOOPBACK.has(origin.hostname)) return this.real.dispatch(options, handler);
    const to = handler as RequestHandler;
    const url = new URL(options.path, origin);
    const transport = url.protocol === 'https:' ? https : http;
    const req = transport.request(url, { method: options.method, headers: headersOf(options.headers) });
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      req.destroy();
      to.onError?.(error);
    };
    to.onConnect?.((reason) => fail(reason ?? new Error('aborted')));
    req.on('error', fail);
    req.on('response', (res) => {
      const raw = res.rawHeaders.map((value) => Buffer.from(value));
      to.onHeaders?.(res.statusCode ?? 0, raw, () => res.resume(), res.statusMessage ?? '');
      res.on('data', (chunk: Buffer) => {
        if (!settled && to.onData?.(chunk) === false) res.pause();
      });
      res.on('end', () => {
        if (settled) return;
        settled = true;
        to.onComplete?.([]);
      });
      res.on('error', fail);
      res.on('aborted', () => fail(new Error('closed mid-answer')));
    });
    req.end(options.body as string | Buffer | undefined);
    return true;
  }

  /** Closes the real pool. */
  override close(): Promise<void> {
    return this.real.close();
  }

  /** Destroys the real pool. */
  override destroy(): Promise<void> {
    return this.real.destroy();
  }
}

function headersOf(headers: Dispatcher.DispatchOptions['headers']): OutgoingHttpHeaders {
  if (!headers) return {};
  if (Array.isArray(headers)) {
    const flat: OutgoingHttpHeaders = {};
    for (let i = 0; i + 1 < headers.length; i += 2) flat[String(headers[i])] = String(headers[i + 1]);
    return flat;
  }
  return Object.fromEntries(
    Object.entries(headers as Record<string, unknown>).filter(([, value]) => value !== undefined),
  ) as OutgoingHttpHeaders;
}
