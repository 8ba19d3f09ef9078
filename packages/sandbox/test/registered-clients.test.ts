import request from 'supertest';
import { startSandbox } from 'passport-nl-sandbox';
import { approvedCode, authorizeURL, codeGrant, postToken, useSandbox } from './support';

const REGISTERED = 'https://app.example.com/auth/gofundo/callback';
const CLIENT = { clientID: 'app-7Qe2', clientSecret: 'q9Vx-4LmZ8tR2wKe', redirectURIs: [REGISTERED] };

describe('a registered client of its own: id, secret and the exact redirect URIs (clients option)', () => {
  const { sandbox } = useSandbox({ clients: { gofundo: CLIENT, petjeaf: { clientSecret: 'other-secret-3f' } } });
  const gofundo = () => sandbox().providers.gofundo;

  it('is the provider client, and the others keep their default client', () => {
    expect(gofundo().client).toEqual({ clientID: CLIENT.clientID, clientSecret: CLIENT.clientSecret });
    expect(sandbox().providers.petjeaf.client).toEqual({
      clientID: 'sandbox-petjeaf-client',
      clientSecret: 'other-secret-3f',
    });
    expect(sandbox().providers.altdentifier.client.clientID).toBe('sandbox-altdentifier-client');
  });

  it('shows the authorize page for a registered redirect URI', async () => {
    const res = await request(gofundo().origin)
      .get(pathOf(authorizeURL(gofundo(), { redirect_uri: REGISTERED })))
      .expect(200);
    expect(res.text).toContain('Passport demo app');
  });

  it.each([
    ['http instead of https', 'http://app.example.com/auth/gofundo/callback'],
    ['another path', 'https://app.example.com/auth/callback'],
    ['a localhost URL (no longer any)', 'http://localhost:3000/auth/gofundo/callback'],
  ])('refuses %s as Gofundo documents it (invalid_client)', async (_case, redirectURI) => {
    const res = await request(gofundo().origin).get(pathOf(authorizeURL(gofundo(), { redirect_uri: redirectURI })));
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'invalid_client', message: 'Client authentication failed' });
  });

  it('answers invalid_client for the default client id, and exchanges a code with its own secret', async () => {
    const unknown = await request(gofundo().origin).get(
      pathOf(authorizeURL(gofundo(), { client_id: 'sandbox-gofundo-client', redirect_uri: REGISTERED })),
    );
    expect(unknown.body).toMatchObject({ error: 'invalid_client' });
    const code = approvedCode(gofundo(), { redirect_uri: REGISTERED });
    const res = await postToken(gofundo(), codeGrant(gofundo(), code, { redirect_uri: REGISTERED }));
    expect(res.status).toBe(200);
  });

  it('a refused redirect URI on a provider answering on a page names no localhost rule', async () => {
    const petjeaf = sandbox().providers.petjeaf;
    const res = await request(petjeaf.origin).get(pathOf(authorizeURL(petjeaf, { redirect_uri: REGISTERED })));
    expect(res.status).toBe(400);
    expect(res.text).toContain('redirect_uri is not registered');
  });
});

describe('clients option: a bad registration is refused at start', () => {
  it.each([
    [{ gofundo: { clientID: '' } }, 'clients.gofundo.clientID must be a non-empty string'],
    [{ altdentifier: { clientSecret: 3 as unknown as string } }, 'clients.altdentifier.clientSecret'],
    [{ petjeaf: { redirectURIs: ['/callback'] } }, 'clients.petjeaf.redirectURIs must be a list of absolute URLs'],
  ])('%j', async (clients, message) => {
    await expect(startSandbox({ clients })).rejects.toThrow(message);
  });
});

function pathOf(url: URL): string {
  return url.pathname + url.search;
}
