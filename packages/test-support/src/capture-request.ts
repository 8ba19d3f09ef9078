import type nock from 'nock';

/** One request a mock received, as the provider would see it. */
export interface CapturedRequest {
  /** Request path with its query string. */
  path: string;
  /** Request headers, names lower-cased. */
  headers: Record<string, string>;
  /**
   * The body as text. nock decodes a body sent as `application/json` (and throws when it is
   * not valid JSON); that decoded value is serialized back here, so a JSON body always
   * reads as JSON text and a form body as `a=1&b=2`.
   */
  body: string;
}

/**
 * A nock reply function that records the request into `into` and answers `status` with
 * `answer` (and `headers`): use it where a test must look at the exact request (body
 * encoding, where the credentials travel), e.g.
 * `nock(host).post('/token').reply(captureReply(seen, 200, { access_token: 'at' }))`.
 */
export function captureReply(
  into: CapturedRequest[],
  status: number,
  answer: nock.Body,
  headers: Record<string, string> = {},
): (this: nock.ReplyFnContext, path: string, body: nock.Body) => [number, nock.Body, Record<string, string>] {
  return function reply(this: nock.ReplyFnContext, path: string, body: nock.Body) {
    const requestHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(this.req.headers)) requestHeaders[name.toLowerCase()] = String(value);
    into.push({ path, headers: requestHeaders, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return [status, answer, headers];
  };
}
