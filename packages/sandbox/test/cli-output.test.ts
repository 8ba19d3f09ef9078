import { PROVIDER_NAMES, sandboxEndpoints, strategyOptions } from 'passport-nl-sandbox';
import { describeAsJson, describeForHumans } from '../src/cli-output';

const providers = PROVIDER_NAMES.map((name, index) => sandboxEndpoints(name, `http://127.0.0.1:${4001 + index}`));

describe('strategyOptions: the options that point a strategy at a sandbox provider', () => {
  it('gives the client, the URLs each strategy reads, and nothing a strategy does not take', () => {
    expect(strategyOptions(providers[1])).toEqual({
      clientID: 'sandbox-gofundo-client',
      clientSecret: 'sandbox-gofundo-secret',
      authorizationURL: 'http://127.0.0.1:4002/oauth/authorize',
      tokenURL: 'http://127.0.0.1:4002/oauth/token',
      userProfileURL: 'http://127.0.0.1:4002/api/user',
    });
    // Petje.af's profile comes from its JWT: no userProfileURL, but revoke()'s URL.
    expect(strategyOptions(providers[0])).toEqual({
      clientID: 'sandbox-petjeaf-client',
      clientSecret: 'sandbox-petjeaf-secret',
      authorizationURL: 'http://127.0.0.1:4001/oauth2/authorize',
      tokenURL: 'http://127.0.0.1:4001/v1/oauth2/tokens',
      revocationURL: 'http://127.0.0.1:4001/v1/oauth2/tokens',
    });
    expect(strategyOptions(providers[2]).userProfileURL).toBe('http://127.0.0.1:4003/v1/sandbox/me');
    expect(strategyOptions(providers[3]).userProfileURL).toBe('http://127.0.0.1:4004/api/v2/user/@me');
  });
});

describe('the CLI output', () => {
  it('prints, per provider, ready-to-paste strategy options and the seeded users', () => {
    const text = describeForHumans(providers);
    expect(text).toContain(
      [
        'Gofundo at http://127.0.0.1:4002',
        '  users: Sanne Bakker (1042), Zoë Ångström (1043), Jürgen Müller (1187)',
        "  const { Strategy: GofundoStrategy } = require('passport-gofundo');",
        '  passport.use(new GofundoStrategy({',
        '    clientID: "sandbox-gofundo-client",',
        '    clientSecret: "sandbox-gofundo-secret",',
        '    authorizationURL: "http://127.0.0.1:4002/oauth/authorize",',
        '    tokenURL: "http://127.0.0.1:4002/oauth/token",',
        '    userProfileURL: "http://127.0.0.1:4002/api/user",',
        '    callbackURL: "http://localhost:3000/auth/gofundo/callback",',
        '  }, verify));',
      ].join('\n'),
    );
    for (const label of ['Petje.af at', 'MijnKlantportaal at', 'AltDentifier at']) expect(text).toContain(label);
  });

  it('--json: one line with each provider origin, users and options', () => {
    const json = JSON.parse(describeAsJson(providers));
    expect(Object.keys(json)).toEqual([...PROVIDER_NAMES]);
    expect(json.altdentifier.options).toEqual(strategyOptions(providers[3]));
    expect(json.petjeaf.users[0].name).toBe('Zoë Ångström');
  });
});
