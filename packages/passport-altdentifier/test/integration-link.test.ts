import { integrationURL } from 'passport-altdentifier';

/** The link as AltDentifier's OAuth2 page shows it (https://docs.altdentifier.dev/api/oauth2-api). */
const DOCUMENTED = 'https://altdentifier.com/oauth2/authorize?client_id=yourclientid&scope=write:integrations';

describe('integrationURL() builds the documented simplified integration link', () => {
  it('is exactly the documented link, with the colon of the scope literal', () => {
    expect(integrationURL('yourclientid')).toBe(DOCUMENTED);
  });

  it('reads back as client_id and scope, nothing else', () => {
    const url = new URL(integrationURL('yourclientid'));
    expect(url.origin + url.pathname).toBe('https://altdentifier.com/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: 'yourclientid', scope: 'write:integrations' });
  });

  it('adds guild_id from guildId after the scope', () => {
    expect(integrationURL('yourclientid', { guildId: '372024042980638721' })).toBe(
      `${DOCUMENTED}&guild_id=372024042980638721`,
    );
  });

  it('keeps percent-encoding every other value, colons included', () => {
    const link = integrationURL('id:1&scope=x y', { guildId: 'g:2#3' });
    expect(link).toBe(
      'https://altdentifier.com/oauth2/authorize?client_id=id%3A1%26scope%3Dx+y&scope=write:integrations&guild_id=g%3A2%233',
    );
    expect(Object.fromEntries(new URL(link).searchParams)).toEqual({
      client_id: 'id:1&scope=x y',
      scope: 'write:integrations',
      guild_id: 'g:2#3',
    });
  });

  it('honours an authorizationURL override, keeping its own query and fragment', () => {
    expect(integrationURL('id', { authorizationURL: 'https://sandbox.example/authorize' })).toBe(
      'https://sandbox.example/authorize?client_id=id&scope=write:integrations',
    );
    expect(integrationURL('id', { authorizationURL: 'https://sandbox.example/authorize?tenant=a#top' })).toBe(
      'https://sandbox.example/authorize?tenant=a&client_id=id&scope=write:integrations#top',
    );
  });

  it('throws a TypeError without a clientID', () => {
    expect(() => integrationURL('')).toThrow(TypeError);
    expect(() => integrationURL(undefined as unknown as string)).toThrow(/clientID/);
  });
});
