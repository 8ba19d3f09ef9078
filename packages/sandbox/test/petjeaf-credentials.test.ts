import { Strategy as PetjeafStrategy } from 'passport-petjeaf';
import { approvedCode, codeGrant, postToken, useSandbox } from './support';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

/** The tokens page lists client_id and client_secret in the request body: https://docs.petje.af/petje.af-api/authentication/tokens */
describe('Petje.af token endpoint: client credentials in the body only (documented)', () => {
  const { sandbox } = useSandbox();
  const petjeaf = () => sandbox().providers.petjeaf;

  it('accepts them in the body', async () => {
    const res = await postToken(petjeaf(), codeGrant(petjeaf(), approvedCode(petjeaf())));
    expect(res.status).toBe(200);
  });

  it('refuses them as HTTP Basic alone with a 401 problem body', async () => {
    const { client_id: _id, client_secret: _secret, ...fields } = codeGrant(petjeaf(), approvedCode(petjeaf()));
    const { clientID, clientSecret } = petjeaf().client;
    const res = await postToken(petjeaf(), fields).set('Authorization', basic(clientID, clientSecret));
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ status: 401, detail: 'Invalid client: client authentication failed' });
  });
});

describe('providerSettings.petjeaf.acceptBasicAuth: Basic as well, as the official PHP client sends it', () => {
  const { sandbox } = useSandbox({ providerSettings: { petjeaf: { acceptBasicAuth: true } } });
  const petjeaf = () => sandbox().providers.petjeaf;

  it('accepts HTTP Basic alone', async () => {
    const { client_id: _id, client_secret: _secret, ...fields } = codeGrant(petjeaf(), approvedCode(petjeaf()));
    const { clientID, clientSecret } = petjeaf().client;
    const res = await postToken(petjeaf(), fields).set('Authorization', basic(clientID, clientSecret));
    expect(res.status).toBe(200);
  });
});

describe('Petje.af strategy against the sandbox: baseURL and apiBaseURL move every endpoint, credentials in the body', () => {
  const { sandbox } = useSandbox();
  const petjeaf = () => sandbox().providers.petjeaf;

  it('refreshes and revokes through the endpoints derived from baseURL / apiBaseURL', async () => {
    const { clientID, clientSecret, origin } = { ...petjeaf().client, origin: petjeaf().origin };
    const strategy = new PetjeafStrategy(
      { clientID, clientSecret, baseURL: origin, apiBaseURL: `${origin}/v1`, callbackURL: 'http://localhost:3999/cb' },
      (_accessToken, _refreshToken, profile, done) => done(null, profile),
    );
    const { refresh_token: refreshToken } = (await postToken(petjeaf(), codeGrant(petjeaf(), approvedCode(petjeaf()))))
      .body;
    const tokens = await strategy.refresh(refreshToken);
    expect(tokens.refreshToken).not.toBe(refreshToken);
    await strategy.revoke(tokens.accessToken);
    strategy.close();
  });
});
