import { useNock, type CapturedRequest } from '@internal/test-support';
import { ProviderTokenError, Strategy } from 'passport-gofundo';
import { CLIENT_SECRET, formFields, keepProfile, mockToken, options } from './support';

useNock();

let strategy: Strategy;
beforeEach(() => {
  strategy = new Strategy(options, keepProfile);
});
afterEach(() => strategy.close());

const NEW_TOKENS = { token_type: 'Bearer', expires_in: 3600, access_token: 'access-2', refresh_token: 'refresh-2' };

describe('clientCredentials(): grant_type=client_credentials with scope "" (docs: supported grant types)', () => {
  it('POSTs grant_type=client_credentials, an empty scope and the credentials', async () => {
    const received: CapturedRequest[] = [];
    mockToken(200, { token_type: 'Bearer', expires_in: 31536000, access_token: 'app-token' }, received);
    const tokens = await strategy.clientCredentials();
    expect(received[0].headers.accept).toBe('application/json');
    expect(formFields(received[0].body)).toEqual({
      grant_type: 'client_credentials',
      scope: '',
      client_id: 'gofundo-client-1',
      client_secret: CLIENT_SECRET,
    });
    expect(tokens).toMatchObject({ accessToken: 'app-token', expiresIn: 31536000 });
    expect(tokens.refreshToken).toBeUndefined();
  });

  it('sends a given scope, an array joined with spaces', async () => {
    const received: CapturedRequest[] = [];
    mockToken(200, { access_token: 'app-token' }, received);
    await strategy.clientCredentials(['a', 'b']);
    expect(formFields(received[0].body).scope).toBe('a b');
  });
});

describe('password(username, password): grant_type=password (docs: supported grant types)', () => {
  const PASSWORD = 'correct horse battery staple';

  it('POSTs grant_type=password, username, password, an empty scope and the credentials', async () => {
    const received: CapturedRequest[] = [];
    mockToken(200, NEW_TOKENS, received);
    const tokens = await strategy.password('zoe@example.com', PASSWORD);
    expect(received[0].headers.accept).toBe('application/json');
    expect(formFields(received[0].body)).toEqual({
      grant_type: 'password',
      username: 'zoe@example.com',
      password: PASSWORD,
      scope: '',
      client_id: 'gofundo-client-1',
      client_secret: CLIENT_SECRET,
    });
    expect(tokens).toEqual({ accessToken: 'access-2', refreshToken: 'refresh-2', expiresIn: 3600, params: NEW_TOKENS });
  });

  it.each([
    ['an empty username', '', PASSWORD],
    ['an empty password', 'zoe@example.com', ''],
  ])('refuses %s with a TypeError, before any request', async (_what, username, password) => {
    await expect(strategy.password(username, password)).rejects.toThrow(
      new TypeError('Gofundo password() requires a username and a password'),
    );
  });

  it('never puts the password in an error message, even when Gofundo echoes it', async () => {
    mockToken(400, {
      error: 'invalid_grant',
      error_description: `The user credentials were incorrect: ${PASSWORD}`,
      message: `The user credentials were incorrect: ${PASSWORD}`,
    });
    const error = await strategy.password('zoe@example.com', PASSWORD).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderTokenError);
    expect((error as Error).message).toBe(
      'Gofundo token endpoint answered 400: The user credentials were incorrect: [redacted]',
    );
    expect(String(error)).not.toContain(PASSWORD);
    expect(JSON.stringify({ ...(error as object) })).not.toContain(PASSWORD);
  });
});
