import type { ServerResponse } from 'node:http';
import { ProviderApiError, ProviderTokenError } from 'passport-provider-kit';
import { expectTypedFailure, type ErrorClass } from './expect-outcome';
import { SUITE_TIMEOUT_MS, type HarnessFactory } from './harness';
import type { LeakLedger } from './leak-ledger';
import type { LocalProvider } from './local-provider';
import type { ProviderCase } from './provider-case';
import { validTokenAnswer } from './provider-mocks';
import { useLocalProvider } from './use-local-provider';

/** How a stalled provider behaves after accepting the request. */
const STALLS: ReadonlyArray<{ title: string; stall: (res: ServerResponse) => void }> = [
  { title: 'accepts the connection and never answers', stall: () => undefined },
  {
    title: 'sends its headers and part of the body, then stalls',
    stall: (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial": ');
    },
  },
];

/**
 * Timeouts: a provider that stalls fails the login within the `timeout` option with reason
 * `timeout` and status 504, and the stalled connection is closed, for the token and the
 * profile call. Only "it finished" is asserted (by jest's own timeout), never a duration.
 */
export function describeTimeouts(pc: ProviderCase, ledger: LeakLedger, harnesses: HarnessFactory): void {
  describe('Timeouts', () => {
    const local = useLocalProvider(ledger);
    const endpoints: Array<{
      label: string;
      type: ErrorClass;
      route: ['POST' | 'GET', string];
      prepare?: (server: LocalProvider) => void;
    }> = [{ label: 'token endpoint', type: ProviderTokenError, route: ['POST', '/token'] }];
    if (pc.profile) {
      endpoints.push({
        label: 'profile endpoint',
        type: ProviderApiError,
        route: ['GET', '/profile'],
        prepare: (server) => server.json('POST', '/token', validTokenAnswer(pc, ledger, 'timeout-profile')),
      });
    }

    for (const endpoint of endpoints) {
      for (const { title, stall } of STALLS) {
        describe(`fails the login when the ${endpoint.label} ${title}, and closes the connection`, () => {
          it(`answers 504 with reason timeout after the ${SUITE_TIMEOUT_MS} ms timeout and leaves no socket open`, async () => {
            const server = local();
            endpoint.prepare?.(server);
            server.on(...endpoint.route, (_req, res) => stall(res));
            const harness = harnesses.make({
              tokenURL: server.url('/token'),
              userProfileURL: server.url('/profile'),
              timeout: SUITE_TIMEOUT_MS,
            });
            const outcome = await harness.login();
            expectTypedFailure(pc, harness, outcome, {
              type: endpoint.type,
              status: 504,
              reason: 'timeout',
              mentions: [`${SUITE_TIMEOUT_MS} ms`],
            });
            const stalled = server.requests.find((request) => request.method === endpoint.route[0]);
            if (!stalled) throw new Error(`the ${endpoint.label} was never called`);
            await server.closed(stalled.socket);
            harness.strategy.close();
            await server.allClosed();
            expect(server.openSockets()).toBe(0);
          });
        });
      }
    }
  });
}
