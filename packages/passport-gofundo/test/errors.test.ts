import type nock from 'nock';
import { completeLogin, createLoginApp, useNock } from '@internal/test-support';
import { InternalOAuthError, TokenError } from 'passport-oauth2';
import { ProviderApiError, ProviderTokenError, Strategy } from 'passport-gofundo';
import { CLIENT_SECRET, fixture, keepProfile, mockToken, mockUser, options, TOKEN_ANSWER } from './support';

useNock();

const HTML = { 'Content-Type': 'text/html; charset=UTF-8' };

type ErrorSeen = Error & { status?: number; providerStatus?: number; reason?: string; code?: string };

/** A login whose token answer is `status`/`answer`; resolves with the error the app saw. */
async function tokenFailure(status: number, answer: nock.Body, headers?: Record<string, string>) {
  const errors: unknown[] = [];
  mockToken(status, answer, [], headers);
  const outcome = await completeLogin(createLoginApp(new Strategy(options, keepProfile), { errors }));
  return { outcome, error: errors[0] as ErrorSeen };
}

/** A login whose token request succeeds and whose user endpoint answers `status`/`answer`. */
async function profileFailure(status: number, answer: nock.Body, headers?: Record<string, string>) {
  const errors: unknown[] = [];
  mockToken(200, TOKEN_ANSWER);
  mockUser(status, answer, [], headers);
  const outcome = await completeLogin(createLoginApp(new Strategy(options, keepProfile), { errors }));
  return { outcome, error: errors[0] as ErrorSeen };
}

describe('token error bodies {error, error_description, message} (docs: "302 Callback URL is incorrect")', () => {
  it('fails with a ProviderTokenError (a TokenError) whose message is error_description, keeping the status', async () => {
    const { outcome, error } = await tokenFailure(401, fixture('invalid-client.json'), {
      'Content-Type': 'application/json',
    });
    expect(error).toBeInstanceOf(ProviderTokenError);
    expect(error).toBeInstanceOf(TokenError);
    expect(error).toMatchObject({
      message: 'Gofundo token endpoint answered 401: Client authentication failed',
      code: 'invalid_client',
      providerStatus: 401,
      status: 401,
      reason: 'provider_error',
    });
    expect(outcome.status).toBe(401);
  });

  it('prefers error_description over message', async () => {
    const { error } = await tokenFailure(400, {
      error: 'invalid_grant',
      error_description: 'The authorization code has expired.',
      hint: 'Authorization code has expired',
      message: 'The provided authorization grant is invalid.',
    });
    expect(error.message).toBe('Gofundo token endpoint answered 400: The authorization code has expired.');
    expect(error.code).toBe('invalid_grant');
  });

  it('uses message when there is no error_description', async () => {
    const { error } = await tokenFailure(400, {
      error: 'invalid_request',
      message: 'The request is missing a required parameter.',
    });
    expect(error.message).toBe('Gofundo token endpoint answered 400: The request is missing a required parameter.');
  });

  it('never puts the client secret or the code in the message, even if Gofundo echoes them', async () => {
    const { error } = await tokenFailure(400, {
      error: 'invalid_client',
      error_description: `secret ${CLIENT_SECRET} and code test-code are wrong`,
    });
    expect(error.message).toBe('Gofundo token endpoint answered 400: secret [redacted] and code [redacted] are wrong');
  });
});

describe('user endpoint error bodies', () => {
  it('fails with a ProviderApiError (an InternalOAuthError) carrying message and status on 401 {"message":"Unauthenticated."}', async () => {
    const { outcome, error } = await profileFailure(401, { message: 'Unauthenticated.' });
    expect(error).toBeInstanceOf(ProviderApiError);
    expect(error).toBeInstanceOf(InternalOAuthError);
    expect(error).toMatchObject({
      message: 'Gofundo user endpoint answered 401: Unauthenticated.',
      providerStatus: 401,
      status: 401,
    });
    expect(outcome.status).toBe(401);
  });

  it('fails with a clear error on 404 (the assumed /api/user does not exist)', async () => {
    const { error } = await profileFailure(404, { message: 'Not Found' });
    expect(error).toBeInstanceOf(ProviderApiError);
    expect(error.message).toBe('Gofundo user endpoint answered 404: Not Found');
  });

  it('never puts the access token in the message, even if Gofundo echoes it', async () => {
    const { error } = await profileFailure(401, { message: `Token ${TOKEN_ANSWER.access_token} is revoked` });
    expect(error.message).toBe('Gofundo user endpoint answered 401: Token [redacted] is revoked');
  });
});

describe('an HTML answer (Laravel without Accept: application/json) is an error that says HTML', () => {
  it('token endpoint, 200 with an HTML login page', async () => {
    const { error } = await tokenFailure(200, fixture('laravel-login-page.html'), HTML);
    expect(error).toBeInstanceOf(ProviderTokenError);
    expect(error).toMatchObject({
      message: 'Gofundo token endpoint answered 200 with an HTML page instead of JSON',
      reason: 'html_body',
      status: 502,
    });
  });

  it('token endpoint, 500 with a Laravel error page', async () => {
    const { outcome, error } = await tokenFailure(500, fixture('laravel-500.html'), HTML);
    expect(error).toBeInstanceOf(ProviderTokenError);
    expect(error).toMatchObject({
      message: 'Gofundo token endpoint answered 500 with an HTML page instead of a JSON error',
      providerStatus: 500,
    });
    expect(outcome.status).toBe(502);
  });

  it('user endpoint, 200 with an HTML login page', async () => {
    const { error } = await profileFailure(200, fixture('laravel-login-page.html'), HTML);
    expect(error).toBeInstanceOf(ProviderApiError);
    expect(error).toMatchObject({
      message: 'Gofundo user endpoint answered 200 with an HTML page instead of JSON',
      reason: 'html_body',
    });
  });

  it('user endpoint, 401 with an HTML page', async () => {
    const { error } = await profileFailure(401, fixture('laravel-login-page.html'), HTML);
    expect(error).toBeInstanceOf(ProviderApiError);
    expect(error.message).toBe('Gofundo user endpoint answered 401 with an HTML page instead of a JSON error');
  });

  it('an HTML page without an HTML content type is still recognized', async () => {
    const { error } = await profileFailure(200, fixture('laravel-login-page.html'), {
      'Content-Type': 'application/json',
    });
    expect(error.message).toBe('Gofundo user endpoint answered 200 with an HTML page instead of JSON');
  });

  it('user endpoint, 302 redirect to the login page: an error that says redirect (never followed)', async () => {
    const { error } = await profileFailure(302, fixture('laravel-login-page.html'), {
      ...HTML,
      Location: 'https://gofundo.nl/login',
    });
    expect(error).toBeInstanceOf(ProviderApiError);
    expect(error).toMatchObject({
      message:
        'Gofundo user endpoint answered 302 (a redirect) instead of JSON: it points to https://gofundo.nl/login; ' +
        'redirects are not followed, so if the provider has moved, set userProfileURL to it',
      reason: 'redirect',
    });
  });
});
