import { spawn, type ChildProcess } from 'node:child_process';
import request from 'supertest';
import { loadConfig, startDemo, type RunningDemo } from 'express-demo';
import { startSandbox, submitDecision, type Sandbox } from 'passport-nl-sandbox';
import { describeWithProgram, freePort, requireProgram, SESSION_SECRET_FOR_TESTS } from './system-tools';

jest.setTimeout(30_000);

/** Starts `redis-server` on a free loopback port, without persistence; resolves once it accepts connections. */
async function startRedis(): Promise<{ url: string; process: ChildProcess }> {
  const program = requireProgram('redis-server', 'redis-server');
  const port = await freePort();
  const child = spawn(program, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
  });
  return { url: `redis://127.0.0.1:${port}`, process: child };
}

/** The `name=value` part of the login's state cookie a login start sets. */
function stateCookieOf(res: { headers: Record<string, unknown> }): string {
  const cookie = ((res.headers['set-cookie'] as string[] | undefined) ?? []).find((value) =>
    value.startsWith('oauth2-state.'),
  );
  if (!cookie) throw new Error('no state cookie');
  return cookie.split(';')[0];
}

/** The `name=value` part of the session cookie a response sets. */
function cookieOf(res: { headers: Record<string, unknown> }): string {
  const cookie = ((res.headers['set-cookie'] as string[] | undefined) ?? []).find((value) =>
    value.startsWith('demo.sid='),
  );
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0];
}

describeWithProgram('redis-server', 'redis-server')('REDIS_URL: two instances share logins', () => {
  let redis: { url: string; process: ChildProcess };
  let sandbox: Sandbox;
  const running: RunningDemo[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    sandbox = await startSandbox();
  });

  afterAll(async () => {
    for (const demo of running) await demo.close();
    await sandbox?.close();
    redis?.process.kill();
  });

  /**
   * Two instances on two ports behind one public BASE_URL, as behind a load balancer. Requests
   * to either carry BASE_URL's Host header, as a load balancer forwards it (the demo redirects
   * requests for other hosts to BASE_URL).
   */
  async function twoInstances(redisURL: string | undefined): Promise<[string, string]> {
    const portA = await freePort();
    const env = {
      SESSION_SECRET: SESSION_SECRET_FOR_TESTS,
      BASE_URL: `http://127.0.0.1:${portA}`,
      REDIS_URL: redisURL,
    };
    const a = await startDemo(loadConfig({ ...env, PORT: String(portA) }), { sandbox });
    const b = await startDemo(loadConfig({ ...env, PORT: '0' }), { sandbox });
    running.push(a, b);
    return [`http://127.0.0.1:${a.port}`, `http://127.0.0.1:${b.port}`];
  }

  it('a login started on instance A completes its callback on instance B, and both see the session', async () => {
    const [a, b] = await twoInstances(redis.url);
    const started = await request(a).get('/auth/gofundo');
    expect(started.status).toBe(302);
    const back = await submitDecision(started.headers.location as string, {
      userId: sandbox.providers.gofundo.users[2].id,
    });
    const callback = await request(b)
      .get(back.pathname + back.search)
      .set('Host', new URL(a).host)
      .set('Cookie', stateCookieOf(started));
    expect(callback.status).toBe(303);
    expect(callback.headers.location).toBe('/profile');
    const loggedIn = cookieOf(callback);
    for (const instance of [a, b]) {
      const profile = await request(instance).get('/profile').set('Host', new URL(a).host).set('Cookie', loggedIn);
      expect(profile.status).toBe(200);
      expect(profile.text).toContain('Jürgen Müller');
    }
  });

  it('without Redis the login still completes on B (its state is in the cookie), but only B knows the session', async () => {
    const [a, b] = await twoInstances(undefined);
    const started = await request(a).get('/auth/gofundo');
    const back = await submitDecision(started.headers.location as string);
    const callback = await request(b)
      .get(back.pathname + back.search)
      .set('Host', new URL(a).host)
      .set('Cookie', stateCookieOf(started));
    expect(callback.status).toBe(303);
    const loggedIn = cookieOf(callback);
    const profileOn = (instance: string) =>
      request(instance).get('/profile').set('Host', new URL(a).host).set('Cookie', loggedIn);
    expect((await profileOn(b)).status).toBe(200);
    const onA = await profileOn(a);
    expect(onA.status).toBe(302);
    expect(onA.headers.location).toBe('/?returnTo=%2Fprofile');
  });

  it('an unreachable REDIS_URL fails the start with a clear error', async () => {
    const deadPort = await freePort();
    const config = loadConfig({
      SESSION_SECRET: SESSION_SECRET_FOR_TESTS,
      PORT: '0',
      REDIS_URL: `redis://127.0.0.1:${deadPort}`,
    });
    await expect(startDemo(config, { sandbox })).rejects.toThrow(
      `Redis at redis://127.0.0.1:${deadPort} is unreachable`,
    );
  });
});
