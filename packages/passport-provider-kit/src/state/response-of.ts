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
  const res = value as Record<string, unknown> | null | undefined;
  const hasMethods = ['writeHead', 'setHeader', 'getHeader'].every((name) => typeof res?.[name] === 'function');
  return hasMethods && res?.headersSent === false;
}
