import { createLoginApp, startLogin, useNock } from '@internal/test-support';
import { Strategy } from 'passport-petjeaf';
import { keepProfile, options } from './support';

useNock();

describe('authorize redirect (docs: https://docs.petje.af/petje.af-api/authentication/authorize)', () => {
  it('sends the user to https://petje.af/oauth2/authorize with client_id, response_type=code and redirect_uri', async () => {
    const { location } = await startLogin(createLoginApp(new Strategy(options, keepProfile)));
    expect(location.origin + location.pathname).toBe('https://petje.af/oauth2/authorize');
    expect(location.searchParams.get('client_id')).toBe('petjeaf-client-1');
    expect(location.searchParams.get('response_type')).toBe('code');
    expect(location.searchParams.get('redirect_uri')).toBe('http://localhost/callback');
  });

  it('asks for profile.read when no scope is given', async () => {
    const { location } = await startLogin(createLoginApp(new Strategy(options, keepProfile)));
    expect(location.searchParams.get('scope')).toBe('profile.read');
  });

  it('joins an array scope with spaces', async () => {
    const strategy = new Strategy(
      { ...options, scope: ['profile.read', 'memberships.read', 'pages.read'] },
      keepProfile,
    );
    const { location } = await startLogin(createLoginApp(strategy));
    expect(location.searchParams.get('scope')).toBe('profile.read memberships.read pages.read');
  });

  it('sends a string scope as given', async () => {
    const strategy = new Strategy({ ...options, scope: 'memberships.read' }, keepProfile);
    const { location } = await startLogin(createLoginApp(strategy));
    expect(location.searchParams.get('scope')).toBe('memberships.read');
  });

  it('sends a fresh random state on every login (CSRF protection on by default)', async () => {
    const app = createLoginApp(new Strategy(options, keepProfile));
    const first = await startLogin(app);
    const second = await startLogin(app);
    expect(first.state).toMatch(/^[\w-]{20,}$/);
    expect(second.state).toMatch(/^[\w-]{20,}$/);
    expect(second.state).not.toBe(first.state);
  });

  it('sends no PKCE challenge by default (Petje.af documents none)', async () => {
    const { location } = await startLogin(createLoginApp(new Strategy(options, keepProfile)));
    expect(location.searchParams.has('code_challenge')).toBe(false);
  });
});
