import {
  Strategy,
  type AltDentifierProfile,
  type AltDentifierStrategyOptions,
  type VerifyCallback,
} from 'passport-altdentifier';

/** AltDentifier's host (authorize, token and API). */
export const HOST = 'https://altdentifier.com';

/** Options every test starts from. */
export const baseOptions = {
  clientID: 'altd-client-id',
  clientSecret: 'altd-client-secret',
  callbackURL: 'http://localhost/callback',
};

/** A verify that logs the profile in as the user. */
export function verifyProfile(
  _accessToken: string,
  _refreshToken: string | undefined,
  profile: AltDentifierProfile,
  done: VerifyCallback,
): void {
  done(null, profile as unknown as Express.User);
}

/** A strategy with {@link baseOptions} plus `overrides`, whose user is the profile. */
export function makeStrategy(overrides: Partial<AltDentifierStrategyOptions> = {}): Strategy {
  return new Strategy({ ...baseOptions, ...overrides, passReqToCallback: false }, verifyProfile);
}
