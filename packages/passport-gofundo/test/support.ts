import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { captureReply, type CapturedRequest } from '@internal/test-support';
import type { GofundoProfile, GofundoStrategyOptions, TokenParams, VerifyCallback } from 'passport-gofundo';

/** Shared setup of the Gofundo specification tests. */

/** Gofundo serves the authorize page, the token endpoint and the API from one host. */
export const ORIGIN = 'https://gofundo.nl';
export const TOKEN_PATH = '/oauth/token';
export const USER_PATH = '/api/user';

/** A client secret that must never show up in a message. */
export const CLIENT_SECRET = 'gofundo-client-secret-7q2w';

/** Options of a strategy under test. */
export const options: GofundoStrategyOptions = {
  clientID: 'gofundo-client-1',
  clientSecret: CLIENT_SECRET,
  callbackURL: 'http://localhost/callback',
};

/** A token answer in the Laravel Passport shape (Gofundo's 200 example is empty). */
export const TOKEN_ANSWER = {
  token_type: 'Bearer',
  expires_in: 1209600,
  access_token: 'gofundo-access-token-1',
  refresh_token: 'gofundo-refresh-token-1',
};

/** A Laravel `User` as `/api/user` is assumed to answer. */
export const USER = {
  id: 42,
  name: 'Zoë Ångström',
  email: 'zoe@example.com',
  created_at: '2024-01-02T03:04:05.000000Z',
};

/** A file of test/fixtures (see fixtures/README.md). */
export function fixture(name: string): string {
  return readFileSync(join(__dirname, 'fixtures', name), 'utf8');
}

/** Mocks the token endpoint with one answer, recording the request. */
export function mockToken(
  status: number,
  answer: nock.Body,
  into: CapturedRequest[] = [],
  headers?: Record<string, string>,
): nock.Scope {
  return mockOnce('post', TOKEN_PATH, status, answer, into, headers);
}

/** Mocks the user endpoint with one answer, recording the request. */
export function mockUser(
  status: number,
  answer: nock.Body,
  into: CapturedRequest[] = [],
  headers?: Record<string, string>,
): nock.Scope {
  return mockOnce('get', USER_PATH, status, answer, into, headers);
}

function mockOnce(
  method: 'get' | 'post',
  path: string,
  status: number,
  answer: nock.Body,
  into: CapturedRequest[],
  headers?: Record<string, string>,
): nock.Scope {
  return nock(ORIGIN)
    [method](path)
    .reply(captureReply(into, status, answer, headers));
}

/** A form body as a plain object, to compare exactly. */
export function formFields(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

/** The 4-argument verify that logs in with the profile itself. */
export function keepProfile(
  _accessToken: string,
  _refreshToken: string | undefined,
  profile: GofundoProfile,
  done: VerifyCallback,
): void {
  done(null, profile);
}

/** A 5-argument verify that logs in with the token answer and the profile. */
export function keepParamsAndProfile(
  _accessToken: string,
  _refreshToken: string | undefined,
  params: TokenParams,
  profile: GofundoProfile,
  done: VerifyCallback,
): void {
  done(null, { params, profile });
}
