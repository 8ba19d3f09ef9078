import { Strategy, TOKEN_URL, USER_PROFILE_URL } from 'passport-gofundo';
import type { ProviderCase } from '../provider-case';

/** Gofundo: form token request, profile from the user endpoint (`{ id, name, email }`). */
export const gofundoCase: ProviderCase = {
  title: 'Gofundo',
  name: 'gofundo',
  displayName: 'Gofundo',
  create: (options, verify) => new Strategy(options, verify),
  describe: (options) => Strategy.describe(options),
  tokenURL: TOKEN_URL,
  profile: { url: USER_PROFILE_URL, body: (name) => ({ id: 7, name, email: 'user@example.com' }), expectedId: '7' },
  accessToken: (seed) => `gofundo-at-${seed}`,
};
