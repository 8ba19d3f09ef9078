import {
  InternalOAuthError,
  ProviderApiError,
  ProviderTokenError,
  TokenError,
  type FailureDetails,
} from 'passport-provider-kit';
import { statusForFailure } from '../src/errors/failure-reason';

/** The typed errors and the HTTP status an app answers with. */

describe('statusForFailure', () => {
  it.each([
    ['a provider 400', { reason: 'provider_error', providerStatus: 400 }, 400],
    ['a provider 401', { reason: 'provider_error', providerStatus: 401 }, 401],
    ['a 429', { reason: 'rate_limited', providerStatus: 429 }, 429],
    ['a provider 500', { reason: 'provider_error', providerStatus: 500 }, 502],
    ['a provider 503', { reason: 'provider_error', providerStatus: 503 }, 502],
    ['a 302', { reason: 'redirect', providerStatus: 302 }, 502],
    ['a 200 of the wrong shape', { reason: 'unexpected_shape', providerStatus: 200 }, 502],
    ['a timeout', { reason: 'timeout' }, 504],
    ['a timeout after a status line', { reason: 'timeout', providerStatus: 200 }, 504],
    ['a network failure', { reason: 'network' }, 502],
    ['a refused JWT', { reason: 'bad_signature' }, 502],
  ] as const)('%s -> %i', (_what, details, status) => {
    expect(statusForFailure({ provider: 'Acme', ...details })).toBe(status);
  });
});

const DETAILS: FailureDetails = {
  provider: 'Acme',
  reason: 'rate_limited',
  providerStatus: 429,
  retryAfter: 12,
  providerCode: 'slow_down',
  cause: { kind: 'x' },
};

describe('ProviderTokenError', () => {
  it('is a passport-oauth2 TokenError with every detail', () => {
    const error = new ProviderTokenError('Acme token endpoint answered 429', DETAILS);
    expect(error).toBeInstanceOf(TokenError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'ProviderTokenError',
      message: 'Acme token endpoint answered 429',
      provider: 'Acme',
      reason: 'rate_limited',
      providerStatus: 429,
      retryAfter: 12,
      providerCode: 'slow_down',
      code: 'slow_down',
      status: 429,
      cause: { kind: 'x' },
    });
    expect(error.toString()).toBe('ProviderTokenError: Acme token endpoint answered 429');
  });

  it('uses the reason as code when the provider sent none', () => {
    expect(new ProviderTokenError('m', { provider: 'Acme', reason: 'timeout' })).toMatchObject({
      code: 'timeout',
      status: 504,
    });
  });
});

describe('ProviderApiError', () => {
  it('is a passport-oauth2 InternalOAuthError with every detail', () => {
    const error = new ProviderApiError('Acme user endpoint answered 429', DETAILS);
    expect(error).toBeInstanceOf(InternalOAuthError);
    expect(error).toMatchObject({
      name: 'ProviderApiError',
      provider: 'Acme',
      reason: 'rate_limited',
      providerStatus: 429,
      retryAfter: 12,
      providerCode: 'slow_down',
      code: 'slow_down',
      status: 429,
    });
    expect(error.oauthError).toEqual({ reason: 'rate_limited', statusCode: 429 });
  });

  it('toString() is the message alone (no oauthError JSON appended)', () => {
    const error = new ProviderApiError('Acme user endpoint answered 500', {
      provider: 'Acme',
      reason: 'provider_error',
      providerStatus: 500,
    });
    expect(error.toString()).toBe('ProviderApiError: Acme user endpoint answered 500');
    expect(error.status).toBe(502);
  });
});
