import { approvedCode, codeGrant, getProfile, postToken, useSandbox } from './support';

const { sandbox } = useSandbox();
const mkp = () => sandbox().providers.mijnklantportaal;
const code = () => approvedCode(mkp(), { scope: 'customers.read invoices.read' });

describe('MijnKlantportaal token endpoint: JSON body only', () => {
  it('refuses a form body with {code, message}', async () => {
    const res = await postToken(mkp(), codeGrant(mkp(), code()), 'form');
    expect(res.status).toBe(415);
    expect(res.body).toEqual({ code: 415, message: 'The request body must be JSON (Content-Type: application/json)' });
  });

  it('answers access_token, refresh_token and expires_in to a JSON body', async () => {
    const res = await postToken(mkp(), codeGrant(mkp(), code()), 'json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['access_token', 'expires_in', 'refresh_token']);
  });

  it('refuses a wrong secret and a reused code with {code, message}', async () => {
    const wrong = await postToken(mkp(), codeGrant(mkp(), code(), { client_secret: 'x' }), 'json');
    expect(wrong.body).toEqual({ code: 401, message: 'Client authentication failed' });
    const fields = codeGrant(mkp(), code());
    await postToken(mkp(), fields, 'json');
    const again = await postToken(mkp(), fields, 'json');
    expect(again.body).toEqual({ code: 400, message: 'Authorization code has already been used' });
  });

  it('requires redirect_uri', async () => {
    const { redirect_uri: _dropped, ...fields } = codeGrant(mkp(), code());
    const res = await postToken(mkp(), fields, 'json');
    expect(res.body.message).toBe('Redirect_uri does not match the one of the authorization request');
  });
});

describe('MijnKlantportaal refresh: no new refresh token, the old one stays valid', () => {
  it('answers without refresh_token and accepts the same refresh token again', async () => {
    const first = await postToken(mkp(), codeGrant(mkp(), code()), 'json');
    const { clientID, clientSecret } = mkp().client;
    const fields = {
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token,
      client_id: clientID,
      client_secret: clientSecret,
    };
    const second = await postToken(mkp(), fields, 'json');
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).toBeUndefined();
    const third = await postToken(mkp(), fields, 'json');
    expect(third.status).toBe(200);
    expect(third.body.access_token).not.toBe(second.body.access_token);
  });
});

describe('MijnKlantportaal sandbox-only /v1/sandbox/me', () => {
  it('takes the bearer in Authorization (the header of the API reference; see mijnklantportaal-bearer.test.ts)', async () => {
    const user = mkp().users[0];
    const { access_token: token } = (await postToken(mkp(), codeGrant(mkp(), code()), 'json')).body;
    const res = await getProfile(mkp(), token, 'Authorization');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: user.id, name: 'Zoë Ångström', email: user.email, company_name: user.companyName });
    expect(res.headers['x-sandbox-only']).toContain('sandbox');
  });

  it('answers a missing token with {code, message}', async () => {
    const res = await getProfile(mkp(), 'x', 'X-Other');
    expect(res.body).toEqual({ code: 401, message: 'A bearer access token is required' });
  });
});
