import nock from 'nock';
import { STATE_MESSAGES } from '../../../passport-provider-kit/src/state/multi-state-session-store';
import type { HarnessFactory } from './harness';
import type { LeakLedger } from './leak-ledger';
import type { ProviderCase } from './provider-case';
import { mockSuccessfulLogin, tokenEndpoint, validTokenAnswer } from './provider-mocks';

/**
 * State / CSRF: `state` is on by default; a callback whose state is missing, wrong, used or
 * expired fails with 403 before any token request; several logins may be pending per session.
 */
export function describeStateChecks(pc: ProviderCase, ledger: LeakLedger, harnesses: HarnessFactory): void {
  describe('State / CSRF', () => {
    const untouchedToken = () => tokenEndpoint(pc, ledger).reply(200, validTokenAnswer(pc, ledger, 'never-sent'));

    describe('refuses a callback without state, before any token request', () => {
      it('answers 403 and never calls the token endpoint', async () => {
        const harness = harnesses.make();
        const token = untouchedToken();
        const login = await harness.start();
        const outcome = await harness.callback(login, { code: 'auth-code-1' });
        // passport-oauth2's message for a missing state while a login is pending.
        expect(outcome).toEqual({ status: 403, body: { failure: { message: STATE_MESSAGES.invalid } } });
        expect(token.isDone()).toBe(false);
        expect(harness.verifyCalls).toHaveLength(0);
      });
    });

    describe('refuses a callback whose state is wrong, before any token request', () => {
      it('answers 403 for a made-up state', async () => {
        const harness = harnesses.make();
        const token = untouchedToken();
        const login = await harness.start();
        const outcome = await harness.callback(login, { code: 'auth-code-1', state: `${login.state}x` });
        expect(outcome).toEqual({ status: 403, body: { failure: { message: STATE_MESSAGES.invalid } } });
        expect(token.isDone()).toBe(false);
      });

      it("answers 403 for a state issued to another browser's session", async () => {
        const harness = harnesses.make();
        const token = untouchedToken();
        const victim = await harness.start();
        const attacker = await harness.start();
        const outcome = await harness.callback(attacker, { code: 'auth-code-1', state: victim.state ?? '' });
        expect(outcome).toEqual({ status: 403, body: { failure: { message: STATE_MESSAGES.invalid } } });
        expect(token.isDone()).toBe(false);
      });
    });

    describe('refuses a callback whose state was already used', () => {
      it('completes the first callback and answers 403 to its replay without a second token request', async () => {
        const harness = harnesses.make();
        mockSuccessfulLogin(pc, ledger, 'state-replay');
        const login = await harness.start();
        const query = { code: 'auth-code-1', state: login.state ?? '' };
        expect((await harness.callback(login, query)).status).toBe(200);
        const secondToken = untouchedToken();
        const replay = await harness.callback(login, query);
        // passport-oauth2's message when nothing is pending any more.
        expect(replay).toEqual({ status: 403, body: { failure: { message: STATE_MESSAGES.missing } } });
        expect(secondToken.isDone()).toBe(false);
        expect(harness.verifyCalls).toHaveLength(1);
      });
    });

    describe('completes two logins started in the same session (two tabs)', () => {
      it('accepts both states, the later tab first', async () => {
        const harness = harnesses.make();
        mockSuccessfulLogin(pc, ledger, 'tab-2');
        mockSuccessfulLogin(pc, ledger, 'tab-1');
        const tab1 = await harness.start();
        const tab2 = await harness.start(tab1.agent);
        expect(tab2.state).not.toBe(tab1.state);
        expect((await harness.callback(tab2, { code: 'code-tab-2', state: tab2.state ?? '' })).status).toBe(200);
        expect((await harness.callback(tab1, { code: 'code-tab-1', state: tab1.state ?? '' })).status).toBe(200);
        expect(harness.verifyCalls).toHaveLength(2);
      });
    });

    describe('keeps a bounded number of pending logins per session, dropping the oldest', () => {
      it('refuses the oldest of three logins when maxPendingStates is 2, and completes the other two', async () => {
        const harness = harnesses.make({ maxPendingStates: 2 });
        const first = await harness.start();
        const second = await harness.start(first.agent);
        const third = await harness.start(first.agent);
        const token = untouchedToken();
        const dropped = await harness.callback(first, { code: 'code-1', state: first.state ?? '' });
        expect(dropped).toEqual({ status: 403, body: { failure: { message: STATE_MESSAGES.invalid } } });
        expect(token.isDone()).toBe(false);
        nock.cleanAll();
        mockSuccessfulLogin(pc, ledger, 'bounded-3');
        mockSuccessfulLogin(pc, ledger, 'bounded-2');
        expect((await harness.callback(third, { code: 'code-3', state: third.state ?? '' })).status).toBe(200);
        expect((await harness.callback(second, { code: 'code-2', state: second.state ?? '' })).status).toBe(200);
      });
    });

    describe('refuses a state older than stateTTL', () => {
      afterEach(() => jest.restoreAllMocks());

      it('answers 403 once the TTL has passed, without a token request', async () => {
        const harness = harnesses.make({ stateTTL: 60_000 });
        const login = await harness.start();
        const token = untouchedToken();
        const now = Date.now();
        jest.spyOn(Date, 'now').mockReturnValue(now + 60_001);
        const outcome = await harness.callback(login, { code: 'auth-code-1', state: login.state ?? '' });
        expect(outcome).toEqual({ status: 403, body: { failure: { message: STATE_MESSAGES.expired } } });
        expect(token.isDone()).toBe(false);
      });

      it('accepts the same state while the TTL has not passed', async () => {
        const harness = harnesses.make({ stateTTL: 60_000 });
        mockSuccessfulLogin(pc, ledger, 'ttl-fresh');
        const login = await harness.start();
        const now = Date.now();
        jest.spyOn(Date, 'now').mockReturnValue(now + 59_000);
        expect((await harness.callback(login, { code: 'auth-code-1', state: login.state ?? '' })).status).toBe(200);
      });
    });
  });
}
