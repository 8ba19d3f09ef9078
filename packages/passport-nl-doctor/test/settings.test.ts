import { readCommand, UsageError, type DoctorCommand } from 'passport-nl-doctor';

function settingsOf(argv: string[], env: Record<string, string>): DoctorCommand['settings'] {
  const command = readCommand(argv, env);
  if (command === 'help') throw new Error('help');
  return command.settings;
}

describe('settings: the variables the demo reads, each overridden by its flag', () => {
  const env = {
    GOFUNDO_CLIENT_ID: 'from-env',
    GOFUNDO_CLIENT_SECRET: 'env-secret',
    GOFUNDO_TOKEN_URL: 'https://env.example/oauth/token',
    BASE_URL: 'https://app.example.com',
  };

  it('reads <PROVIDER>_CLIENT_ID, _CLIENT_SECRET, the URL overrides and BASE_URL for the callback', () => {
    expect(settingsOf(['gofundo'], env)).toMatchObject({
      clientID: { value: 'from-env', source: 'GOFUNDO_CLIENT_ID' },
      clientSecret: { value: 'env-secret', source: 'GOFUNDO_CLIENT_SECRET' },
      tokenURL: { value: 'https://env.example/oauth/token', source: 'GOFUNDO_TOKEN_URL' },
      callbackURL: { value: 'https://app.example.com/auth/gofundo/callback', source: 'BASE_URL' },
      timeoutMs: 5000,
    });
  });

  it('a flag wins over its variable', () => {
    const argv = [
      'gofundo',
      '--client-id',
      'flag-id',
      '--client-secret',
      'flag-secret',
      '--token-url',
      'https://flag.example/t',
      '--base-url',
      'https://other.example',
    ];
    expect(settingsOf(argv, env)).toMatchObject({
      clientID: { value: 'flag-id', source: '--client-id' },
      clientSecret: { value: 'flag-secret', source: '--client-secret' },
      tokenURL: { value: 'https://flag.example/t', source: '--token-url' },
      callbackURL: { value: 'https://other.example/auth/gofundo/callback', source: '--base-url' },
    });
  });

  it('keeps a value as given (a pasted space stays, to be pointed at); an empty variable is unset', () => {
    const settings = settingsOf(['gofundo'], { ...env, GOFUNDO_CLIENT_ID: 'id ', GOFUNDO_CLIENT_SECRET: '' });
    expect(settings.clientID?.value).toBe('id ');
    expect(settings.clientSecret).toBeUndefined();
  });

  it("without BASE_URL the callback is the demo's default on PORT", () => {
    expect(settingsOf(['petjeaf'], { PORT: '4000' }).callbackURL.value).toBe(
      'http://localhost:4000/auth/petjeaf/callback',
    );
  });
});

describe('settings: a command line the doctor cannot run is a UsageError naming why', () => {
  it.each([
    [['nope'], 'name one provider: petjeaf, gofundo, mijnklantportaal, altdentifier'],
    [['gofundo', '--nope'], "Unknown option '--nope'"],
    [
      ['petjeaf', '--user-profile-url', 'https://x.example/me'],
      "--user-profile-url is not an option of Petje.af's strategy",
    ],
    [['gofundo', '--client-auth', 'basic'], '--client-auth is an AltDentifier option'],
    [['altdentifier', '--client-auth', 'header'], '--client-auth must be body or basic'],
    [['gofundo', '--timeout', '0'], '--timeout must be a number of ms from 1 to 120000'],
  ])('%j', (argv, message) => {
    expect(() => readCommand(argv, {})).toThrow(UsageError);
    expect(() => readCommand(argv, {})).toThrow(message);
  });

  it('a URL variable of an option the strategy does not take is refused, as the demo refuses it', () => {
    expect(() => readCommand(['petjeaf'], { PETJEAF_USER_PROFILE_URL: 'https://x.example/me' })).toThrow(
      "PETJEAF_USER_PROFILE_URL is not an option of Petje.af's strategy",
    );
  });
});
