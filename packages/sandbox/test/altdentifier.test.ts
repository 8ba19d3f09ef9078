import { approvedCode, codeGrant, getProfile, postToken, useSandbox } from './support';

const { sandbox } = useSandbox();
const alt = () => sandbox().providers.altdentifier;
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('AltDentifier client credentials: in the body or HTTP Basic', () => {
  it('accepts Basic', async () => {
    const {
      client_id: _id,
      client_secret: _secret,
      ...fields
    } = codeGrant(alt(), approvedCode(alt(), { scope: 'read:user' }));
    const res = await postToken(alt(), fields).set(
      'Authorization',
      basic(alt().client.clientID, alt().client.clientSecret),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 604_800, scope: 'read:user' });
  });

  it('refuses a wrong Basic secret with the documented sentence', async () => {
    const { client_id: _id, client_secret: _secret, ...fields } = codeGrant(alt(), approvedCode(alt()));
    const res = await postToken(alt(), fields).set('Authorization', basic(alt().client.clientID, 'wrong'));
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'Provided client credentials are incorrect' });
  });
});

describe('AltDentifier errors: {"error": "<sentence>"}', () => {
  it('refuses a reused code with 400 "Cannot grant token"', async () => {
    const fields = codeGrant(alt(), approvedCode(alt()));
    await postToken(alt(), fields);
    const again = await postToken(alt(), fields);
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ error: 'Cannot grant token' });
  });

  it('replaying a code revokes the token it gave (RFC 6749 §4.1.2)', async () => {
    const fields = codeGrant(alt(), approvedCode(alt()));
    const first = await postToken(alt(), fields);
    await postToken(alt(), fields);
    const res = await getProfile(alt(), first.body.access_token);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'The access token is invalid or has been revoked' });
  });
});

describe('AltDentifier /api/v2/user/@me', () => {
  it('answers a Discord-style user with a snowflake string id and a discriminator', async () => {
    const user = alt().users[1];
    const { access_token: token } = (await postToken(alt(), codeGrant(alt(), approvedCode(alt(), {}, user.id)))).body;
    const res = await getProfile(alt(), token);
    expect(res.body).toMatchObject({ id: '283012871929249792', username: 'Zoë Ångström', discriminator: '4821' });
  });
});

describe('AltDentifier refresh (undocumented; the sandbox accepts it)', () => {
  it('issues a new access and refresh token', async () => {
    const first = await postToken(alt(), codeGrant(alt(), approvedCode(alt())));
    const { clientID, clientSecret } = alt().client;
    const res = await postToken(alt(), {
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token,
      client_id: clientID,
      client_secret: clientSecret,
    });
    expect(res.status).toBe(200);
    expect(res.body.refresh_token).not.toBe(first.body.refresh_token);
  });
});
