import { assertTokenStaysOnIssuer } from '../src/token-host';

const WHO = 'Acme strategy';

describe('assertTokenStaysOnIssuer: no access token to a host other than the token endpoint', () => {
  const at = (url: string, explicit: boolean, option: string) => ({ url, explicit, option });

  it('passes when the bearer endpoints share the token endpoint origin', () => {
    expect(() =>
      assertTokenStaysOnIssuer(WHO, 'baseURL', at('https://a.example/token', true, 'tokenURL'), [
        at('https://a.example/user', false, 'userProfileURL'),
        undefined,
      ]),
    ).not.toThrow();
  });

  it('refuses an explicit tokenURL on another host than a default user endpoint, naming both and baseURL', () => {
    expect(() =>
      assertTokenStaysOnIssuer(WHO, 'baseURL', at('https://b.example/token', true, 'tokenURL'), [
        at('https://a.example/user', false, 'userProfileURL'),
      ]),
    ).toThrow(
      new TypeError(
        `${WHO}: tokenURL is on https://b.example but userProfileURL (default) is on https://a.example, so the access token would go to another host. ` +
          'Set baseURL to move every endpoint together, or name tokenURL and userProfileURL both if the mix is intended.',
      ),
    );
  });

  it('refuses an explicit user endpoint on another host than the default token endpoint', () => {
    expect(() =>
      assertTokenStaysOnIssuer(WHO, 'baseURL', at('https://a.example/token', false, 'tokenURL'), [
        at('https://b.example/user', true, 'userProfileURL'),
      ]),
    ).toThrow(/tokenURL \(default\) is on https:\/\/a\.example but userProfileURL is on https:\/\/b\.example/);
  });

  it('treats another port or scheme as another host', () => {
    expect(() =>
      assertTokenStaysOnIssuer(WHO, 'baseURL', at('https://a.example/token', false, 'tokenURL'), [
        at('http://a.example/user', false, 'userProfileURL'),
      ]),
    ).toThrow(TypeError);
  });

  it('allows the mix when the user named both URLs', () => {
    expect(() =>
      assertTokenStaysOnIssuer(WHO, 'baseURL', at('https://b.example/token', true, 'tokenURL'), [
        at('https://a.example/user', true, 'userProfileURL'),
      ]),
    ).not.toThrow();
  });
});
