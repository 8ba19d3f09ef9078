import { useNock, type CapturedRequest } from '@internal/test-support';
import { TokenError } from 'passport-oauth2';
import { ProviderTokenError, Strategy } from 'passport-gofundo';
import { CLIENT_SECRET, formFields, keepProfile, mockToken, options } from './support';

useNock();

let strategy: Strategy;
beforeEach(() => {
  strategy = new Strategy(options, keepProfile);
});
afterEach(() => strategy.close());

const NEW_TOKENS = { token_type: 'Bearer', expires_in: 3600, access_token: 'access-2', refresh_token: 'refresh-2' };

describe('refresh(): grant_type=refresh_token (docs: "Refreshing tokens")', () => {
  it('POSTs a form with grant_type, refresh_token and the credentials, with Accept: application/json', async () => {
    const received: CapturedRequest[] = [];
    mockToken(200, NEW_TOKENS, received);
    await strategy.refresh('refresh-1');
    expect(received[0].headers.accept).toBe('application/json');
    expect(received[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(formFields(received[0].body)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'refresh-1',
      client_id: 'gofundo-client-1',
      client_secret: CLIENT_SECRET,
    });
  });

  it('resolves with the new tokens and expires_in', async () => {
    mockToken(200, NEW_TOKENS);
    await expect(strategy.refresh('refresh-1')).resolves.toEqual({
      accessToken: 'access-2',
      refreshToken: 'refresh-2',
      expiresIn: 3600,
      params: NEW_TOKENS,
    });
  });

  it('rejects a refusal with a ProviderTokenError carrying error_description', async () => {
    mockToken(401, {
      error: 'invalid_request',
      error_description: 'The refresh token is invalid.',
      message: 'The refresh token is invalid.',
    });
    const failure = strategy.refresh('refresh-1');
    await expect(failure).rejects.toBeInstanceOf(ProviderTokenError);
    await expect(failure).rejects.toBeInstanceOf(TokenError);
    await expect(failure).rejects.toMatchObject({
      message: 'Gofundo token endpoint answered 401: The refresh token is invalid.',
      status: 401,
    });
  });
});
