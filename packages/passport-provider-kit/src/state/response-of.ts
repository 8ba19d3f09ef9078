import type { ServerResponse } from 'node:http';

/**
 * The Node response, headers not yet sent, that a login request will be answered on: Express's and
 * NestJS's `req.res`, koa-passport's `req.ctx.res`, or for @fastify/passport the response the socket
 * of `request.raw` is writing, if it is that request's own (never a pipelined neighbour's).
 */
export function responseOf(req: unknown): ServerResponse | undefined {
  const r = req as { res?: unknown; ctx?: { res?: unknown } | null; raw?: unknown } | null | undefined;
  if (typeof r !== 'object' || r === null) return undefined;
  const raw = r.raw ?? r;
  const onSocket = (raw as { socket?: { _httpMessage?: { req?: unknown } } }).socket?._httpMessage;
  return [r.res, r.ctx?.res, onSocket?.req === raw ? onSocket : undefined].find(isUnsentResponse);
}

function isUnsentResponse(value: unknown): value is ServerResponse {
  const res = value as Partial<ServerResponse> | null | undefined;
  return (
    typeof res?.writeHead === 'function' &&
    typeof res.setHeader === 'function' &&
    typeof res.getHeader === 'function' &&
    res.headersSent === false
  );
}
