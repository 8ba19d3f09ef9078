import type nock from 'nock';
import { completeLogin, createLoginApp, useNock } from '@internal/test-support';
import { TokenError } from 'passport-oauth2';
import request from 'supertest';
import { ProviderTokenError, Strategy } from 'passport-petjeaf';
import { CLIENT_SECRET, fixture, keepProfile, mockTokenEndpoint, options } from './support';

useNock();

async function failedLogin(status: number, answer: nock.Body) {
  const errors: unknown[] = [];
  mockTokenEndpoint(status, answer);
  const outcome = await completeLogin(createLoginApp(new Strategy(options, keepProfile), { errors }), 'bad-code-1234');
  return { outcome, error: errors[0] as ProviderTokenError };
}

describe('token error body {status,title,detail,_links} (docs: tokens, 400 tab)', () => {
  it('fails the login with a ProviderTokenError whose message is the detail', async () => {
    const { error } = await failedLogin(400, fixture('tokens-400'));
    expect(error).toBeInstanceOf(ProviderTokenError);
    expect(error).toBeInstanceOf(TokenError);
    expect(error.message).toBe('Petje.af token endpoint answered 400: Invalid grant: authorization code is invalid');
  });

  it('keeps the HTTP status 400 (providerStatus and status)', async () => {
    const { outcome, error } = await failedLogin(400, fixture('tokens-400'));
    expect(error).toMatchObject({ provider: 'Petje.af', providerStatus: 400, status: 400, reason: 'provider_error' });
    expect(outcome.status).toBe(400);
    expect(outcome.body.error).toMatchObject({ name: 'ProviderTokenError', status: 400 });
  });

  it('falls back to title when there is no detail', async () => {
    const { error } = await failedLogin(401, { status: 401, title: 'Unauthorized' });
    expect(error.message).toBe('Petje.af token endpoint answered 401: Unauthorized');
    expect(error.status).toBe(401);
  });

  it('also reads an RFC 6749 body (the official League provider checks error_description)', async () => {
    const { error } = await failedLogin(400, { error: 'invalid_grant', error_description: 'The code has expired' });
    expect(error.message).toBe('Petje.af token endpoint answered 400: The code has expired');
    expect(error.code).toBe('invalid_grant');
  });

  it('answers 502 for a provider 5xx, keeping the provider status', async () => {
    const { outcome, error } = await failedLogin(503, {
      status: 503,
      title: 'Service Unavailable',
      detail: 'Maintenance',
    });
    expect(error).toMatchObject({
      providerStatus: 503,
      status: 502,
      message: 'Petje.af token endpoint answered 503: Maintenance',
    });
    expect(outcome.status).toBe(502);
  });

  it('never puts the client secret or the code in the message, even if Petje.af echoes them', async () => {
    const { error } = await failedLogin(400, {
      status: 400,
      title: 'Bad Request',
      detail: `bad client_secret ${CLIENT_SECRET} for code bad-code-1234`,
    });
    expect(error.message).not.toContain(CLIENT_SECRET);
    expect(error.message).not.toContain('bad-code-1234');
    expect(error.message).toContain('[redacted]');
  });
});

describe('a 200 token answer without access_token', () => {
  it('fails with a ProviderTokenError that says so', async () => {
    const { error } = await failedLogin(200, { token_type: 'Bearer', expires_in: 3599 });
    expect(error).toBeInstanceOf(ProviderTokenError);
    expect(error.message).toBe('Petje.af token endpoint answered 200 without an access_token');
  });
});

describe('a callback with ?error= (user declined)', () => {
  it('fails the login (no user, no token request) for access_denied, with a neutral message when no login is pending', async () => {
    const app = createLoginApp(new Strategy(options, keepProfile));
    const res = await request(app)
      .get('/callback')
      .query({ error: 'access_denied', error_description: 'The user declined' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ failure: { message: 'Petje.af did not complete the login.' } });
  });
});
