import type { ServerResponse } from 'node:http';

/** The unsent Node response of a login request, whichever framework made it (`docs/architecture.md`, State). */
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
