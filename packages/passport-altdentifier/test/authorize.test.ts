import { createLoginApp, startLogin, useNock } from '@internal/test-support';
import { AUTHORIZATION_URL } from 'passport-altdentifier';
import { options, makeStrategy } from './support';

useNock();

describe('authorize redirect (docs: OAuth2 API, "Get Authorize")', () => {
  it('goes to https://altdentifier.com/oauth2/authorize with client_id, redirect_uri, response_type=code and a state', async () => {
    const { location, state } = await startLogin(createLoginApp(makeStrategy()));
    expect(AUTHORIZATION_URL).toBe('https://altdentifier.com/oauth2/authorize');
    expect(location.origin + location.pathname).toBe('https://altdentifier.com/oauth2/authorize');
    expect(location.searchParams.get('client_id')).toBe('altd-client-id');
    expect(location.searchParams.get('redirect_uri')).toBe('http://localhost/callback');
    expect(location.searchParams.get('response_type')).toBe('code');
    expect(state).toMatch(/^[\w-]{20,}$/);
    expect(location.href).not.toContain(options.clientSecret);
  });

  it('honours an authorizationURL override', async () => {
    const { location } = await startLogin(
      createLoginApp(makeStrategy({ authorizationURL: 'https://sandbox.example/authorize' })),
    );
    expect(location.origin + location.pathname).toBe('https://sandbox.example/authorize');
  });
});

describe('scope', () => {
  it('defaults to read:user', async () => {
    const { location } = await startLogin(createLoginApp(makeStrategy()));
    expect(location.searchParams.get('scope')).toBe('read:user');
  });

  it('joins read:user and write:integrations with a space', async () => {
    const { location } = await startLogin(createLoginApp(makeStrategy({ scope: ['read:user', 'write:integrations'] })));
    expect(location.searchParams.get('scope')).toBe('read:user write:integrations');
  });
});

describe('guildId from authenticate() options', () => {
  it('is sent as guild_id', async () => {
    const app = createLoginApp(makeStrategy({ scope: ['read:user', 'write:integrations'] }), {
      loginOptions: { guildId: '372024042980638721' },
    });
    const { location } = await startLogin(app);
    expect(location.searchParams.get('guild_id')).toBe('372024042980638721');
  });

  it('is left out when not given', async () => {
    const { location } = await startLogin(createLoginApp(makeStrategy()));
    expect(location.searchParams.has('guild_id')).toBe(false);
  });
});
