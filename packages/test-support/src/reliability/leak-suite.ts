import { ProviderApiError, ProviderTokenError } from 'passport-provider-kit';
import { describeEchoingProvider } from './echo-leak-suite';
import { expectSingleSuccess } from './expect-outcome';
import type { HarnessFactory } from './harness';
import type { LeakLedger } from './leak-ledger';
import type { ProviderCase } from './provider-case';
import { profileEndpoint, splitURL, tokenEndpoint, validTokenAnswer } from './provider-mocks';

/** An error body that repeats `secret` in every field a provider's error text or code is read from. */
function echoing(secret: string): Record<string, string> {
  return {
    error: secret,
    code: secret,
    error_description: `rejected ${secret}`,
    message: `rejected ${secret}`,
    detail: `rejected ${secret}`,
    title: secret,
  };
}

/**
 * No leaks: providers that echo the client secret, the code, an access token or a refresh
 * token in their error bodies, then a scan of every error the whole suite produced (message,
 * `String()`, JSON, stack) for every secret in play, and of every URL the providers saw for
 * access tokens. Must run last in the suite.
 */
export function describeLeakChecks(pc: ProviderCase, ledger: LeakLedger, harnesses: HarnessFactory): void {
  describe('No leaks', () => {
    describe('keeps the client secret and the code out of the error when the token endpoint echoes them', () => {
      it('fails with a ProviderTokenError that holds neither', async () => {
        const harness = harnesses.make();
        const code = ledger.secret('auth-code-echoed-0451');
        tokenEndpoint(pc, ledger).reply(400, {
          ...echoing(harness.clientSecret),
          message: `bad ${code} for ${harness.clientSecret}`,
          detail: `bad ${code}`,
        });
        const outcome = await harness.login(code);
        expect(outcome.status).toBe(400);
        expect(harness.errors[0]).toBeInstanceOf(ProviderTokenError);
      });
    });

    if (pc.profile) {
      const profile = pc.profile;
      describe('keeps the access token out of the error when the profile endpoint echoes it', () => {
        it('fails with a ProviderApiError that does not hold the token', async () => {
          const harness = harnesses.make();
          const answer = validTokenAnswer(pc, ledger, 'echoed-by-profile');
          tokenEndpoint(pc, ledger).reply(200, answer);
          profileEndpoint(profile, ledger).reply(401, echoing(String(answer.access_token)));
          const outcome = await harness.login();
          expect(outcome.status).toBe(401);
          expect(harness.errors[0]).toBeInstanceOf(ProviderApiError);
        });
      });

      describe('sends the access token to the profile endpoint only in the Authorization header', () => {
        it('puts the bearer token in the header and nothing of it in the URL', async () => {
          const harness = harnesses.make();
          const answer = validTokenAnswer(pc, ledger, 'header-only');
          tokenEndpoint(pc, ledger).reply(200, answer);
          const { path } = splitURL(profile.url);
          const seen: string[] = [];
          profileEndpoint(profile, ledger)
            .matchHeader('authorization', `Bearer ${String(answer.access_token)}`)
            .reply(function reply() {
              seen.push(this.req.path);
              return [200, profile.body('Header Only')];
            });
          expectSingleSuccess(harness, await harness.login());
          expect(seen).toEqual([path]);
        });
      });
    }

    describe('keeps the refresh token and the client secret out of the error when refresh() is refused with an echo', () => {
      it('rejects with a ProviderTokenError that holds neither', async () => {
        const harness = harnesses.make();
        const refreshToken = ledger.secret(`${pc.name}-refresh-echoed-0451`);
        tokenEndpoint(pc, ledger).reply(400, {
          ...echoing(refreshToken),
          message: `${refreshToken} / ${harness.clientSecret}`,
          detail: `${harness.clientSecret} ${refreshToken}`,
        });
        const error = await ledger.rejection(harness.strategy.refresh(refreshToken));
        expect(error).toBeInstanceOf(ProviderTokenError);
      });
    });

    describe('keeps the client secret out of the error when a callback error description echoes it', () => {
      it('answers with an AuthorizationError that does not hold it', async () => {
        const harness = harnesses.make();
        const login = await harness.start();
        const outcome = await harness.callback(login, {
          error: 'invalid_client',
          error_description: `unknown secret ${harness.clientSecret}`,
          state: login.state ?? '',
        });
        expect(outcome.status).toBe(502);
      });

      it('answers with an AuthorizationError that does not hold it when it comes as the error code', async () => {
        const harness = harnesses.make();
        const login = await harness.start();
        const outcome = await harness.callback(login, { error: harness.clientSecret, state: login.state ?? '' });
        expect(outcome.status).toBe(502);
        expect(harness.errors[0]).toMatchObject({ code: 'invalid_request' });
      });
    });

    describeEchoingProvider(pc, ledger, harnesses);

    describe('leaves no client secret, access token or refresh token in any error the suite produced', () => {
      it('finds none in message, String(), JSON.stringify() or stack', () => {
        expect(ledger.errors.length).toBeGreaterThan(20);
        expect(ledger.errorLeaks()).toEqual([]);
      });
    });

    describe('never puts an access token in a URL', () => {
      it('finds no access token in any URL the providers received', () => {
        expect(ledger.urls.length).toBeGreaterThan(20);
        expect(ledger.urlLeaks()).toEqual([]);
      });
    });
  });
}
