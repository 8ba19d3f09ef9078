import http from 'node:http';
import type { AddressInfo } from 'node:net';
import refresh from 'passport-oauth2-refresh';
import { Strategy as AltDentifierStrategy } from 'passport-altdentifier';
import { Strategy as GofundoStrategy } from 'passport-gofundo';
import { Strategy as MijnKlantportaalStrategy } from 'passport-mijnklantportaal';
import { Strategy as PetjeafStrategy } from 'passport-petjeaf';
import { ProviderApiError, type ProviderStrategyOptions } from 'passport-provider-kit';
import { startSandbox, type ProviderName, type Sandbox } from 'passport-nl-sandbox';
import type { OAuth2 } from 'oauth';

/**
 * The four strategies with code written for passport-oauth2, against the local sandbox over
 * real HTTP: passport-oauth2-refresh, and `strategy._oauth2.get` as apps call it after login.
 */

const CALLBACK_URL = 'http://127.0.0.1/callback';
const SCOPES: Record<ProviderName, string> = {
  petjeaf: 'profile.read',
  gofundo: '',
  mijnklantportaal: 'customers.read',
  altdentifier: 'read:user',
};
const STRATEGIES = {
  petjeaf: PetjeafStrategy,
  gofundo: GofundoStrategy,
  mijnklantportaal: MijnKlantportaalStrategy,
  altdentifier: AltDentifierStrategy,
} as const;

/** One request as it reached the wire: request line, raw headers in order and case, body. */
interface WireRequest {
  method: string;
  url: string;
  rawHeaders: string[];
  body: string;
}

/** A recording forwarder in front of one sandbox server: records each request, then relays it. */
async function recordingForwarder(
  target: string,
): Promise<{ origin: string; seen: WireRequest[]; close(): Promise<void> }> {
  const seen: WireRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        rawHeaders: req.rawHeaders,
        body: body.toString('utf8'),
      });
      const upstream = http.request(
        new URL(req.url ?? '/', target),
        { method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The strategy's node-oauth client, as passport-oauth2-refresh and apps reach it. */
function clientOf(strategy: object): OAuth2 {
  return (strategy as { _oauth2: OAuth2 })._oauth2;
}

type AnyStrategy = InstanceType<(typeof STRATEGIES)[ProviderName]>;

function makeStrategy(name: ProviderName, sandbox: Sandbox, tokenURL?: string): AnyStrategy {
  const provider = sandbox.providers[name];
  const options: ProviderStrategyOptions & { userProfileURL?: string } = {
    clientID: provider.client.clientID,
    clientSecret: provider.client.clientSecret,
    callbackURL: CALLBACK_URL,
    authorizationURL: provider.authorizationURL,
    tokenURL: tokenURL ?? provider.tokenURL,
  };
  if (name !== 'petjeaf') options.userProfileURL = provider.userProfileURL;
  const Strategy = STRATEGIES[name] as unknown as new (o: object, v: () => void) => AnyStrategy;
  return new Strategy(options, () => undefined);
}

/** A code from the sandbox's authorize page (approved as its first user), exchanged through `_oauth2`. */
async function login(
  name: ProviderName,
  sandbox: Sandbox,
  strategy: AnyStrategy,
): Promise<{ accessToken: string; refreshToken: string }> {
  const provider = sandbox.providers[name];
  const authorize = new URL(provider.authorizationURL);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: provider.client.clientID,
    redirect_uri: CALLBACK_URL,
    scope: SCOPES[name],
    state: 'interop-state',
  }).toString();
  const code = new URL(provider.decide(authorize)).searchParams.get('code') ?? '';
  return new Promise((resolve, reject) => {
    clientOf(strategy).getOAuthAccessToken(
      code,
      { grant_type: 'authorization_code', redirect_uri: CALLBACK_URL },
      (err, accessToken, refreshToken) => {
        if (err || !accessToken || !refreshToken) reject(err ?? new Error('no tokens'));
        else resolve({ accessToken, refreshToken });
      },
    );
  });
}

function refreshThroughLibrary(
  name: string,
  refreshToken: string,
): Promise<{ accessToken?: string; refreshToken?: string }> {
  return new Promise((resolve, reject) => {
    refresh.requestNewAccessToken(name, refreshToken, (err, accessToken, newRefreshToken) => {
      if (err) reject(err);
      else resolve({ accessToken, refreshToken: newRefreshToken });
    });
  });
}

function getThroughClient(strategy: AnyStrategy, url: string, accessToken: string) {
  return new Promise<{ err: unknown; body?: string | Buffer; status?: number }>((resolve) => {
    clientOf(strategy).get(url, accessToken, (err, body, response) =>
      resolve({ err, body, status: response?.statusCode }),
    );
  });
}

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

describe.each(Object.keys(STRATEGIES) as ProviderName[])('%s with passport-oauth2-refresh', (name) => {
  it('refreshes through refresh.requestNewAccessToken, and the new token works', async () => {
    const strategy = makeStrategy(name, sandbox);
    const tokens = await login(name, sandbox, strategy);
    refresh.use(strategy);
    const renewed = await refreshThroughLibrary(name, tokens.refreshToken);
    expect(renewed.accessToken).toEqual(expect.any(String));
    expect(renewed.accessToken).not.toBe(tokens.accessToken);
    const profileURL = sandbox.providers[name].userProfileURL as string;
    expect((await getThroughClient(strategy, profileURL, renewed.accessToken as string)).err).toBeNull();
    strategy.close();
  });

  it('sends byte for byte the request strategy.refresh() sends', async () => {
    const forwarder = await recordingForwarder(sandbox.providers[name].origin);
    try {
      const tokenURL = new URL(new URL(sandbox.providers[name].tokenURL).pathname, forwarder.origin).href;
      const strategy = makeStrategy(name, sandbox, tokenURL);
      const tokens = await login(name, sandbox, strategy);
      refresh.use(`${name}-wire`, strategy);
      forwarder.seen.length = 0;
      await refreshThroughLibrary(`${name}-wire`, tokens.refreshToken);
      // The same refresh token again (a rotating provider refuses it now): only the request matters.
      await strategy.refresh(tokens.refreshToken).catch(() => undefined);
      expect(forwarder.seen).toHaveLength(2);
      const [library, own] = forwarder.seen;
      expect(own).toEqual(library);
      expect(library.method).toBe('POST');
      expect(library.body).toContain(tokens.refreshToken);
      expect(library.body).toContain('refresh_token');
      strategy.close();
    } finally {
      await forwarder.close();
    }
  });
});

describe.each(Object.keys(STRATEGIES) as ProviderName[])('%s: strategy._oauth2.get', (name) => {
  let strategy: AnyStrategy;
  let accessToken: string;
  let answers: http.Server;
  let answersOrigin: string;
  const seenHeaders: http.IncomingHttpHeaders[] = [];
  const seenURLs: string[] = [];

  beforeAll(async () => {
    strategy = makeStrategy(name, sandbox);
    ({ accessToken } = await login(name, sandbox, strategy));
    answers = http.createServer((req, res) => {
      seenHeaders.push(req.headers);
      seenURLs.push(req.url ?? '');
      if (req.url === '/html') res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><p>login</p>');
      else if (req.url === '/redirect') res.writeHead(302, { location: '/login' }).end();
      else if (req.url === '/unauthorized')
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Unauthenticated."}');
      else res.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"down"}');
    });
    await new Promise<void>((resolve) => answers.listen(0, '127.0.0.1', resolve));
    answersOrigin = `http://127.0.0.1:${(answers.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    strategy.close();
    answers.closeAllConnections();
    await new Promise((resolve) => answers.close(resolve));
  });

  it("reads the sandbox's API endpoint with the token in a header: 200 and its JSON", async () => {
    const url = sandbox.providers[name].userProfileURL as string;
    const outcome = await getThroughClient(strategy, url, accessToken);
    expect(outcome.err).toBeNull();
    expect(outcome.status).toBe(200);
    expect(JSON.parse(String(outcome.body))).toEqual(expect.any(Object));
  });

  it('never puts the token in the URL, and sends the provider headers', async () => {
    seenHeaders.length = 0;
    seenURLs.length = 0;
    await getThroughClient(strategy, `${answersOrigin}/unauthorized`, accessToken);
    expect(seenURLs).toEqual(['/unauthorized']);
    expect(seenHeaders[0].authorization).toBe(`Bearer ${accessToken}`);
    if (name === 'mijnklantportaal') expect(seenHeaders[0].authentication).toBe(`Bearer ${accessToken}`);
    if (name === 'gofundo') expect(seenHeaders[0].accept).toBe('application/json');
  });

  it.each([
    ['an HTML page', '/html', 'html_body'],
    ['a redirect', '/redirect', 'redirect'],
    ['a 401', '/unauthorized', 'provider_error'],
    ['a 5xx', '/unavailable', 'provider_error'],
  ])('calls back an error for %s', async (_what, path, reason) => {
    const outcome = await getThroughClient(strategy, `${answersOrigin}${path}`, accessToken);
    expect(outcome.err).toBeInstanceOf(ProviderApiError);
    expect(outcome.err).toMatchObject({ reason });
    expect((outcome.err as Error).message).not.toContain(accessToken);
  });
});
