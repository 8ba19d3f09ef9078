import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { basicCredentials, type PresentedCredentials } from './clients';
import { SandboxError, type ErrorWriter } from './errors';
import { field } from './params';

/** A bare Express app for one provider. */
export function createProviderApp(): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  return app;
}

/** How early the timer is set, so that its lateness cannot push the answer past its due time. */
const TIMER_SLACK_MS = 2;

/**
 * The sandbox's simulated network and provider latency: the answer leaves `ms` after the
 * request arrived, whatever the sandbox's own work took meanwhile (as long as it took less).
 * A benchmark can then take `round trips × ms` as the exact ideal: neither the sandbox's
 * processing nor a timer firing late (Node's timers have millisecond granularity and often
 * fire 1–2 ms late) is counted as time spent by the client under test.
 */
export function delay(ms: number): RequestHandler {
  return (_req, res, next) => {
    if (ms > 0) {
      const due = performance.now() + ms;
      const end = res.end.bind(res) as (...args: unknown[]) => Response;
      res.end = ((...args: unknown[]) => {
        waitUntil(due, () => end(...args));
        return res;
      }) as Response['end'];
    }
    next();
  };
}

/** Calls `then` once `performance.now()` reaches `due`: a timer for the bulk, then event-loop turns for the last stretch. */
function waitUntil(due: number, then: () => void): void {
  const left = due - performance.now();
  if (left <= 0) return then();
  if (left > TIMER_SLACK_MS) setTimeout(waitUntil, left - TIMER_SLACK_MS, due, then);
  else setImmediate(waitUntil, due, then);
}

/** Annotated so that the declaration files need no name from @types/connect (not portable once packed). */
const PARSERS: Readonly<Record<'form' | 'json', { type: string; parse: RequestHandler }>> = {
  form: { type: 'application/x-www-form-urlencoded', parse: express.urlencoded({ extended: false, limit: '16kb' }) },
  json: { type: 'application/json', parse: express.json({ limit: '16kb', strict: true }) },
};

/**
 * Parses the body when its `Content-Type` is one of `accepted`; any other is refused with
 * `unsupported_media_type` and `message`.
 */
export function acceptBody(accepted: ReadonlyArray<keyof typeof PARSERS>, message: string): RequestHandler {
  return (req, res, next) => {
    const kind = accepted.find((name) => req.is(PARSERS[name].type));
    if (!kind) return next(new SandboxError('unsupported_media_type', message));
    PARSERS[kind].parse(req, res, next);
  };
}

/** The bearer token from the first of `headers` that carries one, or `invalid_token`. */
export function bearerToken(req: Request, headers: readonly string[] = ['authorization']): string {
  for (const name of headers) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get(name) ?? '');
    if (match) return match[1];
  }
  throw new SandboxError('invalid_token', 'a bearer access token is required');
}

/**
 * Ends the app: unknown paths are 404, and every error is answered in the provider's
 * documented shape through `write` (malformed bodies as `invalid_request`).
 */
export function finishProviderApp(app: Express, write: ErrorWriter): void {
  app.use((req, _res, next) =>
    next(new SandboxError('invalid_request', `no route for ${req.method} ${req.path}`, 404)),
  );
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const error = toSandboxError(err);
    const { status, body } = write(error);
    res.status(status).json(body);
  });
}

function toSandboxError(err: unknown): SandboxError {
  if (err instanceof SandboxError) return err;
  const type = (err as { type?: unknown }).type;
  if (type === 'entity.parse.failed') return new SandboxError('invalid_request', 'the request body is not valid JSON');
  if (type === 'entity.too.large') return new SandboxError('invalid_request', 'the request body is too large', 413);
  const status = (err as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500)
    return new SandboxError('invalid_request', 'the request could not be read', status);
  return new SandboxError('invalid_request', 'the request could not be processed', 500);
}

/**
 * The client credentials of a token request: `client_id`/`client_secret` in the body, or,
 * when `allowBasic`, `Authorization: Basic` (used when the body has no `client_id`).
 */
export function presentedCredentials(req: Request, allowBasic: boolean): PresentedCredentials {
  const clientID = field(req.body, 'client_id');
  if (clientID || !allowBasic) return { clientID, clientSecret: field(req.body, 'client_secret') };
  return basicCredentials(req.get('authorization')) ?? {};
}
