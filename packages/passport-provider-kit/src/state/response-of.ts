import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The Node response a login request will be answered on, found from the request object each
 * framework hands a passport strategy, or `undefined` when there is none (or its headers are
 * already sent):
 *
 * - Express (and NestJS on its Express platform): `req.res`.
 * - koa-passport: its `req` is a mock over Koa's request whose `res` has `setHeader` only; the
 *   Koa context is `req.ctx`, and `ctx.res` is Node's response (what Koa itself writes to).
 * - @fastify/passport: the Fastify request; `request.raw` is Node's request, and Node's response
 *   is the message its socket is writing, checked to belong to this very request (a pipelined
 *   request waiting behind another one gets `undefined`, never the other one's response).
 * - anything else (a test's plain object, HTTP/2): `undefined`.
 */
export function responseOf(req: unknown): ServerResponse | undefined {
  if (typeof req !== 'object' || req === null) return undefined;
  const candidates = [
    (req as { res?: unknown }).res,
    ((req as { ctx?: { res?: unknown } }).ctx ?? undefined)?.res,
    socketResponseOf((req as { raw?: unknown }).raw ?? req),
  ];
  return candidates.find(isWritableResponse);
}

/** The response Node's HTTP/1 server is writing on `req`'s socket, if it is `req`'s own. */
function socketResponseOf(req: unknown): unknown {
  const socket = (req as Partial<IncomingMessage> | undefined)?.socket as { _httpMessage?: unknown } | undefined;
  const message = socket?._httpMessage as { req?: unknown } | undefined;
  return message?.req === req ? message : undefined;
}

function isWritableResponse(value: unknown): value is ServerResponse {
  const res = value as Partial<ServerResponse> | undefined;
  return (
    typeof res === 'object' &&
    res !== null &&
    typeof res.writeHead === 'function' &&
    typeof res.setHeader === 'function' &&
    typeof res.getHeader === 'function' &&
    res.headersSent === false
  );
}
