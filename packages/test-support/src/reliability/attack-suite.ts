import { createHmac, generateKeyPairSync } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import nock from 'nock';
import { ProviderApiError, ProviderTokenError } from 'passport-provider-kit';
import { expectSingleSuccess, expectTypedFailure } from './expect-outcome';
import { SUITE_TIMEOUT_MS, type HarnessFactory } from './harness';
import type { LeakLedger } from './leak-ledger';
import type { ProviderCase } from './provider-case';
import { profileEndpoint, tokenEndpoint, validTokenAnswer } from './provider-mocks';
import { useLocalProvider } from './use-local-provider';

/** A JSON text whose object has an own `__proto__` key, as a hostile provider would send it. */
function withProtoKey(json: Record<string, unknown>): string {
  return JSON.stringify(json).replace(
    /^\{/,
    '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},',
  );
}

/** True when some object's prototype was changed by what the strategy parsed. */
function prototypePolluted(): boolean {
  return (
    ({} as Record<string, unknown>).polluted !== undefined ||
    Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')
  );
}

/** Writes one byte every 20 ms, forever (until the client goes away). */
function dripForever(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"access_token": "');
  const timer = setInterval(() => res.write('a'), 20);
  res.on('close', () => clearInterval(timer));
}

/** Declares 10 MB and writes them in 64 KiB chunks while the client reads. */
function tenMegabytes(res: ServerResponse): void {
  const total = 10 * 1024 * 1024;
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(total) });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let sent = 0;
  const write = (): void => {
    while (sent < total && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', write);
    }
    if (!res.destroyed) res.end();
  };
  write();
}

/**
 * Attacks a hostile provider can make on a strategy (issue 13's attack pass), each of which
 * must fail cleanly or be harmless: `__proto__` keys in the token, profile and JWT bodies,
 * a token endpoint that redirects (with the credentials) to another host, a line break in
 * the access token, a slow-loris answer, a 10 MB answer, and for JWT providers algorithm
 * confusion with a public key.
 */
export function describeAttacks(pc: ProviderCase, ledger: LeakLedger, harnesses: HarnessFactory): void {
  describe('Attacks by a hostile provider', () => {
    afterEach(() => {
      delete (Object.prototype as Record<string, unknown>).polluted;
    });

    describe('ignores __proto__ and constructor keys in the token answer (no prototype pollution)', () => {
      it('logs in and leaves Object.prototype alone', async () => {
        const harness = harnesses.make();
        tokenEndpoint(pc, ledger).reply(200, withProtoKey(validTokenAnswer(pc, ledger, 'proto-token')), {
          'content-type': 'application/json',
        });
        if (pc.profile) profileEndpoint(pc.profile, ledger).reply(200, pc.profile.body('Proto'));
        const call = expectSingleSuccess(harness, await harness.login());
        expect(prototypePolluted()).toBe(false);
        expect((call.params as Record<string, unknown>).polluted).toBeUndefined();
      });
    });

    if (pc.profile) {
      const profile = pc.profile;
      describe('ignores __proto__ and constructor keys in the profile body (no prototype pollution)', () => {
        it('logs in with the right id and leaves Object.prototype alone', async () => {
          const harness = harnesses.make();
          tokenEndpoint(pc, ledger).reply(200, validTokenAnswer(pc, ledger, 'proto-profile'));
          profileEndpoint(profile, ledger).reply(200, withProtoKey(profile.body('Proto')), {
            'content-type': 'application/json',
          });
          const call = expectSingleSuccess(harness, await harness.login());
          expect(call.profile.id).toBe(profile.expectedId);
          expect(prototypePolluted()).toBe(false);
          expect((call.profile as unknown as Record<string, unknown>).polluted).toBeUndefined();
        });
      });
    }

    const makeJwt = pc.jwt;
    if (makeJwt) {
      describe('ignores __proto__ keys in the JWT claims (no prototype pollution)', () => {
        it('logs in and leaves Object.prototype alone', async () => {
          const harness = harnesses.make();
          const claims = JSON.parse(
            withProtoKey({ id: 'petje-user-1', name: 'Proto', exp: Math.floor(Date.now() / 1000) + 3600 }),
          ) as Record<string, unknown>;
          tokenEndpoint(pc, ledger).reply(200, {
            access_token: ledger.accessToken(makeJwt(claims)),
            token_type: 'Bearer',
            expires_in: 3600,
          });
          const call = expectSingleSuccess(harness, await harness.login());
          expect(call.profile.id).toBe('petje-user-1');
          expect(prototypePolluted()).toBe(false);
        });
      });

      describe('refuses algorithm confusion: an HS256 token signed with the configured RSA public key', () => {
        it('fails the login with reason bad_signature', async () => {
          const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
          const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
          const harness = harnesses.make({ jwtVerification: { key: pem } });
          const forged = forgeHs256(
            { id: 'petje-user-1', name: 'Forged', exp: Math.floor(Date.now() / 1000) + 3600 },
            pem,
          );
          tokenEndpoint(pc, ledger).reply(200, {
            access_token: ledger.accessToken(forged),
            token_type: 'Bearer',
            expires_in: 3600,
          });
          const outcome = await harness.login();
          expectTypedFailure(pc, harness, outcome, { type: ProviderApiError, status: 502, reason: 'bad_signature' });
        });
      });
    }

    for (const status of [302, 307, 308]) {
      describe(`does not follow a ${status} from the token endpoint to another host (the code and credentials stay home)`, () => {
        it('fails with reason redirect and sends nothing to the other host', async () => {
          const harness = harnesses.make();
          const elsewhere = nock('https://collector.evil.example').post('/steal').reply(200, {});
          tokenEndpoint(pc, ledger).reply(status, '', { location: 'https://collector.evil.example/steal' });
          const outcome = await harness.login();
          expectTypedFailure(pc, harness, outcome, {
            type: ProviderTokenError,
            status: 502,
            reason: 'redirect',
            providerStatus: status,
          });
          expect(elsewhere.isDone()).toBe(false);
        });
      });
    }

    if (pc.profile || pc.jwt) {
      const profile = pc.profile;
      describe('fails cleanly on an access token with a line break (no header injection)', () => {
        it('answers once with a typed error and makes no request carrying it', async () => {
          const harness = harnesses.make();
          const seen: string[] = [];
          tokenEndpoint(pc, ledger).reply(200, {
            access_token: ledger.accessToken('crlf-token\r\nX-Injected: yes'),
            token_type: 'Bearer',
          });
          if (profile) {
            profileEndpoint(profile, ledger)
              .optionally()
              .reply(function reply() {
                seen.push(String(this.req.headers['x-injected']));
                return [200, profile.body('Injected')];
              });
          }
          const outcome = await harness.login();
          expect(outcome.status).toBe(502);
          expect(harness.errors).toHaveLength(1);
          expect(harness.errors[0]).toBeInstanceOf(ProviderApiError);
          expect(harness.verifyCalls).toHaveLength(0);
          expect(harness.callbackResponses()).toBe(1);
          expect(seen).toEqual([]);
        });
      });
    }

    describe('with a real slow or huge provider', () => {
      const local = useLocalProvider(ledger);
      const urls = () => ({ tokenURL: local().url('/token'), userProfileURL: local().url('/profile') });

      describe('gives up on a slow-loris token endpoint (one byte every 20 ms) at the timeout', () => {
        it('fails with reason timeout and closes the connection', async () => {
          local().on('POST', '/token', (_req, res) => dripForever(res));
          const harness = harnesses.make({ ...urls(), timeout: SUITE_TIMEOUT_MS });
          const outcome = await harness.login();
          expectTypedFailure(pc, harness, outcome, { type: ProviderTokenError, status: 504, reason: 'timeout' });
          await local().allClosed();
        });
      });

      describe('stops reading a token answer that declares 10 MB', () => {
        it('fails with reason body_too_large and closes the connection', async () => {
          local().on('POST', '/token', (_req, res) => tenMegabytes(res));
          const harness = harnesses.make(urls());
          const outcome = await harness.login();
          expectTypedFailure(pc, harness, outcome, {
            type: ProviderTokenError,
            status: 502,
            reason: 'body_too_large',
          });
          await local().allClosed();
        });
      });
    });
  });
}

/** An HS256 JWT signed with `secret` by hand (jsonwebtoken itself refuses a PEM key as an HMAC secret). */
function forgeHs256(claims: Record<string, unknown>, secret: string): string {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}
