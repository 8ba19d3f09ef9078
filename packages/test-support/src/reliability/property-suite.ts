import fc from 'fast-check';
import nock from 'nock';
import { AuthorizationError, ProviderApiError, ProviderTokenError } from 'passport-provider-kit';
import { epochSeconds } from '../fake-jwt';
import type { CallbackOutcome } from '../login-app';
import { useHarnesses, type Harness } from './harness';
import { LeakLedger } from './leak-ledger';
import { guardProcess } from './process-guard';
import type { ProviderCase } from './provider-case';
import { profileEndpoint, tokenEndpoint, validTokenAnswer } from './provider-mocks';

/** fast-check settings: modest and reproducible. */
const RUNS = { numRuns: 100, seed: 20261123 } as const;
/** Bound for a whole property (100 logins), not a timed assertion. */
const PROPERTY_BOUND_MS = 60_000;

/** An answer a mocked endpoint gives. */
interface Answer {
  status: number;
  body: string;
  contentType: string | undefined;
}

/**
 * Any text: a function, not a constant, because fast-check builds its `binary` and `grapheme` units (tables of
 * every code point) when the arbitrary is created: about 90 MB of heap, and its CPU, in every test file that
 * merely imports @internal/test-support. fast-check caches the units, so each call
 * after the first is cheap and generates the same values.
 */
const text = () => fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));
const anyJsonText = fc.oneof(
  fc.json(),
  fc.jsonValue().map((value) => JSON.stringify(value) ?? 'null'),
);
const html = fc.constantFrom('<!DOCTYPE html><html><body>Error</body></html>', '<h1>502 Bad Gateway</h1>', '  <html>');
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/html',
  'text/plain',
  undefined,
);
const status = fc.oneof(
  fc.constantFrom(200, 201, 204, 301, 302, 400, 401, 403, 404, 429, 500, 502, 503),
  fc.integer({ min: 200, max: 599 }),
);
/** An id of any JSON type, including the usable ones. */
const anyId = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.object(),
  fc.array(fc.integer()),
  fc.constant('  '),
);

function answers(body: fc.Arbitrary<string>, statuses: fc.Arbitrary<number> = status): fc.Arbitrary<Answer> {
  return fc.record({ status: statuses, body, contentType });
}

/**
 * The property every login must satisfy: exactly one response to the callback, and either
 * exactly one `verify` call with a profile whose `id` is a non-empty string (and a 200), or
 * exactly one typed error (and a 4xx/5xx), never both, never neither.
 */
function expectOneOutcome(
  harness: Harness,
  before: { verify: number; errors: number; responses: number },
  outcome: CallbackOutcome,
): void {
  const verifies = harness.verifyCalls.slice(before.verify);
  const errors = harness.errors.slice(before.errors);
  expect(harness.callbackResponses() - before.responses).toBe(1);
  expect(verifies.length + errors.length).toBe(1);
  if (verifies.length === 1) {
    const { id } = verifies[0].profile;
    expect(typeof id).toBe('string');
    expect(id.trim()).not.toBe('');
    expect(outcome.status).toBe(200);
  } else {
    const [error] = errors;
    const typed =
      error instanceof ProviderTokenError || error instanceof ProviderApiError || error instanceof AuthorizationError;
    expect({ typed, error: String(error) }).toEqual({ typed: true, error: String(error) });
    expect(outcome.status).toBeGreaterThanOrEqual(400);
  }
}

/**
 * Property-based checks (fast-check, fixed seed) of one provider case over arbitrary token
 * answers, profile bodies and JWT payloads: the strategy calls `verify` once with a usable
 * profile or fails once with a typed error; it never throws and never calls back twice.
 */
export function runPropertySuite(pc: ProviderCase): void {
  describe(`${pc.title} properties`, () => {
    guardProcess();
    const ledger = new LeakLedger();
    const harnesses = useHarnesses(pc, ledger);
    const login = async (harness: Harness, mock: () => void): Promise<void> => {
      ledger.errors.length = 0;
      nock.cleanAll();
      mock();
      const before = {
        verify: harness.verifyCalls.length,
        errors: harness.errors.length,
        responses: harness.callbackResponses(),
      };
      expectOneOutcome(harness, before, await harness.login());
    };
    const profileOk = (): void => {
      if (pc.profile) profileEndpoint(pc.profile, ledger).reply(200, pc.profile.body('Property User'));
    };

    describe('answers any token endpoint response with one verify call or one typed error', () => {
      const valid = fc
        .dictionary(fc.string(), fc.jsonValue())
        .map((extra) => JSON.stringify({ ...extra, ...validTokenAnswer(pc, ledger, 'property') }));
      const tokenish = fc
        .record(
          {
            access_token: fc.oneof(text(), fc.jsonValue()),
            refresh_token: fc.jsonValue(),
            expires_in: fc.oneof(fc.jsonValue(), fc.nat().map(String)),
            token_type: fc.jsonValue(),
          },
          { requiredKeys: [] },
        )
        .map((value) => JSON.stringify(value));
      it(
        'holds for arbitrary statuses and bodies',
        async () => {
          const harness = harnesses.make();
          await fc.assert(
            fc.asyncProperty(answers(fc.oneof(valid, tokenish, anyJsonText, text(), html)), async (answer) =>
              login(harness, () => {
                tokenEndpoint(pc, ledger).reply(
                  answer.status,
                  answer.body,
                  answer.contentType ? { 'content-type': answer.contentType } : {},
                );
                profileOk();
              }),
            ),
            RUNS,
          );
        },
        PROPERTY_BOUND_MS,
      );
    });

    if (pc.profile) {
      const profile = pc.profile;
      describe('answers any profile body with one verify call or one typed error', () => {
        const userish = fc
          .record(
            {
              id: anyId,
              name: fc.jsonValue(),
              username: fc.jsonValue(),
              email: fc.jsonValue(),
              discriminator: fc.jsonValue(),
              company_name: fc.jsonValue(),
            },
            { requiredKeys: [] },
          )
          .map((value) => JSON.stringify(value));
        it(
          'holds for arbitrary bodies, mostly with status 200',
          async () => {
            const harness = harnesses.make();
            const statuses = fc.oneof({ weight: 4, arbitrary: fc.constant(200) }, { weight: 1, arbitrary: status });
            await fc.assert(
              fc.asyncProperty(answers(fc.oneof(userish, anyJsonText, text(), html), statuses), async (answer) =>
                login(harness, () => {
                  tokenEndpoint(pc, ledger).reply(200, validTokenAnswer(pc, ledger, 'property-profile'));
                  profileEndpoint(profile, ledger).reply(
                    answer.status,
                    answer.body,
                    answer.contentType ? { 'content-type': answer.contentType } : {},
                  );
                }),
              ),
              RUNS,
            );
          },
          PROPERTY_BOUND_MS,
        );
      });
    }

    const { jwt } = pc;
    if (jwt) {
      describe('answers any JWT access token with one verify call or one typed error', () => {
        const exp = fc.oneof(
          fc.constant(epochSeconds(3600)),
          fc.integer(),
          fc.double(),
          text(),
          fc.constant(undefined),
        );
        const claims = fc.oneof(
          fc.record({ id: anyId, name: fc.jsonValue(), email: fc.jsonValue(), exp }, { requiredKeys: [] }),
          fc.jsonValue(),
        );
        const header = fc.oneof(fc.constant({ alg: 'HS256', typ: 'JWT' }), fc.jsonValue());
        const rawToken = fc.oneof(
          text(),
          fc.array(fc.base64String(), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.')),
        );
        const accessToken = fc.oneof(
          { weight: 4, arbitrary: fc.tuple(claims, header).map(([payload, head]) => jwt(payload, head)) },
          { weight: 1, arbitrary: rawToken },
        );
        it(
          'holds for arbitrary payloads, headers and token strings',
          async () => {
            const harness = harnesses.make();
            await fc.assert(
              fc.asyncProperty(accessToken, async (token) =>
                login(harness, () => {
                  tokenEndpoint(pc, ledger).reply(200, { access_token: token, token_type: 'Bearer' });
                }),
              ),
              RUNS,
            );
          },
          PROPERTY_BOUND_MS,
        );
      });
    }
  });
}
