import { startSandbox } from 'passport-nl-sandbox';
import { approvedCode, codeGrant, postToken, useSandbox } from './support';

/** "All access tokens have an expiration of 2 weeks and refresh tokens expire after 1 hour." https://developer.gofundo.nl/gofundo */
const HOUR_MS = 3_600_000;

function useGofundo(options: Parameters<typeof useSandbox>[0] = {}) {
  const { sandbox, advanceClock } = useSandbox(options);
  const gofundo = () => sandbox().providers.gofundo;
  const login = async () => (await postToken(gofundo(), codeGrant(gofundo(), approvedCode(gofundo())))).body;
  const refresh = (refreshToken: string) =>
    postToken(gofundo(), {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: gofundo().client.clientID,
      client_secret: gofundo().client.clientSecret,
    });
  return { login, refresh, advanceClock };
}

describe('Gofundo token lifetimes as documented by default: access 2 weeks, refresh 1 hour', () => {
  const { login, refresh, advanceClock } = useGofundo();

  it('answers expires_in 1209600 (2 weeks)', async () => {
    expect((await login()).expires_in).toBe(1_209_600);
  });

  it('accepts a refresh token within the hour', async () => {
    const { refresh_token: refreshToken } = await login();
    advanceClock(HOUR_MS - 60_000);
    expect((await refresh(refreshToken)).status).toBe(200);
  });

  it('refuses a refresh token after 1 hour with invalid_grant', async () => {
    const { refresh_token: refreshToken } = await login();
    advanceClock(HOUR_MS + 1);
    const res = await refresh(refreshToken);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_grant', hint: 'refresh token has expired' });
  });
});

describe('providerSettings.gofundo.lifetimes "swapped": the reading where the docs swapped them', () => {
  const { login, refresh, advanceClock } = useGofundo({ providerSettings: { gofundo: { lifetimes: 'swapped' } } });

  it('access tokens last 1 hour and refresh tokens 2 weeks', async () => {
    const answer = await login();
    expect(answer.expires_in).toBe(3600);
    advanceClock(13 * 24 * HOUR_MS);
    expect((await refresh(answer.refresh_token)).status).toBe(200);
  });
});

describe('providerSettings.gofundo accessTokenLifetime / refreshTokenLifetime', () => {
  const { login, refresh, advanceClock } = useGofundo({
    providerSettings: { gofundo: { accessTokenLifetime: 60, refreshTokenLifetime: 120 } },
  });

  it('sets each lifetime in seconds', async () => {
    const answer = await login();
    expect(answer.expires_in).toBe(60);
    advanceClock(121_000);
    expect((await refresh(answer.refresh_token)).status).toBe(400);
  });

  it.each([
    [{ lifetimes: 'reversed' as 'swapped' }, 'lifetimes must be documented or swapped'],
    [{ accessTokenLifetime: 0 }, 'accessTokenLifetime must be a positive whole number of seconds'],
    [{ refreshTokenLifetime: 1.5 }, 'refreshTokenLifetime must be a positive whole number of seconds'],
  ])('refuses %o at start with a TypeError', async (gofundo, text) => {
    await expect(startSandbox({ providerSettings: { gofundo } })).rejects.toThrow(
      new TypeError(`startSandbox: providerSettings.gofundo.${text}`),
    );
  });
});
