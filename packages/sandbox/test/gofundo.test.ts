import request from 'supertest';
import { approvedCode, codeGrant, getProfile, postToken, useSandbox } from './support';

const { sandbox, advanceClock } = useSandbox();
const gofundo = () => sandbox().providers.gofundo;

describe('Gofundo requires Accept: application/json (else HTML, as a Laravel app answers a browser)', () => {
  it('answers the user endpoint without it with an HTML redirect to /login', async () => {
    const res = await request(gofundo().origin).get('/api/user').set('Authorization', 'Bearer whatever');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/login');
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('Redirecting to');
  });

  it('answers the token endpoint without it with HTML, even for a valid code', async () => {
    const res = await request(gofundo().origin)
      .post('/oauth/token')
      .type('form')
      .send(codeGrant(gofundo(), approvedCode(gofundo())));
    expect(res.type).toBe('text/html');
  });

  it('serves JSON when the request asks for it', async () => {
    const res = await postToken(gofundo(), codeGrant(gofundo(), approvedCode(gofundo())));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 1_209_600,
      access_token: expect.any(String),
      refresh_token: expect.any(String),
    });
  });
});

describe('Gofundo token endpoint', () => {
  it('accepts a JSON body too (Laravel)', async () => {
    const res = await postToken(gofundo(), codeGrant(gofundo(), approvedCode(gofundo())), 'json');
    expect(res.status).toBe(200);
  });

  it('answers a wrong secret with the documented body', async () => {
    const res = await postToken(gofundo(), codeGrant(gofundo(), approvedCode(gofundo()), { client_secret: 'nope' }));
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      error: 'invalid_client',
      error_description: 'Client authentication failed',
      message: 'Client authentication failed',
    });
  });

  it('refuses a redirect_uri other than the authorize request one', async () => {
    const res = await postToken(
      gofundo(),
      codeGrant(gofundo(), approvedCode(gofundo()), { redirect_uri: 'http://localhost:1/other' }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: 'invalid_grant',
      hint: 'redirect_uri does not match the one of the authorization request',
    });
    expect(res.body.message).toBe(res.body.error_description);
  });

  it('refuses a reused code', async () => {
    const fields = codeGrant(gofundo(), approvedCode(gofundo()));
    await postToken(gofundo(), fields);
    const again = await postToken(gofundo(), fields);
    expect(again.body).toMatchObject({ error: 'invalid_grant', hint: 'authorization code has already been used' });
  });
});

describe('Gofundo /api/user', () => {
  it("answers Laravel's user model with an integer id", async () => {
    const user = gofundo().users[1];
    const { access_token: token } = (
      await postToken(gofundo(), codeGrant(gofundo(), approvedCode(gofundo(), {}, user.id)))
    ).body;
    const res = await getProfile(gofundo(), token);
    expect(res.body).toMatchObject({ id: 1043, name: 'Zoë Ångström', email: user.email });
  });

  it('answers an expired token with 401 Unauthenticated', async () => {
    const { access_token: token } = (await postToken(gofundo(), codeGrant(gofundo(), approvedCode(gofundo())))).body;
    advanceClock(1_209_600_000);
    const res = await getProfile(gofundo(), token);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      error: 'unauthenticated',
      error_description: 'the access token has expired',
      message: 'Unauthenticated.',
    });
  });
});
