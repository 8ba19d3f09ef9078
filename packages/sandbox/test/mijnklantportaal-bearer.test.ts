import { startSandbox } from 'passport-nl-sandbox';
import { approvedCode, codeGrant, getProfile, postToken, useSandbox } from './support';

/**
 * The docs disagree: every API reference page says `Authorization: Bearer <token>`
 * (https://docs.developers.mijnklantportaal.nl/api-reference/customers-api/list-customers), the
 * authentication page `Authentication: Bearer <token>`
 * (https://docs.developers.mijnklantportaal.nl/getting-started/authentication).
 */
describe('MijnKlantportaal API calls: the bearer in Authorization only by default', () => {
  const { sandbox } = useSandbox();
  const mkp = () => sandbox().providers.mijnklantportaal;

  async function token(): Promise<string> {
    const code = approvedCode(mkp(), { scope: 'customers.read' });
    return (await postToken(mkp(), codeGrant(mkp(), code), 'json')).body.access_token;
  }

  it('accepts Authorization', async () => {
    expect((await getProfile(mkp(), await token(), 'Authorization')).status).toBe(200);
  });

  it('refuses the bearer in Authentication alone with {code, message}', async () => {
    const res = await getProfile(mkp(), await token(), 'Authentication');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 401, message: 'A bearer access token is required' });
  });
});

describe('providerSettings.mijnklantportaal.bearerHeader: the other readings of the docs', () => {
  const { sandbox } = useSandbox({ providerSettings: { mijnklantportaal: { bearerHeader: 'Authentication' } } });
  const mkp = () => sandbox().providers.mijnklantportaal;

  it('Authentication: accepts only that header', async () => {
    const code = approvedCode(mkp(), { scope: 'customers.read' });
    const { access_token: accessToken } = (await postToken(mkp(), codeGrant(mkp(), code), 'json')).body;
    expect((await getProfile(mkp(), accessToken, 'Authentication')).status).toBe(200);
    expect((await getProfile(mkp(), accessToken, 'Authorization')).status).toBe(401);
  });

  it('refuses an unknown value at start with a TypeError', async () => {
    await expect(
      startSandbox({ providerSettings: { mijnklantportaal: { bearerHeader: 'Bearer' as 'either' } } }),
    ).rejects.toThrow(
      new TypeError(
        'startSandbox: providerSettings.mijnklantportaal.bearerHeader must be Authorization, Authentication or either',
      ),
    );
  });
});
