import jwt from 'jsonwebtoken';
import request from 'supertest';
import { approvedCode, codeGrant, getProfile, postToken, useSandbox } from './support';

const { sandbox, advanceClock } = useSandbox();
const petjeaf = () => sandbox().providers.petjeaf;
const problem = (status: number, title: string, detail: string) => ({
  status,
  title,
  detail,
  _links: { documentation: { href: 'https://docs.petje.af', type: 'text/html' } },
});

describe('Petje.af token endpoint: form-urlencoded only', () => {
  it('refuses a JSON body with a problem-details body', async () => {
    const res = await postToken(petjeaf(), codeGrant(petjeaf(), approvedCode(petjeaf())), 'json');
    expect(res.status).toBe(415);
    expect(res.body).toEqual(
      problem(
        415,
        'Unsupported Media Type',
        'Unsupported media type: Use application/x-www-form-urlencoded for the POST request',
      ),
    );
  });
});

describe('Petje.af access token: a HS256 JWT with id, name, email and exp', () => {
  it('is signed with the sandbox secret and carries the chosen user', async () => {
    const user = petjeaf().users[0];
    const res = await postToken(
      petjeaf(),
      codeGrant(petjeaf(), approvedCode(petjeaf(), { scope: 'profile.read' }, user.id)),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3599,
      scope: 'profile.read',
      refresh_token: expect.any(String),
    });
    const claims = jwt.verify(res.body.access_token, petjeaf().jwtSecret as string, {
      algorithms: ['HS256'],
    }) as jwt.JwtPayload;
    expect(claims).toMatchObject({ id: user.id, name: 'Zoë Ångström', email: user.email });
    expect(claims.exp).toBe((claims.iat as number) + 3599);
  });
});

describe('Petje.af code rules', () => {
  it('refuses a reused code with the documented detail', async () => {
    const fields = codeGrant(petjeaf(), approvedCode(petjeaf()));
    expect((await postToken(petjeaf(), fields)).status).toBe(200);
    const again = await postToken(petjeaf(), fields);
    expect(again.status).toBe(400);
    expect(again.body).toEqual(problem(400, 'Bad Request', 'Invalid grant: authorization code has already been used'));
  });

  it('refuses an unknown code with the documented body', async () => {
    const res = await postToken(petjeaf(), codeGrant(petjeaf(), 'made-up'));
    expect(res.body).toEqual(problem(400, 'Bad Request', 'Invalid grant: authorization code is invalid'));
  });

  it('refuses an expired code', async () => {
    const code = approvedCode(petjeaf());
    advanceClock(61_000);
    const res = await postToken(petjeaf(), codeGrant(petjeaf(), code));
    expect(res.body.detail).toBe('Invalid grant: authorization code has expired');
  });

  it('refuses a wrong client secret with 401', async () => {
    const res = await postToken(petjeaf(), codeGrant(petjeaf(), approvedCode(petjeaf()), { client_secret: 'wrong' }));
    expect(res.status).toBe(401);
    expect(res.body).toEqual(problem(401, 'Unauthorized', 'Invalid client: client authentication failed'));
  });
});

describe('Petje.af refresh tokens rotate', () => {
  it('answers a new refresh token and refuses the old one', async () => {
    const first = await postToken(petjeaf(), codeGrant(petjeaf(), approvedCode(petjeaf())));
    const { clientID, clientSecret } = petjeaf().client;
    const refresh = (token: string) =>
      postToken(petjeaf(), {
        grant_type: 'refresh_token',
        refresh_token: token,
        client_id: clientID,
        client_secret: clientSecret,
      });
    const second = await refresh(first.body.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).toEqual(expect.any(String));
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
    const reused = await refresh(first.body.refresh_token);
    expect(reused.body.detail).toBe('Invalid grant: refresh token is invalid');
  });
});

describe('Petje.af revocation: DELETE on the token URL with the bearer', () => {
  it('revokes the access token', async () => {
    const { access_token: token } = (await postToken(petjeaf(), codeGrant(petjeaf(), approvedCode(petjeaf())))).body;
    expect((await getProfile(petjeaf(), token)).status).toBe(200);
    const revoked = await request(petjeaf().origin).delete('/v1/oauth2/tokens').set('Authorization', `Bearer ${token}`);
    expect(revoked.status).toBe(204);
    const after = await getProfile(petjeaf(), token);
    expect(after.status).toBe(401);
    expect(after.body.detail).toBe('Invalid token: the access token is invalid or has been revoked');
  });
});

describe('Petje.af /v1/users/me', () => {
  it('answers id, name and email; an expired token gets a 401 problem body', async () => {
    const { access_token: token } = (await postToken(petjeaf(), codeGrant(petjeaf(), approvedCode(petjeaf())))).body;
    const res = await getProfile(petjeaf(), token);
    expect(res.body).toEqual({ id: petjeaf().users[0].id, name: 'Zoë Ångström', email: petjeaf().users[0].email });
    advanceClock(3600_000);
    const expired = await getProfile(petjeaf(), token);
    expect(expired.body).toEqual(problem(401, 'Unauthorized', 'Invalid token: the access token has expired'));
  });
});
