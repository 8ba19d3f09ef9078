import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { Request } from 'express';

/**
 * A request to `url` carrying `cookie`, with an Express-like `req.res` (a real, unconnected
 * `ServerResponse`); `setCookies()` writes its headers (as answering does) and reads `Set-Cookie`.
 */
export function fakeRequest(url: string, cookie = ''): { req: Request; setCookies: () => string[] } {
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  const req = { url, originalUrl: url, headers: cookie ? { cookie } : {}, res } as unknown as Request;
  return {
    req,
    setCookies: () => {
      if (!res.headersSent) res.writeHead(200);
      return (res.getHeader('set-cookie') as string[] | undefined) ?? [];
    },
  };
}
