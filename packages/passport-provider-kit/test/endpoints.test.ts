import { assertTokenStaysOnIssuer, endpointUnder, parseBaseURL } from '../src/strategy/endpoints';
import { resolveEndpoints, singleHostEndpoints } from '../src/strategy/endpoints';
import { describeRedirect } from '../src/http/classify';

const WHO = 'Acme strategy';

describe('parseBaseURL: an absolute http(s) URL without query, fragment or credentials', () => {
  it('accepts an origin, with or without a path', () => {
    expect(parseBaseURL(WHO, 'baseURL', 'https://acme.example').href).toBe('https://acme.example/');
    expect(parseBaseURL(WHO, 'baseURL', 'http://127.0.0.1:3000/tenant/').pathname).toBe('/tenant/');
  });

  it.each([
    ['not a URL', 'acme.example', 'must be an absolute URL such as https://example.com'],
    ['not a string', 42, 'must be an absolute URL such as https://example.com'],
    ['another scheme', 'ftp://acme.example', 'must be an http: or https: URL'],
    ['a query', 'https://acme.example/?tenant=1', 'must have no query, fragment or credentials'],
    ['a fragment', 'https://acme.example/#x', 'must have no query, fragment or credentials'],
    ['credentials', 'https://user:pw@acme.example', 'must have no query, fragment or credentials'],
  ])('refuses %s with a TypeError naming the option', (_what, value, text) => {
    expect(() => parseBaseURL(WHO, 'baseURL', value)).toThrow(new TypeError(`${WHO}: baseURL ${text}`));
  });
});

describe('endpointUnder: paths keep the base path as a prefix', () => {
  it('joins at the origin and under a path, with or without a trailing slash', () => {
    const at = (base: string) => endpointUnder(new URL(base), '/oauth/token');
    expect(at('https://gofundo.nl')).toBe('https://gofundo.nl/oauth/token');
    expect(at('https://example.org/gofundo')).toBe('https://example.org/gofundo/oauth/token');
    expect(at('https://example.org/gofundo/')).toBe('https://example.org/gofundo/oauth/token');
  });
});

describe('resolveEndpoints: an explicit URL option wins over the derived one', () => {
  it('picks explicit, else derived, and says which', () => {
    const resolved = resolveEndpoints(WHO, {
      token: { option: 'tokenURL', explicit: 'https://b.example/token', derived: 'https://a.example/token' },
      user: { option: 'userProfileURL', derived: 'https://a.example/user' },
    });
    expect(resolved).toEqual({
      token: { url: 'https://b.example/token', explicit: true, option: 'tokenURL' },
      user: { url: 'https://a.example/user', explicit: false, option: 'userProfileURL' },
    });
  });

  it('refuses an explicit URL that is not absolute, naming the option', () => {
    expect(() =>
      resolveEndpoints(WHO, {
        token: { option: 'tokenURL', explicit: '/oauth/token', derived: 'https://a.example/t' },
      }),
    ).toThrow(new TypeError(`${WHO}: tokenURL /oauth/token is not an absolute URL`));
  });
});

describe('describeRedirect: where a redirect points, without secrets, and the option to set', () => {
  const from = 'https://api.petje.af/v1/oauth2/tokens';

  it('names the new location (origin and path) and the option', () => {
    expect(describeRedirect('https://api.petjeaf.com/v1/oauth2/tokens', from, 'tokenURL')).toBe(
      ': it points to https://api.petjeaf.com/v1/oauth2/tokens; redirects are not followed, so if the provider has moved, set tokenURL to it',
    );
  });

  it('drops the query, the fragment and credentials of the location', () => {
    const text = describeRedirect('https://u:p@new.example/x?code=secret-code#frag', from, 'tokenURL');
    expect(text).toContain('https://new.example/x;');
    expect(text).not.toMatch(/secret-code|frag|u:p/);
  });

  it('resolves a relative location against the request URL', () => {
    expect(describeRedirect('/login', 'https://gofundo.nl/api/user')).toBe(
      ': it points to https://gofundo.nl/login; redirects are not followed, so if the provider has moved, point this endpoint at it',
    );
  });

  it('adds nothing without a usable location', () => {
    expect(describeRedirect(undefined, from)).toBe('');
    expect(describeRedirect('', from)).toBe('');
    expect(describeRedirect('javascript:alert(1)', from)).toBe('');
    expect(describeRedirect(['https://a.example/one', 'https://b.example/two'], from)).toContain(
      'https://a.example/one',
    );
  });
});

describe('singleHostEndpoints: authorize, token and user under one base URL, the user endpoint on the token host', () => {
  const PATHS = { authorize: '/oauth/authorize', token: '/oauth/token', user: '/api/user' };
  const urls = (e: ReturnType<typeof singleHostEndpoints>) => [e.authorize.url, e.token.url, e.user.url];

  it('derives all three from the default base, or from baseURL with its path prefix', () => {
    expect(urls(singleHostEndpoints(WHO, {}, 'https://acme.example', PATHS))).toEqual([
      'https://acme.example/oauth/authorize',
      'https://acme.example/oauth/token',
      'https://acme.example/api/user',
    ]);
    expect(
      urls(singleHostEndpoints(WHO, { baseURL: 'https://other.example/x/' }, 'https://acme.example', PATHS)),
    ).toEqual([
      'https://other.example/x/oauth/authorize',
      'https://other.example/x/oauth/token',
      'https://other.example/x/api/user',
    ]);
  });

  it('lets an explicit URL option win', () => {
    const e = singleHostEndpoints(
      WHO,
      { authorizationURL: 'https://login.acme.example/a' },
      'https://acme.example',
      PATHS,
    );
    expect(e.authorize).toEqual({ url: 'https://login.acme.example/a', explicit: true, option: 'authorizationURL' });
  });

  it('refuses a token URL moved without the user endpoint, and allows the mix when both are named', () => {
    expect(() =>
      singleHostEndpoints(WHO, { tokenURL: 'https://other.example/token' }, 'https://acme.example', PATHS),
    ).toThrow(/tokenURL is on https:\/\/other\.example but userProfileURL \(default\) is on https:\/\/acme\.example/);
    const both = { tokenURL: 'https://other.example/token', userProfileURL: 'https://acme.example/api/user' };
    expect(singleHostEndpoints(WHO, both, 'https://acme.example', PATHS).user.explicit).toBe(true);
  });

  it('refuses a user endpoint moved alone, another port or scheme counting as another host, naming both and baseURL', () => {
    expect(() =>
      singleHostEndpoints(WHO, { userProfileURL: 'http://acme.example/api/user' }, 'https://acme.example', PATHS),
    ).toThrow(
      new TypeError(
        `${WHO}: tokenURL (default) is on https://acme.example but userProfileURL is on http://acme.example, so the access token would go to another host. ` +
          'Set baseURL to move every endpoint together, or name tokenURL and userProfileURL both if the mix is intended.',
      ),
    );
  });
});

describe('assertTokenStaysOnIssuer: no access token to a host other than the token endpoint', () => {
  const at = (url: string, explicit: boolean, option: string) => ({ url, explicit, option });
  type Endpoint = ReturnType<typeof at>;
  /** The check of `bearer` against `token`, to run inside expect(). */
  const check =
    (token: Endpoint, bearer: Endpoint, base = 'baseURL') =>
    () =>
      assertTokenStaysOnIssuer(WHO, base, token, bearer);

  it('passes when the bearer endpoint shares the token endpoint origin', () => {
    expect(
      check(at('https://a.example/token', true, 'tokenURL'), at('https://a.example/user', false, 'userProfileURL')),
    ).not.toThrow();
  });

  it('refuses an explicit tokenURL on another host than a default user endpoint, naming both and baseURL', () => {
    expect(
      check(at('https://b.example/token', true, 'tokenURL'), at('https://a.example/user', false, 'userProfileURL')),
    ).toThrow(
      new TypeError(
        'Acme strategy: tokenURL is on https://b.example but userProfileURL (default) is on https://a.example, so the access token would go to another host. ' +
          'Set baseURL to move every endpoint together, or name tokenURL and userProfileURL both if the mix is intended.',
      ),
    );
  });

  it('refuses an explicit user endpoint on another host than the default token endpoint', () => {
    expect(
      check(at('https://a.example/token', false, 'tokenURL'), at('https://b.example/user', true, 'userProfileURL')),
    ).toThrow(/tokenURL \(default\) is on https:\/\/a\.example but userProfileURL is on https:\/\/b\.example/);
  });

  it('treats another port or scheme as another host', () => {
    expect(
      check(at('https://a.example/token', false, 'tokenURL'), at('http://a.example/user', false, 'userProfileURL')),
    ).toThrow(TypeError);
  });

  it('allows the mix when the user named both URLs', () => {
    expect(
      check(at('https://b.example/token', true, 'tokenURL'), at('https://a.example/user', true, 'userProfileURL')),
    ).not.toThrow();
  });

  it("names the option that moves both and the bearer endpoint's own option", () => {
    expect(
      check(
        at('https://a.example/token', false, 'tokenURL'),
        at('https://b.example/revoke', true, 'revocationURL'),
        'siteURL',
      ),
    ).toThrow(
      'Set siteURL to move every endpoint together, or name tokenURL and revocationURL both if the mix is intended.',
    );
  });
});
