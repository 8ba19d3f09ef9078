import { Agent, request } from 'undici';

/** Most bytes of a response body read; the rest is not needed to tell what the provider said. */
const MAX_BODY_BYTES = 64 * 1024;

/** A response as the checks read it. */
export interface HttpResponse {
  status: number;
  /** The media type without parameters, lower case (`text/html`), or `''`. */
  contentType: string;
  /** `Location`, for a 3xx. */
  location?: string;
  /** The body as text, at most 64 KiB. */
  text: string;
  /** The body parsed as JSON, when it is JSON. */
  json?: unknown;
}

/** Why a request got no response. */
export interface HttpFailure {
  /** `timeout`: no response within the deadline; `network`: DNS, TCP or TLS failed (see `code`). */
  kind: 'timeout' | 'network';
  /** Node's or undici's error code, e.g. `ECONNREFUSED`, `DEPTH_ZERO_SELF_SIGNED_CERT`. */
  code?: string;
  message: string;
}

/** A request's outcome: a response, whatever its status, or a failure. */
export type HttpOutcome = { response: HttpResponse } | { failure: HttpFailure };

/** One request: method, URL, headers and an optional body; redirects are never followed. */
export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * The doctor's HTTP client: undici with a deadline on the connection, the headers and the
 * body, and an overall deadline per request; no redirect is followed (a 3xx is reported).
 */
export class DoctorHttp {
  private readonly agent: Agent;

  constructor(private readonly timeoutMs: number) {
    this.agent = new Agent({
      connect: { timeout: timeoutMs },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      keepAliveTimeout: 1000,
    });
  }

  /** Sends `req` and reads up to 64 KiB of the response; never throws. */
  async send(req: HttpRequest): Promise<HttpOutcome> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      const res = await request(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        dispatcher: this.agent,
        signal,
      });
      const text = await readCapped(res.body);
      const contentType = String(res.headers['content-type'] ?? '')
        .split(';')[0]
        .trim()
        .toLowerCase();
      const location = res.headers.location;
      return {
        response: {
          status: res.statusCode,
          contentType,
          location: typeof location === 'string' ? location : undefined,
          text,
          json: parseJson(text),
        },
      };
    } catch (error) {
      return { failure: toFailure(error, signal.aborted, this.timeoutMs) };
    }
  }

  /** Closes the connections at once (every request has been answered or has failed by then). */
  async close(): Promise<void> {
    await this.agent.destroy();
  }
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= MAX_BODY_BYTES) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8');
}

function parseJson(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

/** The failure's code, from the error or its causes (undici wraps the socket's error). */
export function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function toFailure(error: unknown, aborted: boolean, timeoutMs: number): HttpFailure {
  const code = errorCode(error);
  const timedOut =
    aborted ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT';
  if (timedOut) return { kind: 'timeout', code, message: `no response within ${timeoutMs} ms` };
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'network', code, message };
}
