import { useNock, type CapturedRequest } from '@internal/test-support';
import { TokenError } from 'passport-oauth2';
import { ProviderTokenError, Strategy } from 'passport-petjeaf';
import { CLIENT_SECRET, fixture, formFields, keepProfile, mockTokenEndpoint, options } from './support';

useNock();

let strategy: Strategy;
beforeEach(() => {
  strategy = new Strategy(options, keepProfile);
});
afterEach(() => strategy.close());

describe('refresh(): grant_type=refresh_token on the token endpoint; refresh tokens rotate', () => {
  it('POSTs a form with grant_type=refresh_token, the refresh token and the credentials', async () => {
    const received: CapturedRequest[] = [];
    mockTokenEndpoint(
      200,
      { ...fixture('tokens-200'), access_token: 'new-access', refresh_token: 'rotated-refresh' },
      received,
    );
    await strategy.refresh('old-refresh-token');
    expect(received).toHaveLength(1);
    expect(received[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(formFields(received[0].body)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'old-refresh-token',
      client_id: 'petjeaf-client-1',
      client_secret: CLIENT_SECRET,
    });
  });

  it('resolves with the new access token, the rotated refresh token and expires_in', async () => {
    mockTokenEndpoint(200, { ...fixture('tokens-200'), access_token: 'new-access', refresh_token: 'rotated-refresh' });
    const tokens = await strategy.refresh('old-refresh-token');
    expect(tokens).toEqual({
      accessToken: 'new-access',
      refreshToken: 'rotated-refresh',
      expiresIn: 3599,
      params: {
        access_token: 'new-access',
        token_type: 'Bearer',
        expires_in: 3599,
        refresh_token: 'rotated-refresh',
        scope: 'memberships.read',
      },
    });
  });

  it('rejects with the detail of a refused refresh, without the refresh token in the message', async () => {
    mockTokenEndpoint(400, {
      status: 400,
      title: 'Bad Request',
      detail: 'Invalid grant: refresh token old-refresh-token is revoked',
    });
    const failure = strategy.refresh('old-refresh-token');
    await expect(failure).rejects.toBeInstanceOf(ProviderTokenError);
    await expect(failure).rejects.toBeInstanceOf(TokenError);
    await expect(failure).rejects.toMatchObject({
      message: 'Petje.af token endpoint answered 400: Invalid grant: refresh token [redacted] is revoked',
      status: 400,
    });
  });

  it('refuses an empty refresh token with a TypeError, before any request', async () => {
    await expect(strategy.refresh('')).rejects.toThrow(new TypeError('Petje.af refresh() requires a refresh token'));
  });
});
