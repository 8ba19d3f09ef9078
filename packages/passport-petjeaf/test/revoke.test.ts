import nock from 'nock';
import { captureReply, useNock, type CapturedRequest } from '@internal/test-support';
import { InternalOAuthError } from 'passport-oauth2';
import { ProviderApiError, Strategy } from 'passport-petjeaf';
import { API_ORIGIN, keepProfile, options, TOKEN_PATH } from './support';

useNock();

let strategy: Strategy;
beforeEach(() => {
  strategy = new Strategy(options, keepProfile);
});
afterEach(() => strategy.close());

describe('revoke(): DELETE on the token URL with the bearer token (official WordPress plugin)', () => {
  function mockRevocation(status: number, answer: nock.Body = ''): CapturedRequest[] {
    const received: CapturedRequest[] = [];
    nock(API_ORIGIN)
      .delete(TOKEN_PATH)
      .reply(captureReply(received, status, answer));
    return received;
  }

  it('sends DELETE https://api.petje.af/v1/oauth2/tokens with Authorization: Bearer and no token in the URL', async () => {
    const received = mockRevocation(204);
    await expect(strategy.revoke('access-to-revoke')).resolves.toBeUndefined();
    expect(received).toHaveLength(1);
    expect(received[0].path).toBe(TOKEN_PATH);
    expect(received[0].headers.authorization).toBe('Bearer access-to-revoke');
    expect(received[0].body).toBe('');
  });

  it('resolves on 200 with a JSON body too', async () => {
    mockRevocation(200, { status: 200, title: 'OK' });
    await expect(strategy.revoke('access-to-revoke')).resolves.toBeUndefined();
  });

  it('resolves on 200 with an empty body', async () => {
    mockRevocation(200);
    await expect(strategy.revoke('access-to-revoke')).resolves.toBeUndefined();
  });

  it('rejects a 401 with a ProviderApiError carrying the detail and the status', async () => {
    mockRevocation(401, { status: 401, title: 'Unauthorized', detail: 'Access token is invalid' });
    const failure = strategy.revoke('access-to-revoke');
    await expect(failure).rejects.toBeInstanceOf(ProviderApiError);
    await expect(failure).rejects.toBeInstanceOf(InternalOAuthError);
    await expect(failure).rejects.toMatchObject({
      message: 'Petje.af revocation endpoint answered 401: Access token is invalid',
      providerStatus: 401,
      status: 401,
    });
  });

  it('never puts the access token in the message, even if Petje.af echoes it', async () => {
    mockRevocation(401, { status: 401, title: 'Unauthorized', detail: 'Token access-to-revoke is invalid' });
    await expect(strategy.revoke('access-to-revoke')).rejects.toThrow(
      'Petje.af revocation endpoint answered 401: Token [redacted] is invalid',
    );
  });

  it('refuses an empty access token with a TypeError', async () => {
    await expect(strategy.revoke('')).rejects.toThrow(new TypeError('Petje.af revoke() requires an access token'));
  });
});
