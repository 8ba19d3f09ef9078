import request from 'supertest';
import { createLoginApp, startLogin, useNock } from '@internal/test-support';
import type { ProviderStrategyOptions, VerifyCallback } from 'passport-provider-kit';
import { OPTIONS, TestStrategy, type TestProfile } from './support/test-strategy';

/**
 * The status of a callback that carries `error` (issue 23, item 4): a 4xx when its state does
 * not check out (anyone can send a browser there), and never a 500 when it does (the
 * provider refused; the app did not crash).
 */

useNock();

const made: TestStrategy[] = [];
afterEach(() => made.splice(0).forEach((strategy) => strategy.close()));

function app(options: Partial<ProviderStrategyOptions> = {}) {
  const keepProfile = (_at: string, _rt: string | undefined, profile: TestProfile, done: VerifyCallback) =>
    done(null, { id: profile.id });
  const strategy = new TestStrategy({ ...OPTIONS, ...options }, keepProfile);
  made.push(strategy);
  return createLoginApp(strategy);
}

const CODES = ['foo', 'server_error', 'temporarily_unavailable', 'invalid_scope', 'bad"code'];

describe('an error callback without a valid state answers 403', () => {
  it.each(CODES)('error=%s with no state (no login pending)', async (error) => {
    const res = await request(app()).get('/callback').query({ error });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      name: 'AuthorizationError',
      message: 'TestProv did not complete the login.',
    });
  });

  it.each(CODES)('error=%s with no state while a login is pending', async (error) => {
    const { agent } = await startLogin(app());
    expect((await agent.get('/callback').query({ error })).status).toBe(403);
  });

  it.each(CODES)('error=%s with a wrong state', async (error) => {
    const { agent, state } = await startLogin(app());
    expect((await agent.get('/callback').query({ error, state: `${state}x` })).status).toBe(403);
  });

  it('error=foo with state turned off', async () => {
    expect(
      (
        await request(app({ state: false }))
          .get('/callback')
          .query({ error: 'foo' })
      ).status,
    ).toBe(403);
  });

  it('error=foo with the state given twice', async () => {
    const { agent, state } = await startLogin(app());
    const res = await agent.get(`/callback?error=foo&state=${state}x&state=${state}`);
    expect(res.status).toBe(403);
  });
});

describe('an error callback with a valid state keeps passport-oauth2 statuses, with 502 where it answers 500', () => {
  it.each([
    ['server_error', 502],
    ['temporarily_unavailable', 503],
    ['invalid_scope', 502],
    ['foo', 502],
    ['bad"code', 502],
  ])('error=%s answers %i', async (error, status) => {
    const { agent, state } = await startLogin(app());
    const res = await agent.get('/callback').query({ error, state: state ?? '' });
    expect(res.status).toBe(status);
    expect(res.body.error).toMatchObject({ name: 'AuthorizationError', status });
  });
});
