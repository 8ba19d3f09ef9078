import nock from 'nock';
import { useNock } from '@internal/test-support';
import {
  ProviderApiError,
  ProviderStrategy,
  ProviderTokenError,
  type ProviderDefinition,
  type ProviderProfile,
  type ProviderStrategyOptions,
  type TokenResponseError,
} from 'passport-provider-kit';
import { textOfErrorPage } from '../src/errors/error-body';

/**
 * The hooks for three quirks of real providers (issue 18): a JSON array from an API, a 2xx token
 * response that carries an error, and the provider's text in a plain-text or HTML error body.
 */

const ORIGIN = 'https://quirky.example';
const SECRET = 'quirky-client-secret-9f3a';

interface QuirkyOptions extends ProviderStrategyOptions {
  textErrorBodies?: boolean;
  errorInResponse?: (body: Record<string, unknown>) => TokenResponseError | undefined;
}

class QuirkyStrategy extends ProviderStrategy<ProviderProfile<'quirky'>, QuirkyOptions> {
  static describe(options: QuirkyOptions): ProviderDefinition {
    return {
      name: 'quirky',
      displayName: 'Quirky',
      authorizationURL: `${ORIGIN}/authorize`,
      token: {
        url: `${ORIGIN}/token`,
        bodyEncoding: 'form',
        clientAuth: 'body',
        errorInResponse: options.errorInResponse,
      },
      scopeSeparator: ' ',
      apiBaseURL: `${ORIGIN}/api`,
      errorFields: ['error_description', 'message'],
      textErrorBodies: options.textErrorBodies,
    };
  }

  protected override loadProfile(): Promise<ProviderProfile<'quirky'>> {
    return Promise.reject(new Error('not used here'));
  }

  /** The code exchange, as a promise. */
  exchange(code: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this._oauth2.getOAuthAccessToken(code, { grant_type: 'authorization_code' }, (err, accessToken) =>
        err ? reject(err) : resolve(accessToken),
      );
    });
  }
}

const OPTIONS = { clientID: 'quirky-client', clientSecret: SECRET, callbackURL: 'http://localhost/cb' };
const strategies: QuirkyStrategy[] = [];
function strategy(options: Partial<QuirkyOptions> = {}): QuirkyStrategy {
  const made = new QuirkyStrategy({ ...OPTIONS, ...options }, () => undefined);
  strategies.push(made);
  return made;
}

useNock();
afterEach(() => strategies.splice(0).forEach((made) => made.close()));

async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: Error) => error,
  );
}

describe('apiGet json: a JSON array or any JSON value, through the strategy connection, typed', () => {
  it("json: 'array' resolves with the array, with the strategy's headers and token", async () => {
    nock(ORIGIN)
      .get('/api/emails')
      .matchHeader('authorization', 'Bearer at-1')
      .reply(200, [{ email: 'a@example.com' }]);
    const { json, status } = await strategy().apiGet('at-1', '/emails', { json: 'array' });
    const emails: unknown[] = json; // typed as an array
    expect(emails).toEqual([{ email: 'a@example.com' }]);
    expect(status).toBe(200);
  });

  it("json: 'array' refuses an object, and the default refuses an array, as unexpected_shape", async () => {
    nock(ORIGIN).get('/api/emails').reply(200, { email: 'a@example.com' });
    const notArray = await rejection(strategy().apiGet('at-1', '/emails', { json: 'array' }));
    expect(notArray).toBeInstanceOf(ProviderApiError);
    expect(notArray).toMatchObject({
      message: 'Quirky API GET /api/emails answered 200 with JSON that is not an array',
      reason: 'unexpected_shape',
    });
    nock(ORIGIN).get('/api/emails').reply(200, []);
    const notObject = await rejection(strategy().apiGet('at-1', '/emails'));
    expect(notObject.message).toBe('Quirky API GET /api/emails answered 200 with JSON that is not an object');
  });

  it("json: 'any' accepts a bare string or number", async () => {
    nock(ORIGIN).get('/api/count').reply(200, '42', { 'content-type': 'application/json' });
    expect((await strategy().apiGet('at-1', '/count', { json: 'any' })).json).toBe(42);
  });

  it("an error status is the same ProviderApiError as for objects (the provider's text, the status)", async () => {
    nock(ORIGIN).get('/api/emails').reply(404, { message: 'Not Found' });
    const error = await rejection(strategy().apiGet('at-1', '/emails', { json: 'array' }));
    expect(error).toMatchObject({ message: 'Quirky API GET /api/emails answered 404: Not Found', status: 404 });
  });
});

describe('a 2xx token response that carries an error keeps the provider code and text', () => {
  it('by default, an RFC 6749 error code without access_token is the provider error, its code kept', async () => {
    nock(ORIGIN).post('/token').reply(200, {
      error: 'bad_verification_code',
      error_description: 'The code passed is incorrect or expired.',
    });
    const error = await rejection(strategy().exchange('code-1'));
    expect(error).toBeInstanceOf(ProviderTokenError);
    expect(error).toMatchObject({
      message: 'Quirky token endpoint answered 200 without an access_token: The code passed is incorrect or expired.',
      reason: 'provider_error',
      providerCode: 'bad_verification_code',
      code: 'bad_verification_code',
      providerStatus: 200,
    });
  });

  it("a provider's errorInResponse hook classifies its own shape, with its text", async () => {
    const errorInResponse = (body: Record<string, unknown>) =>
      body.status === 'failed' ? { code: 'denied', description: `${String(body.reason)} (${SECRET})` } : undefined;
    nock(ORIGIN).post('/token').reply(200, { status: 'failed', reason: 'Client suspended' });
    const error = await rejection(strategy({ errorInResponse }).exchange('code-1'));
    expect(error).toMatchObject({
      message: 'Quirky token endpoint answered 200 without an access_token: Client suspended ([redacted])',
      reason: 'provider_error',
      providerCode: 'denied',
    });
  });

  it('a token response with an access_token is a token, whatever else it carries', async () => {
    nock(ORIGIN).post('/token').reply(200, { access_token: 'at-2', error: 'ignored' });
    await expect(strategy().exchange('code-1')).resolves.toBe('at-2');
  });

  it('without an error code, a response without a token stays unexpected_shape', async () => {
    nock(ORIGIN).post('/token').reply(200, { token_type: 'bearer' });
    expect(await rejection(strategy().exchange('code-1'))).toMatchObject({ reason: 'unexpected_shape' });
  });
});

describe("textErrorBodies: the provider's text from a plain-text or HTML error body, cleaned, capped, redacted", () => {
  const FORBIDDEN =
    'Request forbidden by administrative rules.\nPlease make sure your request has a User-Agent header.\n';

  it('a plain-text 403 gives its text, flattened', async () => {
    nock(ORIGIN).get('/api/me').reply(403, FORBIDDEN, { 'content-type': 'text/plain' });
    const error = await rejection(strategy({ textErrorBodies: true }).apiGet('at-1', '/me'));
    expect(error).toMatchObject({
      message:
        'Quirky API GET /api/me answered 403: Request forbidden by administrative rules. Please make sure your request has a User-Agent header.',
      status: 403,
      reason: 'provider_error',
    });
  });

  it('an HTML error page gives its text without tags, scripts or styles, with entities decoded', async () => {
    const page = `<html><head><title>503</title><style>p{color:red}</style><script>alert(1)</script></head>
      <body><h1>Down for maintenance</h1><p>Back at 10:00 &amp; sorry</p></body></html>`;
    nock(ORIGIN).get('/api/me').reply(503, page, { 'content-type': 'text/html' });
    const error = await rejection(strategy({ textErrorBodies: true }).apiGet('at-1', '/me'));
    expect(error.message).toBe('Quirky API GET /api/me answered 503: 503 Down for maintenance Back at 10:00 & sorry');
  });

  it('redacts the secrets and the token, and caps the text at 300 characters', async () => {
    nock(ORIGIN)
      .get('/api/me')
      .reply(401, `token at-secret-1 and ${SECRET} ${'x'.repeat(1000)}`, { 'content-type': 'text/plain' });
    const error = await rejection(strategy({ textErrorBodies: true }).apiGet('at-secret-1', '/me'));
    expect(error.message).not.toContain('at-secret-1');
    expect(error.message).not.toContain(SECRET);
    expect(error.message).toMatch(/^Quirky API GET \/api\/me answered 401: token \[redacted\] and \[redacted\] x+…$/);
    expect(error.message.length).toBeLessThan(400);
  });

  it('is off by default: the HTML error page is only named', async () => {
    nock(ORIGIN).get('/api/me').reply(500, '<p>Whoops</p>', { 'content-type': 'text/html' });
    const error = await rejection(strategy().apiGet('at-1', '/me'));
    expect(error.message).toBe('Quirky API GET /api/me answered 500 with an HTML page instead of a JSON error');
  });

  it('textOfErrorPage leaves nothing for a page of markup only', () => {
    expect(textOfErrorPage('<div><br/></div>')).toBeUndefined();
  });
});
