import type { IncomingHttpHeaders } from 'node:http';
import { ProviderApiError, ProviderTokenError } from 'passport-provider-kit';
import type { SuiteStrategyOptions } from './provider-case';
import type { HarnessFactory } from './harness';
import type { LeakLedger } from './leak-ledger';
import type { LocalProvider } from './local-provider';
import { tokenRequestShape, type ProviderCase } from './provider-case';
import { useLocalProvider } from './use-local-provider';

/**
 * A client secret and a refresh token whose encoded forms all differ from the raw value:
 * a space, `+`, `/`, `=`, `&`, a quote, a literal `%41` and a non-ASCII letter.
 */
const HOSTILE_SECRET = 'Sëcr+t/ k=y&"q"%41-0451';
const HOSTILE_REFRESH_TOKEN = 'rëfresh+tok/ en=&%42-0451';

/** A request as the hostile provider received it. */
type Received = { body: string; headers: IncomingHttpHeaders };

/** How a hostile provider echoes back what it received. */
const ECHOES: ReadonlyArray<{ title: string; echo: (request: Received) => string; encoded?: boolean }> = [
  { title: 'as received', echo: (request) => `received ${asReceived(request)}` },
  {
    title: 'decoded, straddling the 300-character cut',
    echo: (request) => `${'.'.repeat(290)}${understood(request)}`,
  },
  {
    title: 'in base64',
    echo: (request) => `received ${Buffer.from(asReceived(request)).toString('base64')}`,
    encoded: true,
  },
  {
    title: 'in base64url, one byte off',
    echo: (request) => `received ${Buffer.from(`x${asReceived(request)}`).toString('base64url')}`,
    encoded: true,
  },
];

/** Everything a provider can echo of a request: the body as sent and the Authorization header. */
function asReceived(request: Received): string {
  return `${request.body} ${request.headers.authorization ?? ''}`;
}

/**
 * The secret a provider understood from the request, decoded: the client secret (form or JSON
 * body, or Basic header), the refresh token, or the bearer token, whichever is there.
 */
function understood(request: Received): string {
  const fields = request.body.startsWith('{')
    ? new Map(Object.entries(JSON.parse(request.body) as Record<string, string>))
    : new URLSearchParams(request.body);
  const authorization = request.headers.authorization ?? '';
  const basic = /^Basic (.+)$/.exec(authorization);
  const basicSecret = basic ? decodeURIComponent(Buffer.from(basic[1], 'base64').toString().split(':')[1] ?? '') : '';
  const bearer = /^Bearer (.+)$/.exec(authorization)?.[1];
  return fields.get('refresh_token') ?? fields.get('client_secret') ?? (basicSecret || bearer) ?? '';
}

/** An error body carrying `text` in every field a provider's error text is read from. */
function errorBody(text: string): Record<string, string> {
  return { error: text, error_description: text, message: text, detail: text, title: text, code: text };
}

/**
 * No leaks through a hostile local provider that echoes what it was sent, percent-encoded
 * form or JSON body and Basic header included, raw, in base64, or just past the point where
 * error texts are cut: the client secret, the refresh token and the access token must not
 * come out in any form (issue 13, item 4). Scanned with an independent decoder
 * ({@link LeakLedger.leaksIn}) in each test, and again by the suite's final scan.
 */
export function describeEchoingProvider(pc: ProviderCase, ledger: LeakLedger, harnesses: HarnessFactory): void {
  describe('a hostile provider that echoes the request (body, Basic header) in its error', () => {
    const local = useLocalProvider(ledger);
    const clientSecret = ledger.secret(HOSTILE_SECRET);
    const make = (server: LocalProvider, extra: Record<string, unknown> = {}) =>
      harnesses.make({
        clientSecret,
        tokenURL: server.url('/token'),
        userProfileURL: server.url('/profile'),
        ...extra,
      } as Partial<SuiteStrategyOptions>);
    const variants = pc.clientAuthVariants ?? [{}];

    for (const auth of variants) {
      const { clientAuth } = tokenRequestShape(pc, auth);
      const how =
        variants.length === 1
          ? ''
          : clientAuth === 'basic'
            ? ' (credentials as HTTP Basic)'
            : ' (credentials in the body)';
      for (const { title, echo, encoded } of ECHOES) {
        describe(`echoed ${title}`, () => {
          // A Basic header echoed in base64 is base64 twice, which no reader would decode: not a case.
          if (!encoded || clientAuth !== 'basic')
            it(`keeps the client secret out of a refused login${how}`, async () => {
              const server = local();
              server.on('POST', '/token', (request, res) => {
                res.writeHead(400, { 'content-type': 'application/json' });
                res.end(JSON.stringify(errorBody(echo(request))));
              });
              const harness = make(server, auth);
              const outcome = await harness.login('auth-code-echo');
              expect(outcome.status).toBe(400);
              expect(harness.errors[0]).toBeInstanceOf(ProviderTokenError);
              expect(ledger.leaksIn(harness.errors[0])).toEqual([]);
            });

          it(`keeps the refresh token and the client secret out of a refused refresh${how}`, async () => {
            const server = local();
            server.on('POST', '/token', (request, res) => {
              res.writeHead(400, { 'content-type': 'application/json' });
              res.end(JSON.stringify(errorBody(echo(request))));
            });
            const refreshToken = ledger.secret(HOSTILE_REFRESH_TOKEN);
            const error = await ledger.rejection(make(server, auth).strategy.refresh(refreshToken));
            expect(error).toBeInstanceOf(ProviderTokenError);
            expect(ledger.leaksIn(error)).toEqual([]);
          });
        });
      }
    }

    if (pc.profile) {
      describe.each(ECHOES)('echoed $title', ({ echo }) => {
        it('keeps the access token out of a refused profile request', async () => {
          const server = local();
          const accessToken = ledger.accessToken(pc.accessToken('echoed-bearer'));
          server.json('POST', '/token', { access_token: accessToken, token_type: 'Bearer', expires_in: 3600 });
          server.on('GET', '/profile', (request, res) => {
            res.writeHead(401, { 'content-type': 'application/json' });
            res.end(JSON.stringify(errorBody(echo(request))));
          });
          const harness = make(server);
          const outcome = await harness.login('auth-code-echo');
          expect(outcome.status).toBe(401);
          expect(harness.errors[0]).toBeInstanceOf(ProviderApiError);
          expect(ledger.leaksIn(harness.errors[0])).toEqual([]);
        });
      });
    }
  });
}
