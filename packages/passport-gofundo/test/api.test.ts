import nock from 'nock';
import { captureReply, useNock, type CapturedRequest } from '@internal/test-support';
import { API_BASE_URL, ProviderApiError, Strategy } from 'passport-gofundo';
import { keepProfile, options, ORIGIN } from './support';

/** apiGet(): Gofundo's API (Laravel `/api`, an assumption) with `Accept: application/json` on every request. */

useNock();

describe('apiGet(): GET under https://gofundo.nl/api with Accept: application/json', () => {
  it('defaults to the assumed API base', () => {
    expect(API_BASE_URL).toBe('https://gofundo.nl/api');
  });

  it('sends Accept: application/json and the bearer token', async () => {
    const strategy = new Strategy(options, keepProfile);
    const received: CapturedRequest[] = [];
    nock(ORIGIN)
      .get('/api/projects')
      .reply(captureReply(received, 200, { data: [] }));
    await expect(strategy.apiGet('gf-token', 'projects')).resolves.toMatchObject({ json: { data: [] } });
    strategy.close();
    expect(received[0].headers).toMatchObject({ accept: 'application/json', authorization: 'Bearer gf-token' });
  });

  it('an HTML answer (Laravel without Accept) is a ProviderApiError that says so', async () => {
    const strategy = new Strategy(options, keepProfile);
    nock(ORIGIN).get('/api/projects').reply(200, '<!DOCTYPE html><html><body>Login</body></html>', {
      'content-type': 'text/html',
    });
    const failure = strategy.apiGet('gf-token', '/projects');
    await expect(failure).rejects.toBeInstanceOf(ProviderApiError);
    await expect(failure).rejects.toThrow(
      'Gofundo API GET /api/projects answered 200 with an HTML page instead of JSON',
    );
    strategy.close();
  });

  it('a 401 carries Laravel’s message', async () => {
    const strategy = new Strategy(options, keepProfile);
    nock(ORIGIN).get('/api/projects').reply(401, { message: 'Unauthenticated.' });
    await expect(strategy.apiGet('gf-token', '/projects')).rejects.toMatchObject({
      message: 'Gofundo API GET /api/projects answered 401: Unauthenticated.',
      providerStatus: 401,
    });
    strategy.close();
  });

  it('uses apiBaseURL when given', async () => {
    const strategy = new Strategy({ ...options, apiBaseURL: 'https://instance.gofundo.nl/api' }, keepProfile);
    const scope = nock('https://instance.gofundo.nl').get('/api/user').reply(200, { id: 1 });
    await strategy.apiGet('gf-token', '/user');
    strategy.close();
    expect(scope.isDone()).toBe(true);
  });
});
