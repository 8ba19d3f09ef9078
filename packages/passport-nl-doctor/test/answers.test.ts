import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox, type Sandbox } from 'passport-nl-sandbox';
import { neverPrintsSecretsSuite, randomSecret, runDoctorCommand } from './support';

/**
 * A server that is not a provider: an HTML page at /page, a 302 to another host at
 * /moved, and a 404 JSON elsewhere.
 */
let server: Server;
let origin: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/page')) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end('<!DOCTYPE html><html><head><title>Welcome</title></head><body><h1>Our shop</h1></body></html>');
    }
    if (req.url?.startsWith('/login-first')) {
      res.writeHead(302, { Location: '/login' });
      return res.end();
    }
    if (req.url?.startsWith('/sso')) {
      res.writeHead(302, { Location: 'https://login.example.net/authorize' });
      return res.end();
    }
    if (req.url?.startsWith('/back-with-error')) {
      const back = new URL('https://app.example.com/auth/gofundo/callback');
      back.searchParams.set('error', 'invalid_scope');
      back.searchParams.set('error_description', 'The requested scope is invalid');
      res.writeHead(302, { Location: back.toString() });
      return res.end();
    }
    if (req.url?.startsWith('/moved')) {
      res.writeHead(302, { Location: 'https://new-host.example/oauth/token' });
      return res.end();
    }
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end('{"message":"Not Found"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const secret = randomSecret();
const env = (overrides: Record<string, string>) => ({
  GOFUNDO_CLIENT_ID: 'app-1',
  GOFUNDO_CLIENT_SECRET: secret,
  GOFUNDO_AUTHORIZATION_URL: `${origin}/page/authorize`,
  GOFUNDO_TOKEN_URL: `${origin}/moved`,
  GOFUNDO_USER_PROFILE_URL: `${origin}/page/user`,
  BASE_URL: 'https://app.example.com',
  ...overrides,
});

describe('an answer that is not what the endpoint should give is named', () => {
  it('a redirect to another host at the token endpoint: named, never followed, fix: set the URL it names', async () => {
    const run = await runDoctorCommand('gofundo', env({}));
    expect(run.check('token endpoint: client credentials')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('302 redirect to another host, https://new-host.example/oauth/token'),
      fix: expect.stringMatching(/^Set GOFUNDO_TOKEN_URL to the URL it redirects to/),
    });
  });

  it('an HTML page where JSON is expected (the user endpoint): named with its title', async () => {
    const run = await runDoctorCommand('gofundo', env({}));
    expect(run.check('user endpoint')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('200 with an HTML page where JSON is expected ("Welcome Our shop")'),
      fix: expect.stringMatching(/^Check GOFUNDO_USER_PROFILE_URL: it points at a web page/),
    });
  });
});

describe('authorize answers the doctor cannot read as ✓ or ✗ are ?, with what it saw', () => {
  const AUTHORIZE = 'authorize endpoint: client id and callback';

  it('a login page first (same host): the client is checked only after a login', async () => {
    const run = await runDoctorCommand('gofundo', env({ GOFUNDO_AUTHORIZATION_URL: `${origin}/login-first` }));
    expect(run.check(AUTHORIZE)).toMatchObject({
      ok: null,
      detail: expect.stringContaining(
        "asks for a login first (redirect to /login) and checks the client and callback only after it, so the doctor can't tell",
      ),
    });
  });

  it('a redirect to another host: a login service or a moved site, named', async () => {
    const run = await runDoctorCommand('gofundo', env({ GOFUNDO_AUTHORIZATION_URL: `${origin}/sso` }));
    expect(run.check(AUTHORIZE)).toMatchObject({
      ok: null,
      detail: expect.stringContaining('redirects to another host, https://login.example.net/authorize'),
      fix: 'If Gofundo moved, set GOFUNDO_AUTHORIZATION_URL to the new address.',
    });
  });

  it('back to the callback with an error: client and callback accepted, the error named (✗)', async () => {
    const run = await runDoctorCommand('gofundo', env({ GOFUNDO_AUTHORIZATION_URL: `${origin}/back-with-error` }));
    expect(run.check(AUTHORIZE)).toMatchObject({
      ok: false,
      detail:
        'client id and callback accepted, but Gofundo sent back error=invalid_scope: "The requested scope is invalid"',
    });
  });
});

describe('a self-signed certificate is named at the TLS step', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ https: true, clients: { gofundo: { clientSecret: randomSecret() } } });
  });
  afterAll(() => sandbox.close());

  it('with the fix for a test server (NODE_EXTRA_CA_CERTS), and no request to it', async () => {
    const gofundo = sandbox.providers.gofundo;
    const run = await runDoctorCommand('gofundo', {
      GOFUNDO_CLIENT_ID: gofundo.client.clientID,
      GOFUNDO_CLIENT_SECRET: gofundo.client.clientSecret,
      GOFUNDO_AUTHORIZATION_URL: gofundo.authorizationURL,
      GOFUNDO_TOKEN_URL: gofundo.tokenURL,
      GOFUNDO_USER_PROFILE_URL: gofundo.userProfileURL,
    });
    expect(run.check(`reach ${gofundo.origin}`)).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/TCP \d+ ms, then TLS: the certificate is self-signed$/),
      fix: 'A real provider has no self-signed certificate: correct GOFUNDO_AUTHORIZATION_URL / GOFUNDO_TOKEN_URL / GOFUNDO_USER_PROFILE_URL, or for your own test server start node with NODE_EXTRA_CA_CERTS=<its certificate>.',
    });
    expect(gofundo.stats().requests).toBe(0);
  });
});

neverPrintsSecretsSuite();
