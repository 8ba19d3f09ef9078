import { ProviderTokenError, TokenError, type TokenEndpoint } from 'passport-provider-kit';
import * as request from '../src/oauth/provider-client';
import type { ProviderClient } from '../src/oauth/provider-client';
import type { ClientCredentials } from '../src/oauth/token-request';
import { useRealHttpRequest } from '@internal/test-support';
import { rejectionOf, TestServer } from './support/local';

/** requestToken against a real server on 127.0.0.1: the exact request, and the checks of the answer. */

const CREDENTIALS = { clientID: 'kit-client', clientSecret: 'kit-client-secret-77ab' };
const CODE = 'auth-code-4d2e';

let server: TestServer;
let client: Omit<ProviderClient, 'token' | 'credentials'>;

useRealHttpRequest();

beforeEach(async () => {
  server = await TestServer.start();
  client = {
    provider: 'Acme',
    errorFields: ['error_description', 'error'],
    timeoutMs: 1000,
    maxBodyBytes: 4096,
    secrets: [CREDENTIALS.clientSecret],
    bearerHeaders: () => ({}),
  };
});

afterEach(async () => {
  await server.stop();
});

/** Builds, sends and classifies one grant: a strategy's request path (`requestToken`). */
function requestToken(
  settings: typeof client,
  to: TokenEndpoint,
  credentials: ClientCredentials,
  grant: Record<string, string | undefined>,
) {
  return request.requestToken({ ...settings, token: to, credentials }, grant);
}

function endpoint(overrides: Partial<TokenEndpoint> = {}): TokenEndpoint {
  return { url: server.url('/token'), bodyEncoding: 'form', clientAuth: 'body', ...overrides };
}

function exchange(overrides: Partial<TokenEndpoint> = {}, credentials = CREDENTIALS) {
  return requestToken(client, endpoint(overrides), credentials, {
    grant_type: 'authorization_code',
    code: CODE,
    redirect_uri: undefined,
  });
}

async function tokenFailure(promise: Promise<unknown>): Promise<ProviderTokenError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(ProviderTokenError);
  expect(error).toBeInstanceOf(TokenError);
  return error as ProviderTokenError;
}

describe('requestToken: body encoding', () => {
  it('form: an x-www-form-urlencoded body with the grant and the credentials; undefined fields left out', async () => {
    server.reply(200, { access_token: 'at' });
    await exchange();
    const [seen] = server.requests;
    expect(seen.method).toBe('POST');
    expect(seen.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(seen.body))).toEqual({
      grant_type: 'authorization_code',
      code: CODE,
      client_id: CREDENTIALS.clientID,
      client_secret: CREDENTIALS.clientSecret,
    });
  });

  it('json: a JSON body with the same fields', async () => {
    server.reply(200, { access_token: 'at' });
    await exchange({ bodyEncoding: 'json' });
    const [seen] = server.requests;
    expect(seen.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen.body)).toEqual({
      grant_type: 'authorization_code',
      code: CODE,
      client_id: CREDENTIALS.clientID,
      client_secret: CREDENTIALS.clientSecret,
    });
  });
});

describe('requestToken: client authentication', () => {
  it('body: the credentials travel in the body and there is no Authorization header', async () => {
    server.reply(200, { access_token: 'at' });
    await exchange();
    expect(server.requests[0].headers.authorization).toBeUndefined();
  });

  it('basic: HTTP Basic with id and secret form-encoded before Base64 (RFC 6749 §2.3.1), none in the body', async () => {
    server.reply(200, { access_token: 'at' });
    const credentials = { clientID: 'app:1 é', clientSecret: 's3cr%t+/=:ü' };
    await exchange({ clientAuth: 'basic' }, credentials);
    const [seen] = server.requests;
    const header = String(seen.headers.authorization);
    expect(header).toMatch(/^Basic [A-Za-z0-9+/]+=*$/);
    const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
    const [user, pass, ...rest] = decoded.split(':');
    expect(rest).toEqual([]); // the colons inside id and secret are encoded
    const formDecode = (value: string) => new URLSearchParams(`v=${value}`).get('v');
    expect(formDecode(user)).toBe(credentials.clientID);
    expect(formDecode(pass)).toBe(credentials.clientSecret);
    expect(pass).not.toContain('+'); // a literal + would read back as a space
    const fields = Object.fromEntries(new URLSearchParams(seen.body));
    expect(fields).not.toHaveProperty('client_id');
    expect(fields).not.toHaveProperty('client_secret');
  });
});

describe('requestToken: headers', () => {
  it('asks for JSON with Accept: application/json by default', async () => {
    server.reply(200, { access_token: 'at' });
    await exchange();
    expect(server.requests[0].headers.accept).toBe('application/json');
  });

  it("sends the endpoint's own headers, which may replace Accept", async () => {
    server.reply(200, { access_token: 'at' });
    await exchange({ headers: { Accept: 'application/vnd.acme+json', 'X-Api-Version': '2' } });
    expect(server.requests[0].headers.accept).toBe('application/vnd.acme+json');
    expect(server.requests[0].headers['x-api-version']).toBe('2');
  });
});

describe('requestToken: checks of a 2xx answer', () => {
  it('resolves with the whole answer', async () => {
    const answer = {
      access_token: 'at',
      token_type: 'Bearer',
      refresh_token: 'rt',
      expires_in: 3600,
      scope: 'a b',
      extra: true,
    };
    server.reply(200, answer);
    await expect(exchange()).resolves.toEqual(answer);
  });

  it('makes expires_in given as a numeric string a number', async () => {
    server.reply(200, { access_token: 'at', expires_in: '3600' });
    await expect(exchange()).resolves.toMatchObject({ expires_in: 3600 });
  });

  it('drops a null refresh_token', async () => {
    server.reply(200, { access_token: 'at', refresh_token: null });
    expect(await exchange()).not.toHaveProperty('refresh_token');
  });

  it.each([
    ['no access_token', { token_type: 'Bearer' }, 'answered 200 without an access_token'],
    ['an empty access_token', { access_token: '' }, 'answered 200 without an access_token'],
    ['a numeric access_token', { access_token: 12345 }, 'answered 200 without an access_token'],
    [
      'a refresh_token that is not a string',
      { access_token: 'at', refresh_token: 42 },
      'answered 200 with a refresh_token that is not a string',
    ],
    [
      'a negative expires_in',
      { access_token: 'at', expires_in: -5 },
      'answered 200 with an expires_in that is not a number of seconds',
    ],
    [
      'a garbage expires_in',
      { access_token: 'at', expires_in: 'soon' },
      'answered 200 with an expires_in that is not a number of seconds',
    ],
    [
      'an expires_in object',
      { access_token: 'at', expires_in: { s: 1 } },
      'answered 200 with an expires_in that is not a number of seconds',
    ],
  ])('a 200 with %s is a ProviderTokenError (unexpected_shape)', async (_what, answer, words) => {
    server.reply(200, answer);
    const error = await tokenFailure(exchange());
    expect(error.message).toBe(`Acme token endpoint ${words}`);
    expect(error.reason).toBe('unexpected_shape');
    expect(error.providerStatus).toBe(200);
    expect(error.status).toBe(502);
  });

  it("a 200 carrying an error instead of a token adds the provider's text, found like an error answer's", async () => {
    server.reply(200, { error: 'invalid_grant', error_description: 'The code has expired' });
    const error = await tokenFailure(exchange());
    expect(error.message).toBe('Acme token endpoint answered 200 without an access_token: The code has expired');
    expect(error).toMatchObject({
      reason: 'provider_error',
      providerCode: 'invalid_grant',
      code: 'invalid_grant',
      providerStatus: 200,
      status: 502,
    });
  });

  it('keeps the code and the client secret out of the text of a 200 without a token', async () => {
    server.reply(200, { error_description: `code ${CODE} refused for ${CREDENTIALS.clientSecret}` });
    const error = await tokenFailure(exchange());
    expect(error.message).toBe(
      'Acme token endpoint answered 200 without an access_token: code [redacted] refused for [redacted]',
    );
  });

  it('adds no provider text when the token is there and another field is wrong', async () => {
    server.reply(200, { access_token: 'at', expires_in: 'soon', error_description: 'All fine' });
    const error = await tokenFailure(exchange());
    expect(error.message).toBe('Acme token endpoint answered 200 with an expires_in that is not a number of seconds');
  });
});

describe('requestToken: ProviderTokenError fields', () => {
  it('a 4xx keeps its status, the provider code and text', async () => {
    server.reply(400, { error: 'invalid_grant', error_description: 'The authorization code has expired.' });
    const error = await tokenFailure(exchange());
    expect(error).toMatchObject({
      name: 'ProviderTokenError',
      provider: 'Acme',
      status: 400,
      providerStatus: 400,
      providerCode: 'invalid_grant',
      code: 'invalid_grant',
      reason: 'provider_error',
      message: 'Acme token endpoint answered 400: The authorization code has expired.',
    });
  });

  it('a 5xx becomes status 502, with code = reason when the provider sent none', async () => {
    server.reply(503, { error_description: 'Maintenance' });
    const error = await tokenFailure(exchange());
    expect(error).toMatchObject({ status: 502, providerStatus: 503, reason: 'provider_error', code: 'provider_error' });
    expect(error.providerCode).toBeUndefined();
  });

  it('a timeout becomes status 504 with reason timeout', async () => {
    client = { ...client, errorFields: [], timeoutMs: 100, secrets: [] };
    server.handle(() => undefined);
    const error = await tokenFailure(exchange());
    expect(error).toMatchObject({ status: 504, reason: 'timeout', code: 'timeout' });
    expect(error.providerStatus).toBeUndefined();
  });

  it('a 429 keeps retryAfter', async () => {
    server.reply(429, { error: 'slow_down' }, { 'content-type': 'application/json', 'retry-after': '7' });
    const error = await tokenFailure(exchange());
    expect(error).toMatchObject({ status: 429, reason: 'rate_limited', retryAfter: 7, providerCode: 'slow_down' });
  });
});

describe('requestToken: secrets of the request never reach a message', () => {
  it('redacts the client secret, the code, a refresh token, a password and a PKCE verifier echoed by the provider', async () => {
    const grant = {
      grant_type: 'password',
      code: CODE,
      refresh_token: 'refresh-token-8c1a',
      password: 'user-password-55',
      code_verifier: 'pkce-verifier-0e9d',
    };
    const echoed = Object.values(grant).slice(1).concat(CREDENTIALS.clientSecret).join(' | ');
    server.reply(400, { error_description: `you sent ${echoed}` });
    const error = await tokenFailure(requestToken(client, endpoint(), CREDENTIALS, grant));
    expect(error.message).toBe(`Acme token endpoint answered 400: you sent ${Array(5).fill('[redacted]').join(' | ')}`);
    for (const secret of [...Object.values(grant).slice(1), CREDENTIALS.clientSecret]) {
      expect(error.toString()).not.toContain(secret);
      expect(JSON.stringify(error)).not.toContain(secret);
    }
  });
});
