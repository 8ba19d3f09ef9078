import express from 'express';
import { Passport } from 'passport';
import request from 'supertest';
import { createLoginApp } from '../login-app';
import { CALLBACK_URL, type HarnessFactory } from './harness';
import type { LeakLedger } from './leak-ledger';
import type { ProviderCase } from './provider-case';
import { tokenEndpoint } from './provider-mocks';

/** Counts the token requests the case's token endpoint receives (each answered 500). */
function countTokenRequests(pc: ProviderCase, ledger: LeakLedger): { count: number } {
  const seen = { count: 0 };
  tokenEndpoint(pc, ledger)
    .optionally()
    .times(5)
    .reply(() => {
      seen.count += 1;
      return [500, {}];
    });
  return seen;
}

/**
 * What passport-oauth2 itself lets through, which the strategies inherit (issue 13's audit of
 * jaredhanson/passport-oauth2's issues on state, redirects and error reflection), one case
 * each where it applies to us. Cases already covered elsewhere in the suite: the access token
 * in the profile URL's query (leak suite), TokenError without the HTTP status (#127, #64) and
 * a 200 carrying an error (#172) (bad answers), one state slot per session (state suite).
 */
export function describeInheritedBehaviour(pc: ProviderCase, ledger: LeakLedger, harnesses: HarnessFactory): void {
  describe('What passport-oauth2 lets through', () => {
    describe('redirect_uri ignores a forged Host, X-Forwarded-Host and X-Forwarded-Proto (passport-oauth2 #137, #97: originalURL)', () => {
      it('sends the configured callbackURL whatever the request headers say', async () => {
        const harness = harnesses.make({ proxy: true });
        const res = await request(harness.app)
          .get('/login')
          .set('Host', 'evil.example')
          .set('X-Forwarded-Host', 'evil2.example')
          .set('X-Forwarded-Proto', 'https');
        expect(res.status).toBe(302);
        expect(new URL(res.headers.location as string).searchParams.get('redirect_uri')).toBe(CALLBACK_URL);
      });
    });

    describe("a relative callbackURL follows the request's Host, as in passport-oauth2 (allowed; the READMEs recommend an absolute one)", () => {
      it('sends a redirect_uri on the forged host, which an absolute callbackURL (above) prevents', async () => {
        const harness = harnesses.make({ callbackURL: '/callback' });
        const res = await request(harness.app).get('/login').set('Host', 'evil.example');
        expect(res.status).toBe(302);
        expect(new URL(res.headers.location as string).searchParams.get('redirect_uri')).toBe(
          'http://evil.example/callback',
        );
      });
    });

    describe('refuses a state given twice or as a nested field, before any token request (strategy.js reads req.query.state as is)', () => {
      it.each(['state=$&state=$', 'state[handle]=$', 'state=$&state=other'])('answers 403 to %s', async (shape) => {
        const harness = harnesses.make();
        const token = countTokenRequests(pc, ledger);
        const login = await harness.start();
        const query = `code=auth-code-1&${shape.replace(/\$/g, encodeURIComponent(login.state ?? ''))}`;
        const outcome = await harness.callback(login, query);
        expect(outcome.status).toBe(403);
        expect(token.count).toBe(0);
        expect(harness.errors).toEqual([]);
      });
    });

    describe('never accepts a state chosen by the app in authenticate() options (passport-oauth2 #3, #132: it is sent as is and not stored)', () => {
      it('refuses that state at the callback with 403, before any token request', async () => {
        const harness = harnesses.make();
        const app = createLoginApp(harness.strategy, { loginOptions: { state: 'fixed-by-the-app' } });
        const agent = request.agent(app);
        const start = await agent.get('/login');
        expect(start.status).toBe(302);
        const sent = new URL(start.headers.location as string).searchParams.get('state') ?? '';
        const token = countTokenRequests(pc, ledger);
        const res = await agent.get('/callback').query({ code: 'auth-code-1', state: sent });
        expect(res.status).toBe(403);
        expect(token.count).toBe(0);
      });
    });

    describe('reflects no raw error_description (strategy.js passes it into the failure as is)', () => {
      it.each([
        ['with CR/LF', { error: 'server_error', error_description: 'Locked\r\nX-Injected: yes' }],
        ['given twice', 'error=server_error&error_description=first&error_description=second%0d%0aX'],
        ['of 5000 characters', { error: 'server_error', error_description: 'd'.repeat(5000) }],
      ])('answers one clean line %s', async (_what, query) => {
        const harness = harnesses.make();
        const login = await harness.start();
        const withState =
          typeof query === 'string'
            ? `${query}&state=${encodeURIComponent(login.state ?? '')}`
            : { ...query, state: login.state ?? '' };
        const outcome = await harness.callback(login, withState);
        // passport-oauth2's status for server_error (the kit README's "Callback errors"), not a crash's 500.
        expect(outcome.status).toBe(502);
        const text = outcome.body.error?.message ?? outcome.body.failure?.message ?? '';
        expect(text).not.toMatch(/[\r\n]/);
        expect(text.length).toBeLessThan(400);
        expect(harness.callbackResponses()).toBe(1);
      });
    });

    describe("with stateStore: 'session', fails with a clear error, not a crash, when the app has no session middleware", () => {
      it('answers 500 naming express-session (the default cookie store needs no session: see the state suite)', async () => {
        const harness = harnesses.make({ stateStore: 'session' });
        const passport = new Passport();
        passport.use(harness.strategy);
        const app = express();
        app.get('/login', passport.authenticate(harness.strategy.name, { session: false }));
        const messages: string[] = [];
        app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
          messages.push(err.message);
          res.status(500).end();
        });
        expect((await request(app).get('/login')).status).toBe(500);
        expect(messages).toEqual([expect.stringContaining('express-session')]);
      });
    });
  });
}
