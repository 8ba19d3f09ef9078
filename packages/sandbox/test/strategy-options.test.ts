import { Strategy as GofundoStrategy } from 'passport-gofundo';
import { strategyOptions, type SandboxEndpoints } from 'passport-nl-sandbox';

/** strategyOptions on a sandbox served off loopback: the strategies refuse plain http there unless told (issue 13, item 7). */

function gofundoOn(origin: string): SandboxEndpoints {
  return {
    name: 'gofundo',
    origin,
    authorizationURL: `${origin}/oauth/authorize`,
    tokenURL: `${origin}/oauth/token`,
    userProfileURL: `${origin}/api/user`,
    client: { clientID: 'sandbox-gofundo-client', clientSecret: 'sandbox-gofundo-secret' },
    users: [],
  };
}

function construct(origin: string): void {
  const options = { ...strategyOptions(gofundoOn(origin)), callbackURL: 'http://localhost/callback' };
  new GofundoStrategy(options, (_at, _rt, profile, done) => done(null, profile)).close();
}

describe('adds allowInsecureHTTP only for a sandbox on plain http off loopback', () => {
  it.each(['http://0.0.0.0:4002', 'http://192.168.1.20:4002'])(
    '%s: set, and the strategy accepts the URLs',
    (origin) => {
      expect(strategyOptions(gofundoOn(origin)).allowInsecureHTTP).toBe(true);
      expect(() => construct(origin)).not.toThrow();
    },
  );

  it.each(['http://127.0.0.1:4002', 'http://localhost:4002', 'http://[::1]:4002', 'https://192.168.1.20:4002'])(
    '%s: not set',
    (origin) => {
      expect(strategyOptions(gofundoOn(origin))).not.toHaveProperty('allowInsecureHTTP');
      expect(() => construct(origin)).not.toThrow();
    },
  );

  it('without it, the strategy refuses the sandbox on 192.168.1.20 over http', () => {
    const { allowInsecureHTTP: _dropped, ...options } = strategyOptions(gofundoOn('http://192.168.1.20:4002'));
    expect(
      () =>
        new GofundoStrategy({ ...options, callbackURL: 'http://localhost/callback' }, (_a, _r, p, done) =>
          done(null, p),
        ),
    ).toThrow(/is not https.*allowInsecureHTTP: true/);
  });
});
