import jwt from 'jsonwebtoken';
import { ProviderApiError } from 'passport-provider-kit';
import { epochSeconds } from '../fake-jwt';
import { expectSingleSuccess, expectTypedFailure } from './expect-outcome';
import type { HarnessFactory } from './harness';
import type { LeakLedger } from './leak-ledger';
import type { ProviderCase } from './provider-case';
import { tokenEndpoint } from './provider-mocks';

const SIGNING_KEY = 'reliability-jwt-signing-key-0123456789';
const b64 = (text: string): string => Buffer.from(text).toString('base64url');
const HEADER = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
const claims = (extra: Record<string, unknown> = {}) => ({
  id: 'petje-user-1',
  name: 'Petje User',
  exp: epochSeconds(3600),
  ...extra,
});

/** One unusable access token and how it must be refused. */
interface BadToken {
  title: string;
  token: (pc: Required<Pick<ProviderCase, 'jwt'>>) => string;
  reason: string;
  mentions: string[];
}

const BAD_TOKENS: readonly BadToken[] = [
  { title: 'is not a JWT', token: () => 'opaque-access-token-0451', reason: 'invalid_token', mentions: ['not a JWT'] },
  {
    title: 'has a payload outside the base64url alphabet',
    token: () => `${HEADER}.e30=+/.c2ln`,
    reason: 'invalid_token',
    mentions: ['not a JWT'],
  },
  {
    title: 'has a payload that is not valid base64url',
    token: () => `${HEADER}.x.c2ln`,
    reason: 'invalid_token',
    mentions: ['base64url'],
  },
  {
    title: 'has a payload that is not JSON',
    token: () => `${HEADER}.${b64('{"id": "petje-user-1",')}.c2ln`,
    reason: 'invalid_token',
    mentions: ['JSON'],
  },
  {
    title: 'has a payload that is JSON but not an object',
    token: () => `${HEADER}.${b64('["petje-user-1"]')}.c2ln`,
    reason: 'invalid_token',
    mentions: ['not a JSON object'],
  },
  {
    title: 'expired (exp in the past)',
    token: (pc) => pc.jwt(claims({ exp: epochSeconds(-60) })),
    reason: 'expired_token',
    mentions: ['expired'],
  },
  {
    title: 'has an exp before the earliest date JavaScript can represent',
    token: (pc) => pc.jwt(claims({ exp: -8.64e12 - 1 })),
    reason: 'expired_token',
    mentions: ['expired'],
  },
  {
    title: 'has an exp that is not a number',
    token: (pc) => pc.jwt(claims({ exp: 'tomorrow' })),
    reason: 'invalid_token',
    mentions: ['exp'],
  },
  {
    title: 'has no id claim',
    token: (pc) => pc.jwt(claims({ id: undefined })),
    reason: 'invalid_profile',
    mentions: ['no id'],
  },
  {
    title: 'has an id that is an object',
    token: (pc) => pc.jwt(claims({ id: { value: 'petje-user-1' } })),
    reason: 'invalid_profile',
    mentions: ['id'],
  },
  {
    title: 'has an id that is a boolean',
    token: (pc) => pc.jwt(claims({ id: true })),
    reason: 'invalid_profile',
    mentions: ['id'],
  },
];

/**
 * JWT access tokens (Petje.af): a token that is not a usable JWT, is expired or lacks a
 * usable `id` is refused with a clear error; with `jwtVerification`, a wrong signature and
 * `alg: none` are refused too. Only for cases that read the profile from a JWT.
 */
export function describeJwtChecks(pc: ProviderCase, ledger: LeakLedger, harnesses: HarnessFactory): void {
  const { jwt: makeJwt } = pc;
  if (!makeJwt) return;
  const answerWith = (accessToken: string): void => {
    tokenEndpoint(pc, ledger).reply(200, {
      access_token: ledger.accessToken(accessToken),
      token_type: 'Bearer',
      expires_in: 3600,
    });
  };

  describe('JWT access tokens', () => {
    for (const bad of BAD_TOKENS) {
      describe(`refuses an access token that ${bad.title}`, () => {
        it(`fails the login with a ProviderApiError, reason ${bad.reason}`, async () => {
          const harness = harnesses.make();
          answerWith(bad.token({ jwt: makeJwt }));
          const outcome = await harness.login();
          expectTypedFailure(pc, harness, outcome, {
            type: ProviderApiError,
            status: 502,
            reason: bad.reason,
            mentions: ['access token', ...bad.mentions],
          });
        });
      });
    }

    describe('with jwtVerification', () => {
      const verification = { jwtVerification: { key: SIGNING_KEY, algorithms: ['HS256'] } };

      describe('accepts an access token signed with the configured key', () => {
        it('completes the login', async () => {
          const harness = harnesses.make(verification);
          answerWith(jwt.sign(claims(), SIGNING_KEY, { algorithm: 'HS256' }));
          const call = expectSingleSuccess(harness, await harness.login());
          expect(call.profile.id).toBe('petje-user-1');
        });
      });

      describe('refuses an access token with a wrong signature', () => {
        it('fails the login with reason bad_signature', async () => {
          const harness = harnesses.make(verification);
          answerWith(jwt.sign(claims(), 'some-other-key-entirely-0123456789', { algorithm: 'HS256' }));
          const outcome = await harness.login();
          expectTypedFailure(pc, harness, outcome, {
            type: ProviderApiError,
            status: 502,
            reason: 'bad_signature',
            mentions: ['signature'],
          });
        });
      });

      describe('refuses an unsigned access token (alg: none)', () => {
        it('fails the login with reason bad_signature', async () => {
          const harness = harnesses.make(verification);
          answerWith(makeJwt(claims(), { alg: 'none', typ: 'JWT' }).replace(/[^.]*$/, ''));
          const outcome = await harness.login();
          expectTypedFailure(pc, harness, outcome, { type: ProviderApiError, status: 502, reason: 'bad_signature' });
        });
      });
    });
  });
}
