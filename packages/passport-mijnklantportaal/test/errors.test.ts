import nock from 'nock';
import { AuthorizationError, InternalOAuthError, TokenError } from 'passport-oauth2';
import { completeLogin, createLoginApp, startLogin, useNock } from '@internal/test-support';
import { ProviderApiError, ProviderTokenError } from 'passport-mijnklantportaal';
import { invalidGrantAnswer, makeStrategy, MANAGE_HOST, options, rateLimitedAnswer, tokenAnswer } from './support';

useNock();

describe('error bodies {code, message}: the message is the provider text', () => {
  it('fails the login with a ProviderTokenError carrying message and status', async () => {
    nock(MANAGE_HOST).post('/oauth/tokens').reply(400, invalidGrantAnswer);
    const errors: unknown[] = [];
    const outcome = await completeLogin(createLoginApp(makeStrategy(), { errors }));
    expect(outcome.status).toBe(400);
    expect(outcome.body.error).toMatchObject({
      name: 'ProviderTokenError',
      message: `MijnKlantportaal token endpoint answered 400: ${invalidGrantAnswer.message}`,
      code: 'invalid_grant',
      reason: 'provider_error',
    });
    expect(errors[0]).toBeInstanceOf(TokenError);
    expect(errors[0]).toBeInstanceOf(ProviderTokenError);
  });

  it('rejects refresh() with the same typed error', async () => {
    nock(MANAGE_HOST)
      .post('/oauth/tokens')
      .reply(401, { code: 'invalid_client', message: 'Client authentication failed.' });
    const failure = makeStrategy().refresh('rt');
    await expect(failure).rejects.toBeInstanceOf(ProviderTokenError);
    await expect(failure).rejects.toMatchObject({
      providerStatus: 401,
      status: 401,
      message: 'MijnKlantportaal token endpoint answered 401: Client authentication failed.',
    });
  });

  it('fails the profile step (userProfileURL) with a ProviderApiError, an InternalOAuthError', async () => {
    nock(MANAGE_HOST).post('/oauth/tokens').reply(200, tokenAnswer);
    nock('https://api.mijnklantportaal.nl')
      .get('/v1/whoami')
      .reply(403, { code: 403, message: 'This action is unauthorized.' });
    const errors: unknown[] = [];
    const outcome = await completeLogin(
      createLoginApp(makeStrategy({ userProfileURL: 'https://api.mijnklantportaal.nl/v1/whoami' }), { errors }),
    );
    expect(outcome.status).toBe(403);
    expect(outcome.body.error?.message).toBe(
      'MijnKlantportaal user endpoint answered 403: This action is unauthorized.',
    );
    expect(errors[0]).toBeInstanceOf(InternalOAuthError);
    expect(errors[0]).toBeInstanceOf(ProviderApiError);
  });

  it('never puts the client secret or the code in a message, even when the provider echoes them', async () => {
    nock(MANAGE_HOST)
      .post('/oauth/tokens')
      .reply(400, { code: 'x', message: `bad secret ${options.clientSecret} for code secret-code-123` });
    const outcome = await completeLogin(createLoginApp(makeStrategy()), 'secret-code-123');
    expect(outcome.body.error?.message).not.toContain(options.clientSecret);
    expect(outcome.body.error?.message).not.toContain('secret-code-123');
  });
});

describe('429 with retry-after (docs: /getting-started/rate-limiting)', () => {
  it('is a ProviderTokenError with reason rate_limited, retryAfter and the provider message', async () => {
    nock(MANAGE_HOST)
      .post('/oauth/tokens')
      .reply(429, rateLimitedAnswer, { 'retry-after': '37', 'x-ratelimit-reset': '1767225600' });
    const failure = makeStrategy().refresh('rt');
    await expect(failure).rejects.toBeInstanceOf(ProviderTokenError);
    await expect(failure).rejects.toMatchObject({
      reason: 'rate_limited',
      retryAfter: 37,
      providerStatus: 429,
      status: 429,
      message: 'MijnKlantportaal token endpoint answered 429: Too many requests. (retry after 37 s)',
    });
  });

  it('reaches the app error handler during a login with status 429 and reason rate_limited', async () => {
    nock(MANAGE_HOST).post('/oauth/tokens').reply(429, rateLimitedAnswer, { 'retry-after': '5' });
    const outcome = await completeLogin(createLoginApp(makeStrategy()));
    expect(outcome.status).toBe(429);
    expect(outcome.body.error).toMatchObject({
      reason: 'rate_limited',
      message: expect.stringContaining('Too many requests.'),
    });
  });
});

describe('callback with ?error= (docs: error and error_description on rejection)', () => {
  it('access_denied is a failed login whose message carries the description', async () => {
    const { agent, state } = await startLogin(createLoginApp(makeStrategy()));
    const res = await agent
      .get('/callback')
      .query({ error: 'access_denied', error_description: 'De gebruiker heeft geen toestemming gegeven', state });
    expect(res.status).toBe(401);
    expect(res.body.failure.message).toContain('De gebruiker heeft geen toestemming gegeven');
  });

  it('any other error is an AuthorizationError with the code and the description (status as passport-oauth2, 502 where it answers 500)', async () => {
    const errors: unknown[] = [];
    const { agent, state } = await startLogin(createLoginApp(makeStrategy(), { errors }));
    const res = await agent
      .get('/callback')
      .query({ error: 'invalid_scope', error_description: 'Unknown scope customer.write', state });
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({
      name: 'AuthorizationError',
      code: 'invalid_scope',
      message: 'Unknown scope customer.write',
    });
    expect(errors[0]).toBeInstanceOf(AuthorizationError);
  });
});
