import type { Request } from 'express';
import type OAuth2Strategy from 'passport-oauth2';
import { Strategy as GofundoStrategy, type GofundoProfile } from 'passport-gofundo';
import type { StateStore, StateStoreCallback, StateStoreMeta, StateVerifyCallback } from 'passport-provider-kit';

/**
 * Type-level checks (compiled by `tsc -p tsconfig.test.json`, strict): a verify written for
 * @types/passport-oauth2 and every passport-oauth2 option an app passes compile against our
 * strategies; the mistakes marked `@ts-expect-error` do not.
 */
const options = { clientID: 'id', clientSecret: 'secret' };

// As an app written for @types/passport-oauth2 types its verify (its refreshToken is a string).
function forPassportOAuth2(
  accessToken: string,
  refreshToken: string,
  profile: unknown,
  done: OAuth2Strategy.VerifyCallback,
): void {
  done(null, { accessToken, refreshToken, profile });
}
function forPassportOAuth2WithRequest(
  req: Request,
  accessToken: string,
  _refreshToken: string,
  profile: unknown,
  done: OAuth2Strategy.VerifyCallback,
): void {
  done(null, { path: req.path, accessToken, profile });
}
function withResults(
  _accessToken: string,
  _refreshToken: string,
  results: { expires_in?: number },
  profile: GofundoProfile,
  done: OAuth2Strategy.VerifyCallback,
): void {
  done(null, { id: profile.id, expiresIn: results.expires_in });
}

const customStore: StateStore = {
  store: (_req: Request, meta: StateStoreMeta, callback: StateStoreCallback) => callback(null, `for-${meta.clientID}`),
  verify: (_req: Request, state: string, callback: StateVerifyCallback) => callback(null, state.startsWith('for-')),
};

export const built = [
  new GofundoStrategy(options, forPassportOAuth2),
  new GofundoStrategy({ ...options, passReqToCallback: true }, forPassportOAuth2WithRequest),
  new GofundoStrategy(options, withResults),
  new GofundoStrategy(
    {
      ...options,
      store: customStore,
      customHeaders: { 'User-Agent': 'my-app' },
      pkce: 'S256',
      proxy: true,
      sessionKey: 'oauth2:gofundo',
      skipUserProfile: () => true,
    },
    forPassportOAuth2,
  ),
  new GofundoStrategy(
    { ...options, pkce: 'plain', skipUserProfile: (_accessToken, done) => done(null, false) },
    forPassportOAuth2,
  ),
  new GofundoStrategy({ ...options, skipUserProfile: (accessToken: string) => accessToken === '' }, forPassportOAuth2),
];

/** Mistakes that must not compile (never called). */
export function mistakes(): unknown[] {
  return [
    // @ts-expect-error -- pkce is true, false, 'S256' or 'plain'
    new GofundoStrategy({ ...options, pkce: 'S512' }, forPassportOAuth2),
    // @ts-expect-error -- customHeaders are strings
    new GofundoStrategy({ ...options, customHeaders: { 'X-Count': 1 } }, forPassportOAuth2),
  ];
}

describe('passport-oauth2 typings (checked by tsc)', () => {
  it('builds strategies from verifies and options written for @types/passport-oauth2', () => {
    expect(built.every((strategy) => strategy.name === 'gofundo')).toBe(true);
  });
});
