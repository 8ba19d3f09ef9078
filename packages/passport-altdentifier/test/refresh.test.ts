import nock from 'nock';
import { captureReply, useNock, type CapturedRequest } from '@internal/test-support';
import { TokenError } from 'passport-oauth2';
import { ProviderTokenError } from 'passport-altdentifier';
import { cannotGrantAnswer, HOST, makeStrategy, options, tokenAnswer } from './support';

useNock();

describe('refresh() (not documented by AltDentifier: tries the standard grant)', () => {
  it('POSTs grant_type=refresh_token as a form with the credentials to /oauth2/token', async () => {
    const seen: CapturedRequest[] = [];
    nock(HOST)
      .post('/oauth2/token')
      .reply(captureReply(seen, 200, { ...tokenAnswer, access_token: 'new-at', refresh_token: 'new-rt' }));
    await makeStrategy().refresh('blablarefreshtoken');
    expect(seen).toHaveLength(1);
    expect(seen[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(seen[0].body))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'blablarefreshtoken',
      client_id: options.clientID,
      client_secret: options.clientSecret,
    });
  });

  it('resolves to the new token set when the provider accepts', async () => {
    nock(HOST)
      .post('/oauth2/token')
      .reply(200, { ...tokenAnswer, access_token: 'new-at', refresh_token: 'new-rt' });
    await expect(makeStrategy().refresh('blablarefreshtoken')).resolves.toMatchObject({
      accessToken: 'new-at',
      refreshToken: 'new-rt',
      expiresIn: 604800,
    });
  });

  it('uses HTTP Basic with clientAuth: basic', async () => {
    const seen: CapturedRequest[] = [];
    nock(HOST)
      .post('/oauth2/token')
      .reply(captureReply(seen, 200, tokenAnswer));
    await makeStrategy({ clientAuth: 'basic' }).refresh('blablarefreshtoken');
    expect(seen[0].headers.authorization).toMatch(/^Basic /);
    expect(new URLSearchParams(seen[0].body).has('client_secret')).toBe(false);
  });

  it('surfaces the provider refusal {"error":"Cannot grant token"} as a ProviderTokenError with that text', async () => {
    nock(HOST).post('/oauth2/token').reply(400, cannotGrantAnswer);
    const failure = makeStrategy().refresh('blablarefreshtoken');
    await expect(failure).rejects.toBeInstanceOf(ProviderTokenError);
    await expect(failure).rejects.toBeInstanceOf(TokenError);
    await expect(failure).rejects.toMatchObject({
      message: 'AltDentifier token endpoint answered 400: Cannot grant token',
      providerStatus: 400,
      status: 400,
      reason: 'provider_error',
    });
  });

  it('never puts the refresh token in the error message', async () => {
    nock(HOST).post('/oauth2/token').reply(400, { error: 'Cannot grant token for blablarefreshtoken' });
    await expect(makeStrategy().refresh('blablarefreshtoken')).rejects.toThrow(/^(?!.*blablarefreshtoken).*$/);
  });
});
