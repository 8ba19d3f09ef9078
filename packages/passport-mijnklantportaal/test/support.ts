import {
  Strategy,
  type MijnKlantportaalProfile,
  type MijnKlantportaalStrategyOptions,
  type VerifyCallback,
} from 'passport-mijnklantportaal';

/** The MijnKlantportaal host of the authorize and token endpoints. */
export const MANAGE_HOST = 'https://manage.mijnklantportaal.nl';

/** Options every test starts from. */
export const baseOptions = {
  clientID: 'mkp-app-id',
  clientSecret: 'mkp-app-secret-value',
  callbackURL: 'http://localhost/callback',
};

/** A verify that logs the profile in as the user. */
export function verifyProfile(
  _accessToken: string,
  _refreshToken: string | undefined,
  profile: MijnKlantportaalProfile,
  done: VerifyCallback,
): void {
  done(null, profile as unknown as Express.User);
}

/** A strategy with {@link baseOptions} plus `overrides`, whose user is the profile. */
export function makeStrategy(overrides: Partial<MijnKlantportaalStrategyOptions> = {}): Strategy {
  return new Strategy({ ...baseOptions, ...overrides, passReqToCallback: false }, verifyProfile);
}
