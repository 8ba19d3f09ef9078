import { Strategy, TOKEN_URL, USER_PROFILE_URL } from 'passport-altdentifier';
import type { ProviderCase } from '../provider-case';

/** AltDentifier: form token request, profile from the user endpoint (`{ id, username }`). */
export const altdentifierCase: ProviderCase = {
  title: 'AltDentifier',
  name: 'altdentifier',
  displayName: 'AltDentifier',
  create: (options, verify) => new Strategy(options, verify),
  describe: (options) => Strategy.describe(options),
  tokenURL: TOKEN_URL,
  profile: {
    url: USER_PROFILE_URL,
    body: (name) => ({ id: '66166172835385344', username: name }),
    expectedId: '66166172835385344',
  },
  accessToken: (seed) => `altdentifier-at-${seed}`,
  clientAuthVariants: [{ clientAuth: 'body' }, { clientAuth: 'basic' }],
};
