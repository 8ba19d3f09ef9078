import { ProviderApiError, ProviderTokenError } from 'passport-provider-kit';
import { classify, exchange, type ClassifySettings, type EndpointRequest } from '../src/http/classify';
import type { SendSettings } from '../src/http/send';
import { steadyBlockedMs, useRealHttpRequest } from '@internal/test-support';
import { rejectionOf, TestServer } from './support/local';

/** The send and classify steps (exchange, classify) against a real server on 127.0.0.1: every bad answer becomes a typed error. */

const CLIENT_SECRET = 'kit-client-secret-9f3k';

let server: TestServer;
let settings: ClassifySettings & SendSettings;

useRealHttpRequest();

function makeClient(overrides: Partial<ClassifySettings & SendSettings> = {}): void {
  settings = {
    provider: 'Acme',
    errorFields: ['error_description', 'message', 'error'],
    timeoutMs: 1000,
    maxBodyBytes: 1024,
    secrets: [CLIENT_SECRET],
    ...overrides,
  };
}

/** Sends, then classifies, as the strategy's request path does. */
const client = {
  requestJson: async (request: EndpointRequest) => classify(request, await exchange(request, settings), settings),
};

beforeEach(async () => {
  server = await TestServer.start();
  makeClient();
});

afterEach(async () => {
  await server.stop();
});

function call(options: { secrets?: string[]; allowEmpty?: boolean; method?: 'GET' | 'POST' } = {}) {
  return client.requestJson({
    label: 'user endpoint',
    method: options.method ?? 'GET',
    url: server.url('/me'),
    headers: { Accept: 'application/json' },
    endpoint: 'api',
    secrets: options.secrets,
    allowEmpty: options.allowEmpty,
  });
}

async function failure(options?: Parameters<typeof call>[0]): Promise<ProviderApiError> {
  const error = await rejectionOf(call(options));
  expect(error).toBeInstanceOf(ProviderApiError);
  return error as ProviderApiError;
}

describe('send and classify: a JSON object answer', () => {
  it('resolves with the parsed object, the raw body and the status', async () => {
    server.reply(200, { id: 7, name: 'Zoë' });
    await expect(call()).resolves.toEqual({ json: { id: 7, name: 'Zoë' }, raw: '{"id":7,"name":"Zoë"}', status: 200 });
  });
});

describe('send and classify: any number of different endpoint URLs', () => {
  it('reaches the right path for each, past the size of the cache of request options per URL', async () => {
    server.reply(200, { ok: true });
    for (let i = 0; i < 70; i += 1) {
      const url = server.url(`/users/${i}?page=${i}`);
      await client.requestJson({ label: 'user endpoint', method: 'GET', url, headers: {}, endpoint: 'api' });
    }
    await client.requestJson({
      label: 'user endpoint',
      method: 'GET',
      url: server.url('/users/3?page=3'),
      headers: {},
      endpoint: 'api',
    });
    expect(server.requests.map((request) => request.url)).toEqual([
      ...Array.from({ length: 70 }, (_, i) => `/users/${i}?page=${i}`),
      '/users/3?page=3',
    ]);
  });

  it('rejects a URL that does not parse, every time it is asked', async () => {
    for (let i = 0; i < 2; i += 1) {
      await expect(
        client.requestJson({ label: 'user endpoint', method: 'GET', url: 'not a url', headers: {}, endpoint: 'api' }),
      ).rejects.toThrow('Invalid URL');
    }
  });
});

describe('send and classify: the deadline', () => {
  it('fails with reason timeout (status 504) when the server never answers, and leaves no socket open', async () => {
    makeClient({ timeoutMs: 150 });
    server.handle(() => undefined);
    const error = await failure();
    expect(error.reason).toBe('timeout');
    expect(error.status).toBe(504);
    expect(error.message).toBe('Acme user endpoint did not answer within 150 ms');
    await server.allClosed();
    expect(server.openSockets()).toBe(0);
  });
});

describe('send and classify: bad 2xx answers', () => {
  it.each([
    [
      'an HTML page',
      '<!doctype html><html><body>Login</body></html>',
      { 'content-type': 'text/html' },
      'html_body',
      'with an HTML page instead of JSON',
    ],
    ['an empty body', '', {}, 'empty_body', 'with an empty body'],
    [
      'invalid JSON',
      '{"id": 1',
      { 'content-type': 'application/json' },
      'invalid_json',
      'with a body that is not valid JSON',
    ],
    [
      'a JSON array',
      '[{"id":1}]',
      { 'content-type': 'application/json' },
      'unexpected_shape',
      'with JSON that is not an object',
    ],
    [
      'a JSON string',
      '"id"',
      { 'content-type': 'application/json' },
      'unexpected_shape',
      'with JSON that is not an object',
    ],
    [
      'JSON null',
      'null',
      { 'content-type': 'application/json' },
      'unexpected_shape',
      'with JSON that is not an object',
    ],
    [
      'an object with a field nested 500 levels deep (issue 23 item 1)',
      `{"id":1,"x":${'['.repeat(500)}${']'.repeat(500)}}`,
      { 'content-type': 'application/json' },
      'unexpected_shape',
      'with JSON nested deeper than 64 levels',
    ],
  ])('%s fails with its reason, the status kept', async (_what, body, headers, reason, words) => {
    server.reply(200, body, headers);
    const error = await failure();
    expect(error.reason).toBe(reason);
    expect(error.providerStatus).toBe(200);
    expect(error.status).toBe(502);
    expect(error.message).toBe(`Acme user endpoint answered 200 ${words}`);
  });

  it('an empty 204 is accepted as {} only when the request allows it', async () => {
    server.reply(204, '', {});
    await expect(call({ allowEmpty: true })).resolves.toEqual({ json: {}, raw: '', status: 204 });
    expect((await failure()).reason).toBe('empty_body');
  });
});

describe('send and classify: redirects', () => {
  it('a 3xx fails with reason redirect and is never followed', async () => {
    server.handle((req, res) =>
      req.url === '/me'
        ? res.writeHead(302, { location: server.url('/login') }).end()
        : res.writeHead(200).end('{"id":1}'),
    );
    makeClient({ urlOptions: { 'user endpoint': 'userProfileURL' } });
    const error = await failure();
    expect(error.reason).toBe('redirect');
    expect(error.providerStatus).toBe(302);
    expect(error.message).toBe(
      `Acme user endpoint answered 302 (a redirect) instead of JSON: it points to ${server.url('/login')}; redirects are not followed, so if the provider has moved, set userProfileURL to it`,
    );
    expect(server.requests.map((request) => request.url)).toEqual(['/me']);
  });
});

describe('send and classify: a dotted error field names a nested field (Mollie: error.message)', () => {
  it('reads the text at the path, after the fields before it', async () => {
    makeClient({ errorFields: ['error_description', 'error.message', 'message'] });
    server.reply(422, { error: { type: 'request', message: 'The redirect_uri is missing' }, message: 'Later' });
    expect((await failure()).message).toBe('Acme user endpoint answered 422: The redirect_uri is missing');
  });

  it('skips a path that leads nowhere, or to something else than text', async () => {
    makeClient({ errorFields: ['error.message.text', 'error.code', 'message'] });
    server.reply(400, { error: { message: 'not an object', code: 7 }, message: 'Plain' });
    expect((await failure()).message).toBe('Acme user endpoint answered 400: Plain');
  });
});

describe('send and classify: error answers (4xx/5xx)', () => {
  it('an HTML 500 says so, reason provider_error, status 502', async () => {
    server.reply(500, '<html><body>Whoops</body></html>', { 'content-type': 'text/html' });
    const error = await failure();
    expect(error.reason).toBe('provider_error');
    expect(error.providerStatus).toBe(500);
    expect(error.status).toBe(502);
    expect(error.message).toBe('Acme user endpoint answered 500 with an HTML page instead of a JSON error');
  });

  it('an empty 503 says so', async () => {
    server.reply(503, '', {});
    expect((await failure()).message).toBe('Acme user endpoint answered 503 with an empty body');
  });

  it('a 4xx keeps its status and the provider code', async () => {
    server.reply(400, { error: 'invalid_grant', error_description: 'The code has expired.' });
    const error = await failure();
    expect(error.status).toBe(400);
    expect(error.providerCode).toBe('invalid_grant');
    expect(error.code).toBe('invalid_grant');
    expect(error.message).toBe('Acme user endpoint answered 400: The code has expired.');
  });

  // Each provider's documented error body, read with that provider's field order.
  it.each([
    [
      'Petje.af',
      ['detail', 'error_description', 'message', 'error', 'title'],
      { status: 401, title: 'Unauthorized', detail: 'Token is invalid.', _links: {} },
      'Token is invalid.',
    ],
    [
      'Gofundo',
      ['error_description', 'message', 'error', 'hint'],
      {
        error: 'invalid_client',
        error_description: 'Client authentication failed',
        message: 'Client authentication failed',
      },
      'Client authentication failed',
    ],
    [
      'Gofundo (message only)',
      ['error_description', 'message', 'error', 'hint'],
      { message: 'Unauthenticated.' },
      'Unauthenticated.',
    ],
    [
      'MijnKlantportaal',
      ['message', 'error_description', 'error'],
      { code: 'unauthorized', message: 'Access token missing or invalid' },
      'Access token missing or invalid',
    ],
    [
      'AltDentifier',
      ['error', 'error_description', 'message'],
      { error: 'The provided authorization code is invalid.' },
      'The provided authorization code is invalid.',
    ],
  ])('%s error body: the first usable field of errorFields wins', async (_provider, errorFields, body, text) => {
    makeClient({ errorFields });
    server.reply(401, body);
    expect((await failure()).message).toBe(`Acme user endpoint answered 401: ${text}`);
  });

  it('a 4xx JSON body without a known field gives the status alone', async () => {
    server.reply(418, { teapot: true });
    expect((await failure()).message).toBe('Acme user endpoint answered 418');
  });
});

describe('send and classify: rate limiting (429)', () => {
  it('retry-after in seconds gives reason rate_limited, status 429 and retryAfter', async () => {
    server.reply(429, { message: 'Too many requests' }, { 'content-type': 'application/json', 'retry-after': '30' });
    const error = await failure();
    expect(error.reason).toBe('rate_limited');
    expect(error.status).toBe(429);
    expect(error.retryAfter).toBe(30);
    expect(error.message).toBe('Acme user endpoint answered 429: Too many requests (retry after 30 s)');
  });

  it('retry-after as an HTTP date gives the seconds until then', async () => {
    const date = new Date(Date.now() + 120_000).toUTCString();
    server.reply(429, { message: 'Slow down' }, { 'content-type': 'application/json', 'retry-after': date });
    const error = await failure();
    expect(error.reason).toBe('rate_limited');
    expect(error.retryAfter).toBeGreaterThanOrEqual(100);
    expect(error.retryAfter).toBeLessThanOrEqual(120);
  });

  it('a 429 without retry-after has no retryAfter', async () => {
    server.reply(429, { message: 'Slow down' });
    const error = await failure();
    expect(error.reason).toBe('rate_limited');
    expect(error.retryAfter).toBeUndefined();
  });
});

describe('send and classify: transport failures', () => {
  it('a refused connection fails with reason network, status 502', async () => {
    await server.stop();
    const error = await failure();
    expect(error.reason).toBe('network');
    expect(error.status).toBe(502);
    expect(error.message).toBe('Acme user endpoint could not be reached (ECONNREFUSED)');
  });

  it('a body over maxBodyBytes fails with reason body_too_large', async () => {
    server.reply(200, { blob: 'x'.repeat(2000) });
    const error = await failure();
    expect(error.reason).toBe('body_too_large');
    expect(error.providerStatus).toBe(200);
  });
});

describe('send and classify: the error class follows the endpoint', () => {
  it('a token endpoint request fails with a ProviderTokenError, any other with a ProviderApiError', async () => {
    server.reply(400, { error: 'invalid_grant' });
    const error = await rejectionOf(
      client.requestJson({
        label: 'token endpoint',
        method: 'POST',
        url: server.url('/token'),
        headers: {},
        body: 'a=1',
        endpoint: 'token',
      }),
    );
    expect(error).toBeInstanceOf(ProviderTokenError);
    expect((error as ProviderTokenError).provider).toBe('Acme');
    server.reply(400, { error: 'invalid_grant' });
    const apiError = await rejectionOf(call());
    expect(apiError).toBeInstanceOf(ProviderApiError);
    expect(apiError).not.toBeInstanceOf(ProviderTokenError);
  });
});

describe('send and classify: secrets never reach a message', () => {
  it('redacts the client secret and the request secrets a provider echoes', async () => {
    const accessToken = 'access-token-echoed-123';
    server.reply(400, { error_description: `bad secret ${CLIENT_SECRET} for token ${accessToken}` });
    const error = await failure({ secrets: [accessToken] });
    expect(error.message).toBe('Acme user endpoint answered 400: bad secret [redacted] for token [redacted]');
    for (const view of [error.message, error.toString(), String(error), JSON.stringify(error), error.stack ?? '']) {
      expect(view).not.toContain(CLIENT_SECRET);
      expect(view).not.toContain(accessToken);
    }
  });
});

describe('send and classify: keep-alive and destroy()', () => {
  it('two sequential requests use one TCP connection', async () => {
    server.reply(200, { ok: true });
    await call();
    await call();
    expect(server.requests).toHaveLength(2);
    expect(server.connections).toBe(1);
  });

  it('destroy() closes the idle keep-alive connection', async () => {
    server.reply(200, { ok: true });
    await call();
    expect(server.openSockets()).toBe(1);
    await server.allClosed();
    expect(server.openSockets()).toBe(0);
  });
});

describe('send and classify: a plain-text error body is read in linear time (textErrorBodies, issue 23 item 2)', () => {
  it('reads a 96 KB text/plain 403 of `<` (6.6 s of blocked event loop before) blocking it less than 50 ms', async () => {
    makeClient({ textErrorBodies: true, maxBodyBytes: 1024 * 1024 });
    server.reply(403, `Denied ${'<'.repeat(96 * 1024)}`, { 'content-type': 'text/plain' });
    let error: ProviderApiError | undefined;
    const measure = await steadyBlockedMs(async () => {
      error = await failure();
    }, 50);
    expect(measure.steadyMs).toBeLessThan(50);
    expect(error?.message).toMatch(/^Acme user endpoint answered 403: Denied <{200}/);
    expect(error?.status).toBe(403);
  });
});
