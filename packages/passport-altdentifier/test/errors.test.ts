import nock from 'nock';
import { AuthorizationError, TokenError } from 'passport-oauth2';
import { completeLogin, createLoginApp, startLogin, useNock } from '@internal/test-support';
import { ProviderTokenError } from 'passport-altdentifier';
import { badCredentialsAnswer, cannotGrantAnswer, HOST, makeStrategy } from './support';

useNock();

describe('token errors {"error": "<sentence>"} (docs: 400 and 401 of "Exchange Token")', () => {
  it.each([
    [400, cannotGrantAnswer],
    [401, badCredentialsAnswer],
  ])('%i: the message is the sentence, the status is kept, and code is not the sentence', async (status, body) => {
    nock(HOST).post('/oauth2/token').reply(status, body);
    const errors: unknown[] = [];
    const outcome = await completeLogin(createLoginApp(makeStrategy(), { errors }));
    expect(outcome.status).toBe(status);
    expect(outcome.body.error).toMatchObject({
      name: 'ProviderTokenError',
      message: `AltDentifier token endpoint answered ${status}: ${body.error}`,
      reason: 'provider_error',
    });
    const error = errors[0] as ProviderTokenError;
    expect(error).toBeInstanceOf(TokenError);
    expect(error.providerStatus).toBe(status);
    expect(error.code).not.toBe(body.error);
    expect(error.code).toBe('provider_error');
    expect(error.providerCode).toBeUndefined();
  });
});

describe('callback with ?error=', () => {
  it('access_denied is a failed login whose message carries the description', async () => {
    const { agent, state } = await startLogin(createLoginApp(makeStrategy()));
    const res = await agent
      .get('/callback')
      .query({ error: 'access_denied', error_description: 'The user cancelled', state });
    expect(res.status).toBe(401);
    expect(res.body.failure.message).toContain('The user cancelled');
  });

  it('any other error is an AuthorizationError (server_error: 502, as passport-oauth2)', async () => {
    const errors: unknown[] = [];
    const { agent, state } = await startLogin(createLoginApp(makeStrategy(), { errors }));
    const res = await agent.get('/callback').query({ error: 'server_error', state });
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ name: 'AuthorizationError', code: 'server_error' });
    expect(errors[0]).toBeInstanceOf(AuthorizationError);
  });
});
