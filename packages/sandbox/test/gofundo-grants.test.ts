import request from 'supertest';
import { ProviderTokenError, Strategy as GofundoStrategy } from 'passport-gofundo';
import { postToken, useSandbox } from './support';

/** "When authenticating the following grand types are supported: authorization_code, password and client_credentials." */
const DOCS = 'https://developer.gofundo.nl/gofundo';

const { sandbox } = useSandbox();
const gofundo = () => sandbox().providers.gofundo;
const credentials = () => ({ client_id: gofundo().client.clientID, client_secret: gofundo().client.clientSecret });
const getUser = (token: string) =>
  request(gofundo().origin).get('/api/user').set('Accept', 'application/json').set('Authorization', `Bearer ${token}`);

describe(`Gofundo password grant (documented: ${DOCS})`, () => {
  it("issues an access and a refresh token for a seeded user's email and password; /api/user is that user", async () => {
    const user = gofundo().users[1];
    const res = await postToken(gofundo(), {
      grant_type: 'password',
      username: user.email,
      password: user.password as string,
      scope: '',
      ...credentials(),
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      token_type: 'Bearer',
      expires_in: 1_209_600,
      access_token: expect.any(String),
      refresh_token: expect.any(String),
    });
    expect((await getUser(res.body.access_token)).body).toMatchObject({ id: Number(user.id), email: user.email });
  });

  it('refuses a wrong password with invalid_grant', async () => {
    const user = gofundo().users[0];
    const res = await postToken(gofundo(), {
      grant_type: 'password',
      username: user.email,
      password: 'wrong',
      ...credentials(),
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_grant', hint: 'the user credentials were incorrect' });
  });

  it('refuses a request without username or password with invalid_request', async () => {
    const res = await postToken(gofundo(), { grant_type: 'password', username: 'x@example.nl', ...credentials() });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_request', hint: 'username and password are required' });
  });

  it('refuses a wrong client secret with the documented invalid_client body', async () => {
    const user = gofundo().users[0];
    const res = await postToken(gofundo(), {
      grant_type: 'password',
      username: user.email,
      password: user.password as string,
      client_id: gofundo().client.clientID,
      client_secret: 'nope',
    });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_client');
  });
});

describe(`Gofundo client_credentials grant (documented: ${DOCS})`, () => {
  it('issues an access token without a refresh token (Laravel Passport)', async () => {
    const res = await postToken(gofundo(), { grant_type: 'client_credentials', scope: '', ...credentials() });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ token_type: 'Bearer', expires_in: 1_209_600, access_token: expect.any(String) });
  });

  it('the token belongs to no user: /api/user answers 401 Unauthenticated', async () => {
    const { access_token: token } = (await postToken(gofundo(), { grant_type: 'client_credentials', ...credentials() }))
      .body;
    const res = await getUser(token);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ message: 'Unauthenticated.' });
  });

  it('refuses a non-empty scope (Gofundo has none: scope "Containing empty string")', async () => {
    const res = await postToken(gofundo(), { grant_type: 'client_credentials', scope: 'admin', ...credentials() });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_request', hint: 'scope must be empty (Gofundo has no scopes)' });
  });

  it('still refuses a grant Gofundo does not list', async () => {
    const res = await postToken(gofundo(), { grant_type: 'implicit', ...credentials() });
    expect(res.body.error).toBe('unsupported_grant_type');
  });
});

describe('Gofundo strategy end to end against the sandbox: clientCredentials() and password()', () => {
  let strategy: GofundoStrategy;
  beforeAll(() => {
    const { clientID, clientSecret } = gofundo().client;
    strategy = new GofundoStrategy(
      { clientID, clientSecret, baseURL: gofundo().origin, callbackURL: 'http://localhost:3999/callback' },
      (_accessToken, _refreshToken, profile, done) => done(null, profile),
    );
  });
  afterAll(() => strategy.close());

  it('clientCredentials() gets an access token and no refresh token', async () => {
    const tokens = await strategy.clientCredentials();
    expect(tokens.accessToken).toEqual(expect.any(String));
    expect(tokens.refreshToken).toBeUndefined();
    expect(tokens.expiresIn).toBe(1_209_600);
  });

  it('password() gets tokens for the user, and refresh() rotates them', async () => {
    const user = gofundo().users[0];
    const tokens = await strategy.password(user.email, user.password as string);
    expect((await getUser(tokens.accessToken)).body.id).toBe(Number(user.id));
    const refreshed = await strategy.refresh(tokens.refreshToken as string);
    expect(refreshed.refreshToken).not.toBe(tokens.refreshToken);
    await expect(strategy.refresh(tokens.refreshToken as string)).rejects.toBeInstanceOf(ProviderTokenError);
  });

  it('password() with a wrong password rejects with the provider status and reason', async () => {
    const error = await strategy.password(gofundo().users[0].email, 'wrong').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderTokenError);
    expect(error).toMatchObject({ providerStatus: 400, providerCode: 'invalid_grant' });
  });
});
