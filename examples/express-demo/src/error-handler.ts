import { ServerResponse } from 'node:http';
import type { ErrorRequestHandler, Response } from 'express';
import { messagePage } from './views/message';

/** Node's own `res.end`, before any middleware wrapped it. */
const nodeEnd = ServerResponse.prototype.end as (this: ServerResponse, chunk?: string) => ServerResponse;

/** What the demo says when it cannot say more. */
const NEUTRAL_MESSAGE = 'The demo hit an unexpected error.';

/**
 * The demo's last error handler: a page with the error's 4xx status and message, or a
 * neutral 500 page. It always ends the response: when the page cannot be sent (the response
 * was half sent, or `res.end` throws, as express-session's does when it cannot save the
 * session), it ends it anyway (see {@link endAnyway}), so no browser is left waiting on an
 * open socket.
 */
export function demoErrorHandler(): ErrorRequestHandler {
  return (err: Error & { status?: unknown }, _req, res, _next) => {
    const status = typeof err.status === 'number' && err.status >= 400 && err.status < 600 ? err.status : 500;
    try {
      if (!res.headersSent) {
        res.status(status).send(messagePage('Something went wrong', status < 500 ? err.message : NEUTRAL_MESSAGE));
      }
    } catch {
      // Ended below.
    }
    if (!res.writableEnded) endAnyway(res);
  };
}

/**
 * Ends a response that the usual way could not end: with Node's own `end`, past the wrappers
 * that middleware put on `res.end` (express-session's refuses a second call once it threw),
 * with a plain-text 500 if nothing was sent yet; and if even that throws, by closing the socket.
 */
export function endAnyway(res: Response): void {
  try {
    if (!res.headersSent) {
      // What the failed attempt set about its body (its Content-Length above all) does not describe this one.
      for (const name of ['Content-Length', 'Content-Type', 'Content-Encoding', 'ETag', 'Set-Cookie']) {
        res.removeHeader(name);
      }
      res.statusCode = 500;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.setHeader('Content-Length', Buffer.byteLength(NEUTRAL_MESSAGE));
      res.setHeader('Cache-Control', 'no-store');
      nodeEnd.call(res, NEUTRAL_MESSAGE);
    } else {
      nodeEnd.call(res);
    }
  } catch {
    res.destroy();
  }
}
