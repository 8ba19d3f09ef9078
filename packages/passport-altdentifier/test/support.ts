import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Strategy,
  type AltDentifierProfile,
  type AltDentifierStrategyOptions,
  type VerifyCallback,
} from 'passport-altdentifier';

/** Shared setup of the AltDentifier specification tests. */

/** AltDentifier's host (authorize, token and API). */
export const HOST = 'https://altdentifier.com';

/** A provider answer of test/fixtures (see fixtures/README.md). */
function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', `${name}.json`), 'utf8')) as T;
}

/** `POST /oauth2/token` 200. */
export const tokenAnswer = fixture<{
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token: string;
  scope: string;
}>('token-200');

/** `POST /oauth2/token` 400 "You provided incorrect information". */
export const cannotGrantAnswer = fixture<{ error: string }>('token-400');

/** `POST /oauth2/token` 401 "Your client credentials were incorrect". */
export const badCredentialsAnswer = fixture<{ error: string }>('token-401');

/** The webhook Member object, which the user endpoint's answer is assumed to look like. */
export const memberObject = fixture<{ id: string; username: string; discriminator: string }>('member-object');

/** Options every test starts from. */
export const options = {
  clientID: 'altd-client-id',
  clientSecret: 'altd-client-secret',
  callbackURL: 'http://localhost/callback',
};

/** A verify that logs the profile in as the user. */
export function keepProfile(
  _accessToken: string,
  _refreshToken: string | undefined,
  profile: AltDentifierProfile,
  done: VerifyCallback,
): void {
  done(null, profile as unknown as Express.User);
}

/** A strategy with {@link options} plus `overrides`, whose user is the profile. */
export function makeStrategy(overrides: Partial<AltDentifierStrategyOptions> = {}): Strategy {
  return new Strategy({ ...options, ...overrides, passReqToCallback: false }, keepProfile);
}
