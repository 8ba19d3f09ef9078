import type { Request } from 'express';

/** A request to `url` carrying `cookie`, with an Express-like `req.res` that records headers. */
export function fakeRequest(url: string, cookie = ''): { req: Request; setCookies: () => string[] } {
  const headers = new Map<string, unknown>();
  const res = {
    headersSent: false,
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    setHeader: (name: string, value: unknown) => headers.set(name.toLowerCase(), value),
  };
  const req = { url, originalUrl: url, headers: cookie ? { cookie } : {}, res } as unknown as Request;
  return { req, setCookies: () => (headers.get('set-cookie') as string[] | undefined) ?? [] };
}
