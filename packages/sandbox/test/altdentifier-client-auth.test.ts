import { startSandbox } from 'passport-nl-sandbox';
import { approvedCode, codeGrant, postToken, useSandbox } from './support';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const INCORRECT = { error: 'Provided client credentials are incorrect' };

describe('AltDentifier with clientAuth basic: credentials read from HTTP Basic only', () => {
  const { sandbox } = useSandbox({ providerSettings: { altdentifier: { clientAuth: 'basic' } } });
  const alt = () => sandbox().providers.altdentifier;

  it('refuses the right credentials in the body with the documented 401', async () => {
    const res = await postToken(alt(), codeGrant(alt(), approvedCode(alt())));
    expect(res.status).toBe(401);
    expect(res.body).toEqual(INCORRECT);
  });

  it('grants with the same credentials as Basic', async () => {
    const { client_id: _id, client_secret: _secret, ...fields } = codeGrant(alt(), approvedCode(alt()));
    const res = await postToken(alt(), fields).set(
      'Authorization',
      basic(alt().client.clientID, alt().client.clientSecret),
    );
    expect(res.status).toBe(200);
  });

  it('answers a bad code as Basic with 400 "Cannot grant token" (the client was accepted)', async () => {
    const { client_id: _id, client_secret: _secret, ...fields } = codeGrant(alt(), 'not-a-code');
    const res = await postToken(alt(), fields).set(
      'Authorization',
      basic(alt().client.clientID, alt().client.clientSecret),
    );
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'Cannot grant token' });
  });
});

describe('AltDentifier with clientAuth body: credentials read from the body only', () => {
  const { sandbox } = useSandbox({ providerSettings: { altdentifier: { clientAuth: 'body' } } });
  const alt = () => sandbox().providers.altdentifier;

  it('refuses the right credentials as Basic with the documented 401, and grants them in the body', async () => {
    const { client_id: _id, client_secret: _secret, ...fields } = codeGrant(alt(), approvedCode(alt()));
    const asBasic = await postToken(alt(), fields).set(
      'Authorization',
      basic(alt().client.clientID, alt().client.clientSecret),
    );
    expect(asBasic.status).toBe(401);
    expect(asBasic.body).toEqual(INCORRECT);
    expect((await postToken(alt(), codeGrant(alt(), approvedCode(alt())))).status).toBe(200);
  });
});

describe('AltDentifier clientAuth: another value is refused at start', () => {
  it('names the setting', async () => {
    await expect(
      startSandbox({ providerSettings: { altdentifier: { clientAuth: 'header' as 'body' } } }),
    ).rejects.toThrow('providerSettings.altdentifier.clientAuth must be either, body or basic');
  });
});
