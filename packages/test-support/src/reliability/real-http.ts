import http from 'node:http';

type RequestFunction = typeof http.request;

/**
 * Makes `http.request` Node's own again for the enclosing `describe`, and puts back what was
 * there afterwards.
 *
 * Jest shares core modules between the test files a worker runs, so a nock interceptor
 * that an earlier file left installed still wraps `http.request` here even after this
 * file's `nock.restore()`. Its socket wrapper does not always close the real connection when
 * a request is destroyed, which would make "no socket left open" fail for reasons that do
 * not exist in production. Node's internal `_http_client` module still holds the original
 * `ClientRequest`, so the original `request` can be rebuilt from it.
 */
export function useRealHttpRequest(): void {
  let previous: RequestFunction | undefined;
  beforeAll(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ClientRequest } = require('_http_client') as { ClientRequest: typeof http.ClientRequest };
    previous = http.request;
    http.request = ((...args: ConstructorParameters<typeof http.ClientRequest>) =>
      new ClientRequest(...args)) as RequestFunction;
  });
  afterAll(() => {
    if (previous) http.request = previous;
  });
}
