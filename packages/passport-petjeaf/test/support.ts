import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { captureReply, epochSeconds, fakeJwt, type CapturedRequest } from '@internal/test-support';
import type { PetjeafProfile, PetjeafStrategyOptions, PetjeafTokenClaims, VerifyCallback } from 'passport-petjeaf';

/** Shared setup of the Petje.af specification tests. */

/** Origin and path of the documented token endpoint. */
export const API_ORIGIN = 'https://api.petje.af';
export const TOKEN_PATH = '/v1/oauth2/tokens';

/** A client secret that must never show up in a message. */
export const CLIENT_SECRET = 'petjeaf-client-secret-9f3k';

/** Options of a strategy under test. */
export const options: PetjeafStrategyOptions = {
  clientID: 'petjeaf-client-1',
  clientSecret: CLIENT_SECRET,
  callbackURL: 'http://localhost/callback',
};

/** A user id in the format of the API's examples (28-character Firebase-style string). */
export const USER_ID = '8jFy8VbRPTfkM1658U2IrwvIV7R2';

/** The claims the docs promise: "a JSON Web Token with the name, email and id after decoding". */
export function userClaims(extra: Record<string, unknown> = {}): PetjeafTokenClaims {
  return { id: USER_ID, name: 'Zoë Ångström', email: 'zoe@example.com', exp: epochSeconds(3600), ...extra };
}

/** A fixture copied from the Petje.af docs (see fixtures/README.md). */
export function fixture(name: 'tokens-200' | 'tokens-400'): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', `${name}.json`), 'utf8')) as Record<string, unknown>;
}

/** The documented 200 token answer with a real-looking JWT as access token. */
export function tokenAnswer(accessToken = fakeJwt(userClaims())): Record<string, unknown> {
  return { ...fixture('tokens-200'), access_token: accessToken };
}

/** Mocks the token endpoint (default host) with one answer. */
export function mockTokenEndpoint(status: number, answer: nock.Body, into: CapturedRequest[] = []): nock.Scope {
  return nock(API_ORIGIN)
    .post(TOKEN_PATH)
    .reply(captureReply(into, status, answer));
}

/** A form body as a plain object, to compare exactly. */
export function formFields(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

/** The 4-argument verify that logs in with the profile itself. */
export function keepProfile(
  _accessToken: string,
  _refreshToken: string | undefined,
  profile: PetjeafProfile,
  done: VerifyCallback,
): void {
  done(null, profile);
}
