import nock from 'nock';
import { captureReply, useNock, type CapturedRequest } from '@internal/test-support';
import { makeStrategy, MANAGE_HOST, options, refreshAnswer } from './support';

useNock();

describe('refresh() (docs: /oauth/endpoints/refresh-token)', () => {
  it('POSTs grant_type=refresh_token as a JSON body to /oauth/tokens', async () => {
    const seen: CapturedRequest[] = [];
    nock(MANAGE_HOST)
      .post('/oauth/tokens')
      .reply(captureReply(seen, 200, refreshAnswer));
    await makeStrategy().refresh('mkp-refresh-token-1');
    expect(seen).toHaveLength(1);
    expect(seen[0].headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[0].body)).toEqual({
      grant_type: 'refresh_token',
      client_id: options.clientID,
      client_secret: options.clientSecret,
      refresh_token: 'mkp-refresh-token-1',
    });
  });

  it('returns the old refresh token when the answer has none (MijnKlantportaal keeps it)', async () => {
    nock(MANAGE_HOST).post('/oauth/tokens').reply(200, refreshAnswer);
    const tokens = await makeStrategy().refresh('mkp-refresh-token-1');
    expect(tokens).toEqual({
      accessToken: refreshAnswer.access_token,
      refreshToken: 'mkp-refresh-token-1',
      expiresIn: 123,
      params: refreshAnswer,
    });
  });

  it('returns a new refresh token if the provider ever sends one', async () => {
    nock(MANAGE_HOST)
      .post('/oauth/tokens')
      .reply(200, { ...refreshAnswer, refresh_token: 'mkp-refresh-token-2' });
    const tokens = await makeStrategy().refresh('mkp-refresh-token-1');
    expect(tokens.refreshToken).toBe('mkp-refresh-token-2');
  });

  it('refuses an empty refresh token with a TypeError, before any request', async () => {
    await expect(makeStrategy().refresh('')).rejects.toThrow(TypeError);
  });
});
