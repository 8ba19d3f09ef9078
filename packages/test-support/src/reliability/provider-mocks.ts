import nock from 'nock';
import type { LeakLedger } from './leak-ledger';
import type { ProfileEndpoint, ProviderCase } from './provider-case';

/** The origin and the path (with query) of a URL, as nock wants them. */
export function splitURL(url: string): { origin: string; path: string } {
  const parsed = new URL(url);
  return { origin: parsed.origin, path: parsed.pathname + parsed.search };
}

/** A nock interceptor for the case's token endpoint (POST), its requests watched by the ledger. */
export function tokenEndpoint(pc: ProviderCase, ledger: LeakLedger): nock.Interceptor {
  const { origin, path } = splitURL(pc.tokenURL);
  return ledger.watch(nock(origin)).post(path);
}

/** A nock interceptor for the case's profile endpoint (GET), its requests watched by the ledger. */
export function profileEndpoint(profile: ProfileEndpoint, ledger: LeakLedger): nock.Interceptor {
  const { origin, path } = splitURL(profile.url);
  return ledger.watch(nock(origin)).get(path);
}

/** A valid token answer carrying a fresh access token and refresh token (both registered as secrets). */
export function validTokenAnswer(pc: ProviderCase, ledger: LeakLedger, seed: string): Record<string, unknown> {
  return {
    access_token: ledger.accessToken(pc.accessToken(seed)),
    refresh_token: ledger.secret(`${pc.name}-refresh-${seed}`),
    token_type: 'Bearer',
    expires_in: 3600,
  };
}

/** Mocks a complete successful login: the token answer, then the profile (if the case has an endpoint). */
export function mockSuccessfulLogin(pc: ProviderCase, ledger: LeakLedger, seed: string, name = 'Zoë'): nock.Scope[] {
  const scopes = [tokenEndpoint(pc, ledger).reply(200, validTokenAnswer(pc, ledger, seed))];
  if (pc.profile) scopes.push(profileEndpoint(pc.profile, ledger).reply(200, pc.profile.body(name)));
  return scopes;
}

/** The profile id a successful login of this case yields, if it is fixed. */
export function expectedId(pc: ProviderCase, seed: string): string | undefined {
  return pc.profile?.expectedId ?? pc.expectedIdFromToken?.(seed);
}
