import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Strategy,
  type MijnKlantportaalProfile,
  type MijnKlantportaalStrategyOptions,
  type VerifyCallback,
} from 'passport-mijnklantportaal';

/** Shared setup of the MijnKlantportaal specification tests. */

/** The MijnKlantportaal host of the authorize and token endpoints. */
export const MANAGE_HOST = 'https://manage.mijnklantportaal.nl';

/** A provider answer of test/fixtures (see fixtures/README.md). */
function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', `${name}.json`), 'utf8')) as T;
}

/** `POST /oauth/tokens` 200 (grant_type=authorization_code). */
export const tokenAnswer = fixture<{ access_token: string; refresh_token: string; expires_in: number }>('token-200');

/** `POST /oauth/tokens` 200 (grant_type=refresh_token): no new refresh token. */
export const refreshAnswer = fixture<{ access_token: string; expires_in: number }>('refresh-200');

/** The documented 429 body; sent with `retry-after` (seconds). */
export const rateLimitedAnswer = fixture<{ code: number; message: string }>('rate-limited-429');

/** The `{code,message}` error shape as a token endpoint refusal would carry it (an assumption). */
export const invalidGrantAnswer = fixture<{ code: string; message: string }>('invalid-grant-400');

/** Options every test starts from. */
export const options = {
  clientID: 'mkp-app-id',
  clientSecret: 'mkp-app-secret-value',
  callbackURL: 'http://localhost/callback',
};

/** A verify that logs the profile in as the user. */
export function keepProfile(
  _accessToken: string,
  _refreshToken: string | undefined,
  profile: MijnKlantportaalProfile,
  done: VerifyCallback,
): void {
  done(null, profile as unknown as Express.User);
}

/** A strategy with {@link options} plus `overrides`, whose user is the profile. */
export function makeStrategy(overrides: Partial<MijnKlantportaalStrategyOptions> = {}): Strategy {
  return new Strategy({ ...options, ...overrides, passReqToCallback: false }, keepProfile);
}
