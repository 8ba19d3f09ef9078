import { loadConfig } from 'express-demo';

describe('loadConfig: environment variables', () => {
  it('defaults: port 3000, 127.0.0.1, every provider on the sandbox, a random session secret with a warning', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', credentials: {}, trustProxy: false });
    expect(config.baseURL).toBeUndefined();
    expect(config.sessionSecret).toHaveLength(43);
    expect(loadConfig({}).sessionSecret).not.toBe(config.sessionSecret);
    expect(config.warnings[0]).toContain('SESSION_SECRET is not set');
  });

  it('reads credentials per provider, and the rest', () => {
    const config = loadConfig({
      PORT: '8080',
      BASE_URL: 'https://demo.example.com/',
      SESSION_SECRET: 'a-long-enough-secret',
      REDIS_URL: 'redis://127.0.0.1:6390',
      TRUST_PROXY: 'true',
      SANDBOX_PORT: '5001',
      GOFUNDO_CLIENT_ID: 'id',
      GOFUNDO_CLIENT_SECRET: 'secret',
      PETJEAF_CLIENT_ID: ' ',
    });
    expect(config).toMatchObject({
      port: 8080,
      baseURL: 'https://demo.example.com',
      redisURL: 'redis://127.0.0.1:6390',
      trustProxy: true,
      sandboxPort: 5001,
      credentials: { gofundo: { clientID: 'id', clientSecret: 'secret' } },
      warnings: [],
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a port number (0-65535), not abc'],
    [{ PORT: '70000' }, 'PORT must be a port number'],
    [{ BASE_URL: 'localhost:3000' }, 'BASE_URL must be an http(s) origin'],
    [{ BASE_URL: 'https://x.example/app' }, 'BASE_URL must be an http(s) origin'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET must be at least 16 characters long'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL must be a redis:// or rediss:// URL'],
    [
      { ALTDENTIFIER_CLIENT_ID: 'only-id' },
      'set both ALTDENTIFIER_CLIENT_ID and ALTDENTIFIER_CLIENT_SECRET, or neither',
    ],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
