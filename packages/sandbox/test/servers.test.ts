import https from 'node:https';
import { startSandbox, type Sandbox } from 'passport-nl-sandbox';

function get(url: string, agent: https.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

describe('HTTPS with a self-signed certificate generated at start', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ https: true });
  });
  afterAll(() => sandbox.close());

  it('serves every provider over https, trusted through the exported CA', async () => {
    expect(sandbox.ca).toContain('BEGIN CERTIFICATE');
    const agent = new https.Agent({ ca: sandbox.ca, keepAlive: true });
    for (const provider of Object.values(sandbox.providers)) {
      expect(provider.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(await get(`${provider.origin}/no-such-path`, agent)).toBe(404);
    }
    agent.destroy();
  });

  it('counts connections, TLS handshakes and requests per provider', async () => {
    const { petjeaf, gofundo } = sandbox.providers;
    petjeaf.resetStats();
    gofundo.resetStats();
    const agent = new https.Agent({ ca: sandbox.ca, keepAlive: true, maxSockets: 1 });
    for (let i = 0; i < 5; i++) await get(`${petjeaf.origin}/x`, agent);
    expect(petjeaf.stats()).toEqual({ connections: 1, tlsHandshakes: 1, requests: 5 });
    expect(gofundo.stats()).toEqual({ connections: 0, tlsHandshakes: 0, requests: 0 });
    const fresh = new https.Agent({ ca: sandbox.ca, keepAlive: false });
    await get(`${petjeaf.origin}/x`, fresh);
    expect(petjeaf.stats()).toEqual({ connections: 2, tlsHandshakes: 2, requests: 6 });
    agent.destroy();
  });

  it('refuses clients that do not trust the certificate', async () => {
    await expect(get(`${sandbox.providers.petjeaf.origin}/`, new https.Agent())).rejects.toThrow(
      /self-signed|self signed/,
    );
  });
});

describe('fixed ports and options', () => {
  it('listens on the requested ports', async () => {
    const probe = await startSandbox();
    const port = Number(new URL(probe.providers.gofundo.origin).port);
    await probe.close();
    const sandbox = await startSandbox({ ports: { gofundo: port } });
    expect(sandbox.providers.gofundo.origin).toBe(`http://127.0.0.1:${port}`);
    await sandbox.close();
  });

  it('refuses a bad delay or port', async () => {
    await expect(startSandbox({ delayMs: -1 })).rejects.toThrow('delayMs must be a number >= 0');
    await expect(startSandbox({ ports: { petjeaf: 70000 } })).rejects.toThrow('ports.petjeaf must be an integer port');
  });
});

describe('delayMs: each token and profile answer leaves delayMs after its request arrived', () => {
  const DELAY = 60;
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ delayMs: DELAY });
  });
  afterAll(() => sandbox.close());

  const profileStatus = (): Promise<{ status: number; ms: number }> => {
    const started = performance.now();
    return fetch(sandbox.providers.gofundo.userProfileURL as string, {
      headers: { Accept: 'application/json', Authorization: 'Bearer unknown-token' },
    }).then(async (res) => {
      await res.arrayBuffer();
      return { status: res.status, ms: performance.now() - started };
    });
  };

  it('holds the answer (an error answer too) for at least delayMs', async () => {
    const { status, ms } = await profileStatus();
    expect(status).toBe(401);
    expect(ms).toBeGreaterThanOrEqual(DELAY);
  });

  it('waits for each request on its own clock: concurrent requests are not queued behind each other', async () => {
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 5 }, profileStatus));
    expect(answers.every((answer) => answer.ms >= DELAY)).toBe(true);
    // Queued, five answers would take 5 × DELAY; on its own clock each takes DELAY plus its work.
    expect(performance.now() - started).toBeLessThan(4 * DELAY);
  });

  it('does not delay what is not a token or profile answer', async () => {
    const started = performance.now();
    const res = await fetch(`${sandbox.providers.gofundo.origin}/no-such-path`);
    await res.arrayBuffer();
    expect(res.status).toBe(404);
    expect(performance.now() - started).toBeLessThan(DELAY);
  });
});

describe('decide(): the authorize decision without HTTP', () => {
  it('returns the callback URL with a code, and throws where the page would refuse', async () => {
    const sandbox = await startSandbox();
    const { petjeaf } = sandbox.providers;
    const url = new URL(petjeaf.authorizationURL);
    url.search = new URLSearchParams({
      client_id: petjeaf.client.clientID,
      redirect_uri: 'http://localhost/cb',
      response_type: 'code',
    }).toString();
    expect(petjeaf.decide(url)).toMatch(/^http:\/\/localhost\/cb\?code=/);
    expect(petjeaf.decide(url, { decision: 'deny' })).toContain('error=access_denied');
    url.searchParams.set('redirect_uri', 'https://evil.example/');
    expect(() => petjeaf.decide(url)).toThrow('Petje.af sandbox refused the authorize request (bad_redirect)');
    expect(petjeaf.stats().requests).toBe(0);
    await sandbox.close();
  });
});
