import request from 'supertest';
import { loadConfig, startDemo, type RunningDemo } from 'express-demo';
import { startSandbox, strategyOptions, submitDecision, type Sandbox } from 'passport-nl-sandbox';
import { SESSION_SECRET_FOR_TESTS } from './system-tools';

describe('per-provider variables: every URL option and skipUserProfile', () => {
  it('reads <PROVIDER>_AUTHORIZATION_URL, _TOKEN_URL, _USER_PROFILE_URL, _REVOCATION_URL with the credentials', () => {
    const config = loadConfig({
      GOFUNDO_CLIENT_ID: 'id',
      GOFUNDO_CLIENT_SECRET: 'secret',
      GOFUNDO_AUTHORIZATION_URL: 'https://gofundo.example/oauth/authorize',
      GOFUNDO_TOKEN_URL: 'https://gofundo.example/oauth/token',
      GOFUNDO_USER_PROFILE_URL: 'https://gofundo.example/api/v2/me',
      PETJEAF_CLIENT_ID: 'id',
      PETJEAF_CLIENT_SECRET: 'secret',
      PETJEAF_REVOCATION_URL: 'https://api.petjeaf.com/v1/oauth2/tokens',
      ALTDENTIFIER_SKIP_USER_PROFILE: 'true',
      MIJNKLANTPORTAAL_SKIP_USER_PROFILE: '0',
    });
    expect(config.credentials).toEqual({
      gofundo: {
        clientID: 'id',
        clientSecret: 'secret',
        authorizationURL: 'https://gofundo.example/oauth/authorize',
        tokenURL: 'https://gofundo.example/oauth/token',
        userProfileURL: 'https://gofundo.example/api/v2/me',
      },
      petjeaf: { clientID: 'id', clientSecret: 'secret', revocationURL: 'https://api.petjeaf.com/v1/oauth2/tokens' },
    });
    expect(config.skipUserProfile).toEqual(['altdentifier']);
  });

  it.each([
    [
      { GOFUNDO_TOKEN_URL: 'https://x.example/token' },
      'GOFUNDO_TOKEN_URL is set without GOFUNDO_CLIENT_ID and GOFUNDO_CLIENT_SECRET',
    ],
    [
      { PETJEAF_CLIENT_ID: 'i', PETJEAF_CLIENT_SECRET: 's', PETJEAF_USER_PROFILE_URL: 'https://x.example/me' },
      "PETJEAF_USER_PROFILE_URL is not an option of petjeaf's strategy",
    ],
    [
      { GOFUNDO_CLIENT_ID: 'i', GOFUNDO_CLIENT_SECRET: 's', GOFUNDO_USER_PROFILE_URL: '/api/user' },
      'GOFUNDO_USER_PROFILE_URL must be an absolute http(s) URL, not /api/user',
    ],
    [{ GOFUNDO_SKIP_USER_PROFILE: 'maybe' }, 'GOFUNDO_SKIP_USER_PROFILE must be 1 or 0 (true/false), not maybe'],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  describe('in the running demo', () => {
    let sandbox: Sandbox;
    let demo: RunningDemo;
    beforeAll(async () => {
      sandbox = await startSandbox();
      // Gofundo as a "real" provider whose URLs all come from the variables (here: the sandbox's).
      const gofundo = strategyOptions(sandbox.providers.gofundo);
      const config = loadConfig({
        PORT: '0',
        SESSION_SECRET: SESSION_SECRET_FOR_TESTS,
        GOFUNDO_CLIENT_ID: gofundo.clientID,
        GOFUNDO_CLIENT_SECRET: gofundo.clientSecret,
        GOFUNDO_AUTHORIZATION_URL: gofundo.authorizationURL,
        GOFUNDO_TOKEN_URL: gofundo.tokenURL,
        GOFUNDO_USER_PROFILE_URL: gofundo.userProfileURL,
        ALTDENTIFIER_SKIP_USER_PROFILE: '1',
      });
      demo = await startDemo(config, { sandbox });
    });
    afterAll(async () => {
      await demo?.close();
      await sandbox?.close();
    });

    async function loginAs(provider: 'gofundo' | 'altdentifier', userId: string) {
      const agent = request.agent(demo.url);
      const start = await agent.get(`/auth/${provider}`).expect(302);
      const back = await submitDecision(start.headers.location as string, { userId });
      await agent.get(back.pathname + back.search).expect(303);
      return (await agent.get('/profile').expect(200)).text;
    }

    it('a provider with credentials uses the URLs of its variables', async () => {
      expect(demo.sandbox?.endpoints.gofundo).toBeUndefined();
      expect(await loginAs('gofundo', '1187')).toContain('<code>1187</code>');
    });

    it('skipUserProfile: the login succeeds without the profile call, and the page says whose it is not', async () => {
      const { altdentifier } = sandbox.providers;
      altdentifier.resetStats();
      const page = await loginAs('altdentifier', altdentifier.users[0].id);
      expect(page).toContain('<h1 id="display-name">AltDentifier user</h1>');
      expect(page).toContain('<code>(profile skipped)</code>');
      // authorize page POST + token request; no GET of the user endpoint.
      expect(altdentifier.stats().requests).toBe(2);
    });
  });
});
