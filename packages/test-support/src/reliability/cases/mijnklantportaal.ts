import { Strategy, TOKEN_URL } from 'passport-mijnklantportaal';
import type { ProviderCase } from '../provider-case';

/** An identity endpoint for the `userProfileURL` configuration (MijnKlantportaal documents none). */
const PROFILE_URL = 'https://manage.mijnklantportaal.nl/api/v1/me';

/** MijnKlantportaal as configured by default: JSON token request, profile built without an HTTP call. */
export const mijnklantportaalCase: ProviderCase = {
  title: 'MijnKlantportaal',
  name: 'mijnklantportaal',
  displayName: 'MijnKlantportaal',
  create: ({ userProfileURL: _ignored, ...options }, verify) => new Strategy(options, verify),
  describe: (options) => Strategy.describe(options),
  tokenURL: TOKEN_URL,
  accessToken: (seed) => `mkp-at-${seed}`,
};

/** MijnKlantportaal with `userProfileURL` set: the profile is read from that endpoint. */
export const mijnklantportaalWithProfileCase: ProviderCase = {
  ...mijnklantportaalCase,
  title: 'MijnKlantportaal with userProfileURL',
  create: ({ userProfileURL, ...options }, verify) =>
    new Strategy({ ...options, userProfileURL: userProfileURL ?? PROFILE_URL }, verify),
  profile: { url: PROFILE_URL, body: (name) => ({ id: 'cust-42', name }), expectedId: 'cust-42' },
};
