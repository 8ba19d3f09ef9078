import nock from 'nock';
import { captureReply, completeLogin, createLoginApp, useNock, type CapturedRequest } from '@internal/test-support';
import { Strategy, TOKEN_URL, USER_PROFILE_URL } from 'passport-altdentifier';
import { HOST, keepProfile, makeStrategy, memberObject, options, tokenAnswer } from './support';

useNock();

/** Mocks the token endpoint (recording into `seen`) and the user endpoint, then logs in with `code`. */
async function loginRecordingTokenRequest(strategy: Strategy, code = 'code-1'): Promise<CapturedRequest> {
  const seen: CapturedRequest[] = [];
  nock(HOST)
    .post('/oauth2/token')
    .reply(captureReply(seen, 200, tokenAnswer));
  nock(HOST).get('/api/v2/user/@me').reply(200, memberObject);
  const outcome = await completeLogin(createLoginApp(strategy), code);
  expect(outcome.status).toBe(200);
  expect(seen).toHaveLength(1);
  return seen[0];
}

describe('token request (docs: OAuth2 API, "Exchange Token")', () => {
  it('POSTs a form to https://altdentifier.com/oauth2/token with the credentials in the body by default', async () => {
    const sent = await loginRecordingTokenRequest(makeStrategy());
    expect(TOKEN_URL).toBe('https://altdentifier.com/oauth2/token');
    expect(sent.path).toBe('/oauth2/token');
    expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(sent.body))).toEqual({
      grant_type: 'authorization_code',
      code: 'code-1',
      redirect_uri: options.callbackURL,
      client_id: options.clientID,
      client_secret: options.clientSecret,
    });
    expect(sent.headers.authorization).toBeUndefined();
  });

  it("with clientAuth: 'basic' sends Authorization: Basic and no client_secret in the body", async () => {
    const sent = await loginRecordingTokenRequest(makeStrategy({ clientAuth: 'basic' }));
    const expected = Buffer.from(`${options.clientID}:${options.clientSecret}`).toString('base64');
    expect(sent.headers.authorization).toBe(`Basic ${expected}`);
    const body = Object.fromEntries(new URLSearchParams(sent.body));
    expect(body).not.toHaveProperty('client_secret');
    expect(sent.body).not.toContain(options.clientSecret);
    expect(body).toMatchObject({ grant_type: 'authorization_code', code: 'code-1' });
  });

  it("clientAuth: 'body' is the same as the default", async () => {
    const sent = await loginRecordingTokenRequest(makeStrategy({ clientAuth: 'body' }));
    expect(new URLSearchParams(sent.body).get('client_secret')).toBe(options.clientSecret);
  });

  it('refuses any other clientAuth with a TypeError', () => {
    expect(() => new Strategy({ ...options, clientAuth: 'header' as 'basic' }, keepProfile)).toThrow(TypeError);
    expect(() => new Strategy({ ...options, clientAuth: 'header' as 'basic' }, keepProfile)).toThrow(/clientAuth/);
  });

  it('honours a tokenURL override', async () => {
    const seen: CapturedRequest[] = [];
    nock('https://sandbox.example')
      .post('/token')
      .reply(captureReply(seen, 200, tokenAnswer));
    nock('https://sandbox.example').get('/me').reply(200, memberObject);
    // The user endpoint must move with it (hosts.test.ts): the token must not go to altdentifier.com.
    const outcome = await completeLogin(
      createLoginApp(
        makeStrategy({ tokenURL: 'https://sandbox.example/token', userProfileURL: 'https://sandbox.example/me' }),
      ),
    );
    expect(outcome.status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(USER_PROFILE_URL).toBe('https://altdentifier.com/api/v2/user/@me');
  });
});
