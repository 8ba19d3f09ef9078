import { AuthorizationError } from 'passport-provider-kit';
import { expectSingleSuccess, expectTypedFailure } from './expect-outcome';
import { CALLBACK_URL, CLIENT_ID, type HarnessFactory } from './harness';
import type { LeakLedger } from './leak-ledger';
import { tokenRequestShape, type ProviderCase } from './provider-case';
import { tokenEndpoint, validTokenAnswer } from './provider-mocks';
import { useLocalProvider } from './use-local-provider';

/** Codes of unusual characters or length that must reach the token endpoint unchanged. */
const ODD_CODES: ReadonlyArray<{ title: string; code: string }> = [
  { title: 'with &, = and %', code: 'a&code=evil&grant_type=password%26x%3D1' },
  { title: 'with + and spaces', code: 'a+b c/d?e#f' },
  { title: 'with unicode', code: 'cödé-✓-😀-日本' },
  { title: 'of 2000 characters', code: 'x'.repeat(2000) },
];

/**
 * Callback input: the provider's `error` as passport-oauth2 reports it once the state checks
 * out (access_denied a normal failure with the description as message, others an
 * AuthorizationError with the description as message and passport-oauth2's status), and codes of unusual length or
 * characters, which reach the token endpoint exactly as given or are refused with 400
 * before any token request.
 */
export function describeCallbackInput(pc: ProviderCase, ledger: LeakLedger, harnesses: HarnessFactory): void {
  describe('Callback input', () => {
    const untouchedToken = () => tokenEndpoint(pc, ledger).reply(200, validTokenAnswer(pc, ledger, 'never-sent'));

    describe('treats error=access_denied as a normal failed login', () => {
      it('answers 401 with the provider description as message, without an error or a token request', async () => {
        const harness = harnesses.make();
        const token = untouchedToken();
        const login = await harness.start();
        const outcome = await harness.callback(login, {
          error: 'access_denied',
          error_description: 'The user said no',
          state: login.state ?? '',
        });
        expect(outcome.status).toBe(401);
        expect(outcome.body.failure?.message).toBe('The user said no');
        expect(harness.errors).toEqual([]);
        expect(token.isDone()).toBe(false);
      });
    });

    describe("turns any other error into an AuthorizationError carrying the provider's description", () => {
      it('answers with passport-oauth2 status (but 502 where it answers 500, for an unmapped code), the description as message and the error code', async () => {
        const harness = harnesses.make();
        const token = untouchedToken();
        const login = await harness.start();
        const outcome = await harness.callback(login, {
          error: 'invalid_scope',
          error_description: 'Scope pages.write is unknown',
          state: login.state ?? '',
        });
        expect(outcome.status).toBe(502);
        expect(harness.errors).toHaveLength(1);
        expect(harness.errors[0]).toBeInstanceOf(AuthorizationError);
        expect(harness.errors[0]).toMatchObject({ message: 'Scope pages.write is unknown', code: 'invalid_scope' });
        expect(token.isDone()).toBe(false);
      });

      it('maps server_error to 502 as passport-oauth2 does, with no message when there is no description', async () => {
        const harness = harnesses.make();
        const login = await harness.start();
        const outcome = await harness.callback(login, { error: 'server_error', state: login.state ?? '' });
        expect(outcome.status).toBe(502);
        expect(harness.errors[0]).toBeInstanceOf(AuthorizationError);
        expect(harness.errors[0]).toMatchObject({ code: 'server_error' });
      });
    });

    describe('refuses a code that is too long (5000 characters) with 400, before any token request', () => {
      it('answers 400 with an AuthorizationError', async () => {
        const harness = harnesses.make();
        const token = untouchedToken();
        const login = await harness.start();
        const outcome = await harness.callback(login, { code: 'c'.repeat(5000), state: login.state ?? '' });
        expectTypedFailure(pc, harness, outcome, { type: AuthorizationError, status: 400, mentions: ['code'] });
        expect(token.isDone()).toBe(false);
      });
    });

    describe('refuses a repeated code (code=a&code=b) with 400, before any token request', () => {
      it('answers 400 with an AuthorizationError', async () => {
        const harness = harnesses.make();
        const token = untouchedToken();
        const login = await harness.start();
        const outcome = await harness.callback(login, `code=a&code=b&state=${encodeURIComponent(login.state ?? '')}`);
        expectTypedFailure(pc, harness, outcome, { type: AuthorizationError, status: 400, mentions: ['code'] });
        expect(token.isDone()).toBe(false);
      });
    });

    describe('passes a code of unusual characters or length to the token endpoint exactly, safely encoded', () => {
      const local = useLocalProvider(ledger);
      for (const { title, code } of ODD_CODES) {
        const { bodyEncoding, clientAuth } = tokenRequestShape(pc);
        it(`sends the code ${title} as one ${bodyEncoding} field, nothing added`, async () => {
          const server = local();
          server.json('POST', '/token', validTokenAnswer(pc, ledger, 'odd-code'));
          if (pc.profile) server.json('GET', '/profile', pc.profile.body('Odd Code'));
          const harness = harnesses.make({ tokenURL: server.url('/token'), userProfileURL: server.url('/profile') });
          const login = await harness.start();
          expectSingleSuccess(harness, await harness.callback(login, { code, state: login.state ?? '' }));

          const [tokenRequest] = server.requests.filter((request) => request.method === 'POST');
          const credentials = { client_id: CLIENT_ID, client_secret: harness.clientSecret };
          const expected = {
            grant_type: 'authorization_code',
            code,
            redirect_uri: CALLBACK_URL,
            ...(clientAuth === 'body' ? credentials : {}),
          };
          if (clientAuth === 'basic') {
            const basic = Buffer.from(
              `${encodeURIComponent(CLIENT_ID)}:${encodeURIComponent(harness.clientSecret)}`,
            ).toString('base64');
            expect(tokenRequest.headers.authorization).toBe(`Basic ${basic}`);
          }
          if (bodyEncoding === 'json') {
            expect(tokenRequest.headers['content-type']).toBe('application/json');
            expect(JSON.parse(tokenRequest.body)).toEqual(expected);
          } else {
            expect(tokenRequest.headers['content-type']).toBe('application/x-www-form-urlencoded');
            const form = new URLSearchParams(tokenRequest.body);
            expect([...form.keys()].sort()).toEqual(Object.keys(expected).sort());
            expect(Object.fromEntries(form)).toEqual(expected);
          }
        });
      }
    });
  });
}
