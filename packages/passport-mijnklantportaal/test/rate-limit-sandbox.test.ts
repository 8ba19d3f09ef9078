import { startSandbox, type Sandbox, type SandboxProvider } from 'passport-nl-sandbox';
import { ProviderApiError, Strategy, type MijnKlantportaalStrategyOptions } from 'passport-mijnklantportaal';
import { keepProfile } from './support';

/**
 * apiGet() over real HTTP against the sandbox's MijnKlantportaal, whose documented limit (60 per
 * minute per token) is lowered to 2 per second so that the 429 comes quickly.
 */

let sandbox: Sandbox;
const made: Strategy[] = [];
beforeAll(async () => {
  sandbox = await startSandbox({ rateLimit: { limit: 2, windowMs: 1000 } });
});
afterEach(() => made.splice(0).forEach((strategy) => strategy.close()));
afterAll(async () => sandbox.close());

/** An access token with customers.read, through the sandbox's authorize decision and JSON token request. */
async function accessToken(provider: SandboxProvider): Promise<string> {
  const authorize = new URL(provider.authorizationURL);
  const redirectURI = 'http://localhost:3999/callback';
  authorize.search = new URLSearchParams({
    client_id: provider.client.clientID,
    redirect_uri: redirectURI,
    response_type: 'code',
    scope: 'customers.read',
    state: 'state-1',
  }).toString();
  const code = new URL(provider.decide(authorize)).searchParams.get('code') as string;
  const res = await fetch(provider.tokenURL, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectURI,
      client_id: provider.client.clientID,
      client_secret: provider.client.clientSecret,
    }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

function strategyFor(provider: SandboxProvider, extra: Partial<MijnKlantportaalStrategyOptions> = {}): Strategy {
  const strategy = new Strategy(
    {
      clientID: provider.client.clientID,
      clientSecret: provider.client.clientSecret,
      callbackURL: 'http://localhost:3999/callback',
      apiBaseURL: provider.apiBaseURL,
      ...extra,
    },
    keepProfile,
  );
  made.push(strategy);
  return strategy;
}

describe('apiGet() against the sandbox’s rate limit', () => {
  it('the request over the limit rejects with retryAfter and MijnKlantportaal’s message', async () => {
    const provider = sandbox.providers.mijnklantportaal;
    const strategy = strategyFor(provider);
    const token = await accessToken(provider);
    await strategy.apiGet(token, '/customers');
    await strategy.apiGet(token, '/customers');
    const failure = strategy.apiGet(token, '/customers');
    await expect(failure).rejects.toBeInstanceOf(ProviderApiError);
    await expect(failure).rejects.toMatchObject({ reason: 'rate_limited', retryAfter: 1, providerStatus: 429 });
    await expect(failure).rejects.toThrow(/answered 429: Too many requests\. \(retry after 1 s\)$/);
  });

  it('with retryRateLimitedWithin: the third call waits out the window and succeeds', async () => {
    const provider = sandbox.providers.mijnklantportaal;
    const strategy = strategyFor(provider, { retryRateLimitedWithin: 2 });
    const token = await accessToken(provider);
    provider.resetStats();
    for (let n = 0; n < 3; n++) {
      await expect(strategy.apiGet(token, '/customers')).resolves.toMatchObject({ status: 200 });
    }
    // Three answered calls, one of them retried after its 429: four requests.
    expect(provider.stats().requests).toBe(4);
  });
});
