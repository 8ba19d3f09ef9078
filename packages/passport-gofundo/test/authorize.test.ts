import { createLoginApp, startLogin, useNock } from '@internal/test-support';
import { Strategy } from 'passport-gofundo';
import { keepProfile, options } from './support';

useNock();

describe('authorize redirect (docs: https://developer.gofundo.nl/gofundo, "Requesting tokens")', () => {
  it('sends the user to https://gofundo.nl/oauth/authorize with client_id, response_type=code and redirect_uri', async () => {
    const { location } = await startLogin(createLoginApp(new Strategy(options, keepProfile)));
    expect(location.origin + location.pathname).toBe('https://gofundo.nl/oauth/authorize');
    expect(location.searchParams.get('client_id')).toBe('gofundo-client-1');
    expect(location.searchParams.get('response_type')).toBe('code');
    expect(location.searchParams.get('redirect_uri')).toBe('http://localhost/callback');
  });

  it('sends scope as the empty string ("Containing empty string"), present in the URL', async () => {
    const { location } = await startLogin(createLoginApp(new Strategy(options, keepProfile)));
    expect(location.searchParams.has('scope')).toBe(true);
    expect(location.searchParams.get('scope')).toBe('');
    expect(location.search).toMatch(/(^\?|&)scope=(&|$)/);
  });

  it('replaces the empty scope with a scope option (string or space-joined array)', async () => {
    const withString = await startLogin(createLoginApp(new Strategy({ ...options, scope: 'donations' }, keepProfile)));
    expect(withString.location.searchParams.getAll('scope')).toEqual(['donations']);
    const withArray = await startLogin(createLoginApp(new Strategy({ ...options, scope: ['a', 'b'] }, keepProfile)));
    expect(withArray.location.searchParams.getAll('scope')).toEqual(['a b']);
  });

  it('sends a fresh random state on every login (not documented by Gofundo; Laravel Passport echoes it)', async () => {
    const app = createLoginApp(new Strategy(options, keepProfile));
    const first = await startLogin(app);
    const second = await startLogin(app);
    expect(first.state).toMatch(/^[\w-]{20,}$/);
    expect(second.state).not.toBe(first.state);
  });
});
