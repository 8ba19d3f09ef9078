import { completeLogin, createLoginApp, useNock, type CapturedRequest } from '@internal/test-support';
import { Strategy } from 'passport-gofundo';
import {
  CLIENT_SECRET,
  formFields,
  keepParamsAndProfile,
  keepProfile,
  mockToken,
  mockUser,
  options,
  TOKEN_ANSWER,
  TOKEN_PATH,
  USER,
} from './support';

useNock();

describe('token request (docs: https://developer.gofundo.nl/gofundo, "Getting access tokens")', () => {
  async function exchange(): Promise<CapturedRequest> {
    const received: CapturedRequest[] = [];
    const token = mockToken(200, TOKEN_ANSWER, received);
    const user = mockUser(200, USER);
    const outcome = await completeLogin(createLoginApp(new Strategy(options, keepProfile)), 'code-from-gofundo');
    expect(outcome.status).toBe(200);
    expect(token.isDone() && user.isDone()).toBe(true);
    return received[0];
  }

  it('POSTs to https://gofundo.nl/oauth/token', async () => {
    expect((await exchange()).path).toBe(TOKEN_PATH);
  });

  it('sends Accept: application/json ("All requests should contain the Accept header")', async () => {
    expect((await exchange()).headers.accept).toBe('application/json');
  });

  it('sends a form body with grant_type=authorization_code, code, redirect_uri and the credentials', async () => {
    const request = await exchange();
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(formFields(request.body)).toEqual({
      grant_type: 'authorization_code',
      code: 'code-from-gofundo',
      redirect_uri: 'http://localhost/callback',
      client_id: 'gofundo-client-1',
      client_secret: CLIENT_SECRET,
    });
  });

  it('does not send the credentials as HTTP Basic', async () => {
    expect((await exchange()).headers.authorization).toBeUndefined();
  });
});

describe('expires_in is passed through (the documented lifetimes look reversed, so none is hard-coded)', () => {
  let strategy: Strategy;
  beforeEach(() => {
    strategy = new Strategy(options, keepProfile);
  });
  afterEach(() => strategy.close());

  it.each([3600, 1209600, 31536000])('gives verify expires_in %i as Gofundo sent it', async (seconds) => {
    mockToken(200, { ...TOKEN_ANSWER, expires_in: seconds });
    mockUser(200, USER);
    const outcome = await completeLogin(createLoginApp(new Strategy(options, keepParamsAndProfile)));
    expect((outcome.body.user as { params: { expires_in: number } }).params.expires_in).toBe(seconds);
  });

  it('leaves expiresIn undefined when Gofundo sends no expires_in', async () => {
    mockToken(200, { access_token: 'access-2' });
    const tokens = await strategy.refresh('refresh-1');
    expect(tokens.expiresIn).toBeUndefined();
  });
});
