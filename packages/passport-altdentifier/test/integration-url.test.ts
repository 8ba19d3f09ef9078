import { integrationURL } from 'passport-altdentifier';

describe('integrationURL() builds the documented simplified integration link', () => {
  it('is https://altdentifier.com/oauth2/authorize?client_id=…&scope=write:integrations, nothing else', () => {
    const url = new URL(integrationURL('yourclientid'));
    expect(url.origin + url.pathname).toBe('https://altdentifier.com/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: 'yourclientid', scope: 'write:integrations' });
  });

  it('adds guild_id from guildId', () => {
    const url = new URL(integrationURL('yourclientid', { guildId: '372024042980638721' }));
    expect(url.searchParams.get('guild_id')).toBe('372024042980638721');
  });

  it('honours an authorizationURL override', () => {
    expect(integrationURL('id', { authorizationURL: 'https://sandbox.example/authorize' })).toMatch(
      /^https:\/\/sandbox\.example\/authorize\?/,
    );
  });

  it('throws a TypeError without a clientID', () => {
    expect(() => integrationURL('')).toThrow(TypeError);
    expect(() => integrationURL(undefined as unknown as string)).toThrow(/clientID/);
  });
});
