import express, { type NextFunction, type Request, type Response } from 'express';
import { Passport, type Strategy } from 'passport';
import request from 'supertest';
import { Strategy as AltDentifierStrategy } from 'passport-altdentifier';
import { Strategy as GofundoStrategy } from 'passport-gofundo';
import { Strategy as MijnKlantportaalStrategy } from 'passport-mijnklantportaal';
import { Strategy as PetjeafStrategy } from 'passport-petjeaf';
import { startSandbox, strategyOptions, submitDecision, type ProviderName, type Sandbox } from 'passport-nl-sandbox';
import { CookieJar } from '@internal/test-support';
import { STATE_MESSAGES } from '../../src/state/multi-state-session-store';

/**
 * The attacks on the state cookie of issue 22, against an app with the four strategies and a
 * second Petje.af strategy (as the demo's `petjeaf-members`), all with default options, routed
 * as Express routes them (case-insensitive, escapes decoded), over real HTTP to the sandbox.
 */

const BASE = 'http://localhost';
const STRATEGIES = {
  petjeaf: PetjeafStrategy,
  gofundo: GofundoStrategy,
  mijnklantportaal: MijnKlantportaalStrategy,
  altdentifier: AltDentifierStrategy,
} as const;
const PROVIDERS = Object.keys(STRATEGIES) as ProviderName[];

let sandbox: Sandbox;
let app: express.Express;
const made: { close(): void }[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
  const passport = new Passport();
  const verify =
    (name: string) =>
    (_a: string, _r: string | undefined, profile: { id: string }, done: (err: null, user: object) => void) =>
      done(null, { strategy: name, id: profile.id });
  const use = (name: string, strategy: Strategy & { close(): void }) => {
    made.push(strategy);
    passport.use(name, strategy);
  };
  for (const name of PROVIDERS) {
    const options = { ...strategyOptions(sandbox.providers[name]), callbackURL: `${BASE}/auth/${name}/callback` };
    use(name, new (STRATEGIES[name] as typeof GofundoStrategy)(options, verify(name) as never));
  }
  const members = {
    ...strategyOptions(sandbox.providers.petjeaf),
    callbackURL: `${BASE}/auth/petjeaf-members/callback`,
  };
  use('petjeaf-members', new PetjeafStrategy(members, verify('petjeaf-members') as never));

  app = express();
  app.get('/auth/:name', (req: Request, res: Response, next: NextFunction) =>
    passport.authenticate(req.params.name, { session: false, state: { returnTo: req.query.returnTo } } as object)(
      req,
      res,
      next,
    ),
  );
  app.get('/auth/:name/callback', (req: Request, res: Response, next: NextFunction) =>
    passport.authenticate(
      req.params.name,
      { session: false },
      (err: Error | null, user: unknown, info: unknown, status?: number) => {
        if (err) return next(err);
        if (!user) return res.status(status ?? 401).json({ failure: info });
        res.json({ user });
      },
    )(req, res, next),
  );
  app.use((err: Error & { status?: number }, _req: Request, res: Response, _next: NextFunction) =>
    res.status(err.status ?? 500).json({ error: err.message }),
  );
});

afterAll(async () => {
  for (const strategy of made) strategy.close();
  await sandbox?.close();
});

/** A browser: requests with the jar's cookies for the path, answers applied to the jar. */
function browser(jar = new CookieJar()) {
  const get = async (path: string, cookie?: string) => {
    const res = await request(app)
      .get(path)
      .set('Cookie', cookie ?? jar.header(new URL(path, BASE).pathname));
    jar.apply(res.headers['set-cookie'] as unknown as string[] | undefined);
    return res;
  };
  return { jar, get };
}

describe('8 links (4 providers × 2 path spellings) with long multibyte returnTo leave a bounded Cookie header and a working login', () => {
  it('keeps every state cookie at Path=/ under one 3.5 KB budget, and a login afterwards completes', async () => {
    const tab = browser();
    const returnTo = encodeURIComponent(`/${'é'.repeat(405)}`);
    for (const name of PROVIDERS) {
      const escaped = name.replace(/[a-z]$/, (last) => `%${last.charCodeAt(0).toString(16)}`);
      for (const spelling of [`/AUTH/${name}`, `/auth/${escaped}`]) {
        const res = await tab.get(`${spelling}?returnTo=${returnTo}`);
        expect(res.status).toBe(302);
      }
    }
    expect([...tab.jar.cookies.values()].every((cookie) => cookie.path === '/')).toBe(true);
    for (const name of PROVIDERS) {
      expect(Buffer.byteLength(tab.jar.header(`/auth/${name}/callback`))).toBeLessThanOrEqual(3500);
    }

    const start = await tab.get('/auth/gofundo');
    const back = await submitDecision(start.headers.location as string);
    const done = await tab.get(back.pathname + back.search);
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ user: { strategy: 'gofundo', id: expect.any(String) } });
  });
});

describe('200 junk, oversized or malformed state cookies: a bounded answer or a fresh login, never a 500', () => {
  const junk = Array.from({ length: 200 }, (_, i) => `oauth2-state.gofundo.junk${i}=${'x'.repeat(20)}`).join('; ');

  it('a start answers 302 with at most 13 Set-Cookie lines, under 2 KB in all', async () => {
    const res = await browser().get('/auth/gofundo', junk);
    expect(res.status).toBe(302);
    const lines = res.headers['set-cookie'] as unknown as string[];
    expect(lines.length).toBeLessThanOrEqual(13);
    expect(Buffer.byteLength(lines.join('\r\n'))).toBeLessThan(2048);
  });

  it('a callback answers 403 (state not verified), not a 500', async () => {
    const res = await browser().get('/auth/gofundo/callback?code=x&state=junk3', junk);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ failure: { message: STATE_MESSAGES.missing } });
  });

  it('an oversized Cookie header of well-formed state cookies (12 KB) is a fresh login that brings it under the budget', async () => {
    const tab = browser();
    const now = Date.now();
    tab.jar.apply(
      Array.from(
        { length: 10 },
        (_, i) => `oauth2-state.gofundo.AAAAAAAA.${(now - 60_000 + i).toString(36)}.s${i}=${'v'.repeat(1200)}; Path=/`,
      ),
    );
    expect(Buffer.byteLength(tab.jar.header('/auth/gofundo'))).toBeGreaterThan(12_000);
    const res = await tab.get('/auth/gofundo');
    expect(res.status).toBe(302);
    expect(Buffer.byteLength(tab.jar.header('/auth/gofundo/callback'))).toBeLessThanOrEqual(3500);
  });

  it('a malformed Cookie header is a fresh login', async () => {
    const res = await browser().get('/auth/gofundo', '=;;oauth2-state.=;\u00ff=%; oauth2-state.gofundo;;');
    expect(res.status).toBe(302);
  });
});

describe("two strategies of one provider and client (petjeaf, petjeaf-members) never take each other's state", () => {
  it("refuses a state started at petjeaf at petjeaf-members' callback, before any token request, and petjeaf's own still logs in", async () => {
    const tab = browser();
    // Spelled so that no path scoping can keep the cookie from the other strategy's callback.
    const start = await tab.get('/AUTH/petjeaf');
    const back = await submitDecision(start.headers.location as string);
    const crossed = await tab.get(`/auth/petjeaf-members/callback${back.search}`);
    expect(crossed.status).toBe(403);
    expect(crossed.body).toEqual({ failure: { message: STATE_MESSAGES.missing } });
    const own = await tab.get(back.pathname + back.search);
    expect(own.status).toBe(200);
    expect(own.body.user.strategy).toBe('petjeaf');
  });
});
