import nock from 'nock';
import { captureReply, fakeJwt, useNock, type CapturedRequest } from '@internal/test-support';
import { Strategy } from 'passport-petjeaf';
import { API_ORIGIN, keepProfile, options, userClaims } from './support';

useNock();

const ACCESS_TOKEN = fakeJwt(userClaims());

let strategy: Strategy;
beforeEach(() => {
  strategy = new Strategy(options, keepProfile);
});
afterEach(() => strategy.close());

describe('apiGet(): any Petje.af API path under https://api.petje.af/v1 with the bearer token', () => {
  it('sends Authorization: Bearer and Accept: application/json to the documented API base', async () => {
    const received: CapturedRequest[] = [];
    nock(API_ORIGIN)
      .get('/v1/pages')
      .query({ limit: '10' })
      .reply(captureReply(received, 200, { count: 0, _embedded: { pages: [] } }));
    await strategy.apiGet(ACCESS_TOKEN, '/pages', { query: { limit: 10 } });
    expect(received[0].headers).toMatchObject({ authorization: `Bearer ${ACCESS_TOKEN}`, accept: 'application/json' });
  });

  it('refuses a _links href on another host or outside /v1 (the token goes only to apiBaseURL)', async () => {
    await expect(strategy.apiGet(ACCESS_TOKEN, 'https://api.petje.af/memberships/m1')).rejects.toThrow(
      'is not under apiBaseURL https://api.petje.af/v1',
    );
  });
});
