import type { ServerResponse } from 'node:http';
import { MAX_EXPIRES_IN_SECONDS, ProviderApiError, ProviderTokenError } from 'passport-provider-kit';
import { BAD_ANSWERS, HUGE_EXPIRES_IN, OVERSIZED_BYTES } from './bad-answers';
import { expectSingleSuccess, expectTypedFailure, type ErrorClass } from './expect-outcome';
import type { HarnessFactory } from './harness';
import type { LeakLedger } from './leak-ledger';
import type { ProviderCase } from './provider-case';
import { profileEndpoint, tokenEndpoint, validTokenAnswer } from './provider-mocks';
import { useLocalProvider } from './use-local-provider';

/** The first byte of "ë" in UTF-8 (0xC3 0xAB). */
const E_DIAERESIS = Buffer.from('ë');

/**
 * Bad answers: every kind of bad answer of the token and the profile endpoint gives one
 * typed error whose message names the provider and the HTTP status, and the app answers;
 * bodies are decoded only once complete, so a character split across chunks arrives intact.
 */
export function describeBadAnswers(pc: ProviderCase, ledger: LeakLedger, harnesses: HarnessFactory): void {
  const endpoints: Array<{ which: 'token' | 'profile'; label: string; type: ErrorClass }> = [
    { which: 'token', label: 'token endpoint', type: ProviderTokenError },
  ];
  if (pc.profile) endpoints.push({ which: 'profile', label: 'profile endpoint', type: ProviderApiError });

  for (const endpoint of endpoints) {
    describe(`Bad answers of the ${endpoint.label}`, () => {
      for (const answer of BAD_ANSWERS.filter((candidate) => candidate.endpoints.includes(endpoint.which))) {
        describe(`fails with a typed error naming the provider and the status when the ${endpoint.label} answers ${answer.title}`, () => {
          it(`answers ${answer.status} with reason ${answer.reason}`, async () => {
            const harness = harnesses.make();
            if (endpoint.which === 'token') {
              answer.reply(tokenEndpoint(pc, ledger));
            } else {
              tokenEndpoint(pc, ledger).reply(200, validTokenAnswer(pc, ledger, `bad-profile-${answer.reason}`));
              answer.reply(profileEndpoint(pc.profile!, ledger));
            }
            const outcome = await harness.login();
            const error = expectTypedFailure(pc, harness, outcome, {
              type: endpoint.type,
              status: answer.status,
              reason: answer.reason,
              providerStatus: answer.providerStatus,
              mentions: [endpoint.which === 'token' ? 'token endpoint' : '', ...(answer.mentions ?? [])],
            });
            if (answer.retryAfter !== undefined) expect(error).toMatchObject({ retryAfter: answer.retryAfter });
          });
        });
      }
    });
  }

  describe('clamps an expires_in too large for a date to MAX_EXPIRES_IN_SECONDS (10 years), at login and at refresh', () => {
    /** A valid token answer whose expires_in is `json`, written as raw JSON text. */
    const answerWith = (seed: string, json: string): string =>
      JSON.stringify({ ...validTokenAnswer(pc, ledger, seed), expires_in: 0 }).replace(
        '"expires_in":0',
        `"expires_in":${json}`,
      );
    const json = { 'content-type': 'application/json' };
    for (const huge of HUGE_EXPIRES_IN) {
      it(`logs in with expires_in ${huge.title} and hands verify a date-safe expires_in`, async () => {
        const harness = harnesses.make();
        tokenEndpoint(pc, ledger).reply(200, answerWith('huge-expiry', huge.json), json);
        if (pc.profile) profileEndpoint(pc.profile, ledger).reply(200, pc.profile.body('Zoë'));
        const call = expectSingleSuccess(harness, await harness.login());
        expect(call.params.expires_in).toBe(MAX_EXPIRES_IN_SECONDS);
        expect(new Date(Date.now() + MAX_EXPIRES_IN_SECONDS * 1000).toISOString()).toMatch(/^\d{4}-/);
      });

      it(`refresh() with expires_in ${huge.title} resolves expiresIn MAX_EXPIRES_IN_SECONDS`, async () => {
        const harness = harnesses.make();
        tokenEndpoint(pc, ledger).reply(200, answerWith('huge-expiry-refresh', huge.json), json);
        const tokens = await harness.strategy.refresh(ledger.secret(`${pc.name}-refresh-huge-expiry`));
        expect(tokens.expiresIn).toBe(MAX_EXPIRES_IN_SECONDS);
      });
    }
  });

  describe('Answers read over a real connection', () => {
    const local = useLocalProvider(ledger);
    const urls = () => ({ tokenURL: local().url('/token'), userProfileURL: local().url('/profile') });
    const splitInsideE = (res: ServerResponse, json: string): void => {
      const bytes = Buffer.from(json);
      const at = bytes.indexOf(E_DIAERESIS) + 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(bytes.subarray(0, at));
      setTimeout(() => res.end(bytes.subarray(at)), 20);
    };
    const oversized = (res: ServerResponse): void => {
      res.on('error', () => undefined);
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const next = (): void => {
        if (res.destroyed || sent > OVERSIZED_BYTES) return void res.end();
        sent += chunk.length;
        res.write(chunk, () => setImmediate(next));
      };
      next();
    };

    describe('keeps a multibyte character intact when the token answer splits it across chunks', () => {
      it('hands verify the token answer with "Zoë" intact', async () => {
        const server = local();
        const answer = { ...validTokenAnswer(pc, ledger, 'utf8-token'), greeting: 'Zoë' };
        server.on('POST', '/token', (_req, res) => splitInsideE(res, JSON.stringify(answer)));
        if (pc.profile) server.json('GET', '/profile', pc.profile.body('Plain'));
        const harness = harnesses.make(urls());
        const call = expectSingleSuccess(harness, await harness.login());
        expect(call.params.greeting).toBe('Zoë');
      });
    });

    if (pc.profile) {
      const profile = pc.profile;
      describe('keeps a multibyte character intact when the profile answer splits it across chunks', () => {
        it('builds the profile with displayName "Zoë"', async () => {
          const server = local();
          server.json('POST', '/token', validTokenAnswer(pc, ledger, 'utf8-profile'));
          server.on('GET', '/profile', (_req, res) => splitInsideE(res, JSON.stringify(profile.body('Zoë'))));
          const harness = harnesses.make(urls());
          const call = expectSingleSuccess(harness, await harness.login());
          expect(call.profile.displayName).toBe('Zoë');
          expect(call.profile.id).toBe(profile.expectedId);
        });
      });
    }

    for (const endpoint of endpoints) {
      describe(`stops reading a ${endpoint.label} answer streamed past 1 MiB without content-length`, () => {
        it('answers 502 with reason body_too_large', async () => {
          const server = local();
          if (endpoint.which === 'token') server.on('POST', '/token', (_req, res) => oversized(res));
          else {
            server.json('POST', '/token', validTokenAnswer(pc, ledger, 'oversized-profile'));
            server.on('GET', '/profile', (_req, res) => oversized(res));
          }
          const harness = harnesses.make(urls());
          const outcome = await harness.login();
          expectTypedFailure(pc, harness, outcome, {
            type: endpoint.type,
            status: 502,
            reason: 'body_too_large',
            providerStatus: 200,
          });
        });
      });
    }
  });
}
