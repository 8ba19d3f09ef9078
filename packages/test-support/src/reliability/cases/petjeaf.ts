import { Strategy, TOKEN_URL } from 'passport-petjeaf';
import { epochSeconds, fakeJwt } from '../../fake-jwt';
import type { ProviderCase } from '../provider-case';

/** Petje.af: form token request, profile read from the access token (a JWT), no profile endpoint. */
export const petjeafCase: ProviderCase = {
  title: 'Petje.af',
  name: 'petjeaf',
  displayName: 'Petje.af',
  create: (options, verify) => new Strategy(options, verify),
  describe: (options) => Strategy.describe(options),
  tokenURL: TOKEN_URL,
  urlOptions: ['revocationURL', 'apiBaseURL'],
  accessToken: (seed) =>
    fakeJwt({ id: 'petje-user-1', name: 'Petje User', email: 'petje@example.com', exp: epochSeconds(3600), jti: seed }),
  expectedIdFromToken: () => 'petje-user-1',
  jwt: (claims, header) => fakeJwt(claims, header),
};
