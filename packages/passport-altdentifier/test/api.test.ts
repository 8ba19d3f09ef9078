import nock from 'nock';
import { captureReply, useNock, type CapturedRequest } from '@internal/test-support';
import { API_BASE_URL, ProviderApiError } from 'passport-altdentifier';
import { HOST, makeStrategy } from './support';

/** apiGet(): AltDentifier's API under /api/v2 (an assumption from public client code). */

useNock();

describe('apiGet(): GET under https://altdentifier.com/api/v2 with the bearer token', () => {
  it('defaults to the assumed API base', () => {
    expect(API_BASE_URL).toBe('https://altdentifier.com/api/v2');
  });

  it('sends Authorization: Bearer and Accept: application/json', async () => {
    const strategy = makeStrategy();
    const received: CapturedRequest[] = [];
    nock(HOST)
      .get('/api/v2/user/66166172835385344/trustfactor')
      .reply(captureReply(received, 200, { trustfactor: 2, formatted_trustfactor: 'Trusted' }));
    const answer = await strategy.apiGet('ad-token', '/user/66166172835385344/trustfactor');
    strategy.close();
    expect(answer.json).toEqual({ trustfactor: 2, formatted_trustfactor: 'Trusted' });
    expect(received[0].headers).toMatchObject({ authorization: 'Bearer ad-token', accept: 'application/json' });
  });

  it('an error carries the {"error": "<sentence>"} text', async () => {
    const strategy = makeStrategy();
    nock(HOST).get('/api/v2/user/@me').reply(403, { error: 'Missing scope read:user' });
    const failure = strategy.apiGet('ad-token', '/user/@me');
    await expect(failure).rejects.toBeInstanceOf(ProviderApiError);
    await expect(failure).rejects.toThrow(
      'AltDentifier API GET /api/v2/user/@me answered 403: Missing scope read:user',
    );
    strategy.close();
  });
});
