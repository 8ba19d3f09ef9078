import nock from 'nock';
import { captureReply, useNock, type CapturedRequest } from '@internal/test-support';
import { ProviderApiError, ProviderTokenError } from 'passport-provider-kit';
import { ORIGIN, TOKEN_PATH, TestStrategy } from './support/test-strategy';

/** `strategy._oauth2`: node-oauth's interface, talking like the provider. */
useNock();

const SECRET = 'client-secret-value';
const make = (options: Record<string, unknown> = {}) =>
  new TestStrategy({ clientID: 'client-id', clientSecret: SECRET, ...options }, () => undefined);
type Callback = (err: unknown, ...values: never[]) => void;
type Client = {
  getOAuthAccessToken(code: string, params: object | Callback, cb?: Callback): void;
  get(url: string, token: string, cb: Callback): void;
};
const clientOf = (strategy: TestStrategy) => (strategy as unknown as { _oauth2: Client })._oauth2;

function exchange(client: Client, code: string, params?: object) {
  return new Promise<{ err: unknown; accessToken?: string; refreshToken?: string; params?: object }>((resolve) => {
    const cb = (err: unknown, accessToken?: string, refreshToken?: string, answer?: object) =>
      resolve({ err, accessToken, refreshToken, params: answer });
    if (params) client.getOAuthAccessToken(code, params, cb);
    else client.getOAuthAccessToken(code, cb);
  });
}

describe('getOAuthAccessToken honours params.grant_type as node-oauth does', () => {
  it('grant_type=refresh_token sends the value as refresh_token, not as code', async () => {
    const seen: CapturedRequest[] = [];
    nock(ORIGIN)
      .post(TOKEN_PATH)
      .reply(captureReply(seen, 200, { access_token: 'at-2', refresh_token: 'rt-2' }));
    const outcome = await exchange(clientOf(make()), 'rt-1', { grant_type: 'refresh_token' });
    expect(outcome).toMatchObject({ err: null, accessToken: 'at-2', refreshToken: 'rt-2' });
    const body = new URLSearchParams(seen[0].body);
    expect(body.get('refresh_token')).toBe('rt-1');
    expect(body.has('code')).toBe(false);
    expect(body.get('grant_type')).toBe('refresh_token');
  });

  it('any other grant sends it as code; the two-argument form works', async () => {
    const seen: CapturedRequest[] = [];
    nock(ORIGIN)
      .post(TOKEN_PATH)
      .reply(captureReply(seen, 200, { access_token: 'at' }));
    expect((await exchange(clientOf(make()), 'the-code')).accessToken).toBe('at');
    expect(new URLSearchParams(seen[0].body).get('code')).toBe('the-code');
  });

  it("a refusal is a ProviderTokenError with the provider's text and status, and no secret", async () => {
    nock(ORIGIN)
      .post(TOKEN_PATH)
      .reply(400, { error: 'invalid_grant', error_description: `bad refresh token rt-1 for ${SECRET}` });
    const { err } = await exchange(clientOf(make()), 'rt-1', { grant_type: 'refresh_token' });
    expect(err).toBeInstanceOf(ProviderTokenError);
    expect(err).toMatchObject({ providerStatus: 400, code: 'invalid_grant' });
    expect((err as Error).message).toContain('bad refresh token');
    expect((err as Error).message).not.toContain(SECRET);
    expect((err as Error).message).not.toContain('rt-1');
  });

  it('an empty refresh token is refused before any request', async () => {
    const { err } = await exchange(clientOf(make()), '', { grant_type: 'refresh_token' });
    expect(err).toBeInstanceOf(TypeError);
  });
});

describe('customHeaders (as passport-oauth2)', () => {
  it('go on the token request and on _oauth2.get', async () => {
    const seen: CapturedRequest[] = [];
    nock(ORIGIN)
      .post(TOKEN_PATH)
      .reply(captureReply(seen, 200, { access_token: 'at' }));
    nock(ORIGIN)
      .get('/api/thing')
      .reply(captureReply(seen, 200, { ok: true }));
    const client = clientOf(make({ customHeaders: { 'User-Agent': 'my-app/1.0' } }));
    await exchange(client, 'code');
    const got = await new Promise<{ err: unknown; body?: string }>((resolve) =>
      client.get(`${ORIGIN}/api/thing`, 'at', (err: unknown, body?: string) => resolve({ err, body })),
    );
    expect(got).toEqual({ err: null, body: '{"ok":true}' });
    expect(seen.map((request) => request.headers['user-agent'])).toEqual(['my-app/1.0', 'my-app/1.0']);
    expect(seen[1].headers.authorization).toBe('Bearer at');
    expect(seen[1].headers['x-api-version']).toBe('3');
    expect(seen[1].path).toBe('/api/thing');
  });

  it('an error answer to _oauth2.get is a ProviderApiError without the token', async () => {
    nock(ORIGIN).get('/api/thing').reply(401, { error: 'invalid_token', error_description: 'token at-secret expired' });
    const err = await new Promise<unknown>((resolve) =>
      clientOf(make()).get(`${ORIGIN}/api/thing`, 'at-secret', (e: unknown) => resolve(e)),
    );
    expect(err).toBeInstanceOf(ProviderApiError);
    expect((err as Error).message).not.toContain('at-secret');
  });
});
