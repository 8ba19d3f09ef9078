import fastifyPassport from '@fastify/passport';
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import Koa from 'koa';
import { KoaPassport } from 'koa-passport';
import { createSession } from 'koa-session';
import request from 'supertest';
import type { CallbackOutcome, StartedLogin } from '../login-app';
import { CALLBACK_URL, CLIENT_ID, type VerifyCall } from './harness';
import type { CaseStrategy, ProviderCase, SuiteStrategyOptions } from './provider-case';

/** The request shapes the state cases run through besides Express's own `req`/`req.res`. */
export type FrameworkShape = 'koa-passport' | '@fastify/passport' | 'no response (chai-passport-strategy)';

/** A strategy in a framework's app, as much of a `Harness` as the state cases use. */
export interface FrameworkHarness {
  strategy: CaseStrategy;
  verifyCalls: VerifyCall[];
  /** Starts a login (a new browser unless `agent` is given). */
  start(agent?: StartedLogin['agent']): Promise<StartedLogin>;
  /** Sends the provider's redirect back for a started login. */
  callback(login: StartedLogin, query: Record<string, string>): Promise<CallbackOutcome>;
  close(): Promise<void>;
}

type Outcome = [status: number, body: CallbackOutcome['body']];

/** The callback's answer from passport's (err, user, info, status), as `createLoginApp` answers. */
function outcomeOf(err: unknown, user: unknown, info: unknown, status?: number): Outcome {
  if (err) {
    const { name, message, status: code } = err as { name: string; message: string; status?: number };
    return [code ?? 500, { error: { name, message, status: code } }];
  }
  if (!user) return [status ?? 401, { failure: (Array.isArray(info) ? info[0] : info) ?? {} }];
  return [200, { user: user as Record<string, unknown> }];
}

/**
 * A strategy of `pc` with the suite's options plus `overrides` in an app of `shape`, logging
 * in with the framework's own `logIn` and session: Koa 3 + koa-passport + koa-session;
 * Fastify 5 + @fastify/passport + a session as @fastify/secure-session's (see {@link useTestSession});
 * or no framework at all, the strategy
 * called with a plain `req` that has a session but no response, as chai-passport-strategy does.
 */
export async function frameworkHarness(
  shape: FrameworkShape,
  pc: ProviderCase,
  clientSecret: string,
  overrides: Partial<SuiteStrategyOptions>,
): Promise<FrameworkHarness> {
  const verifyCalls: VerifyCall[] = [];
  const strategy = pc.create(
    { clientID: CLIENT_ID, clientSecret, callbackURL: CALLBACK_URL, timeout: 5000, ...overrides },
    (accessToken, refreshToken, params, profile, done) => {
      verifyCalls.push({ accessToken, refreshToken, params, profile });
      done(null, { id: profile.id, displayName: profile.displayName });
    },
  );
  const make = shape === 'koa-passport' ? koaApp : shape === '@fastify/passport' ? fastifyApp : plainRequestApp;
  const app = await make(strategy);
  return { strategy, verifyCalls, start: app.start, callback: app.callback, close: app.close };
}

interface App {
  start(agent?: StartedLogin['agent']): Promise<StartedLogin>;
  callback(login: StartedLogin, query: Record<string, string>): Promise<CallbackOutcome>;
  close(): Promise<void>;
}

/** start/callback over HTTP with supertest agents, for an app served by `target`. */
function overHttp(target: Parameters<typeof request.agent>[0], close: () => Promise<void>): App {
  return {
    start: async (agent = request.agent(target)) => {
      const res = await agent.get('/login');
      if (res.status !== 302) throw new Error(`expected a redirect from /login, got ${res.status}: ${res.text}`);
      const location = new URL(res.headers.location as string);
      const setCookie = res.headers['set-cookie'] as unknown as string[] | undefined;
      return { agent, location, state: location.searchParams.get('state'), setCookies: setCookie ?? [] };
    },
    callback: async (login, query) => {
      const res = await login.agent.get('/callback').query(query);
      return { status: res.status, body: res.body as CallbackOutcome['body'] };
    },
    close,
  };
}

async function koaApp(strategy: CaseStrategy): Promise<App> {
  const passport = new KoaPassport();
  passport.use(strategy);
  passport.serializeUser((user, done) => done(null, user));
  passport.deserializeUser((user: Express.User, done) => done(null, user));
  const app = new Koa();
  app.keys = ['koa-session-key'];
  app.use(createSession({}, app));
  app.use(passport.initialize());
  app.use(passport.session());
  const start = passport.authenticate(strategy.name as string, { session: false });
  app.use(async (ctx, next) => {
    if (ctx.path === '/login') return start(ctx, next);
    if (ctx.path !== '/callback') return next();
    const callback = passport.authenticate(
      strategy.name as string,
      async (err: unknown, user: unknown, info: unknown, status?: number) => {
        if (user) await ctx.login(user as Express.User);
        [ctx.status, ctx.body] = outcomeOf(err, user, info, status);
      },
    );
    return callback(ctx, next);
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  return overHttp(`http://127.0.0.1:${port}`, () => new Promise((resolve) => server.close(() => resolve())));
}

async function fastifyApp(strategy: CaseStrategy): Promise<App> {
  const passport = new fastifyPassport.Authenticator();
  passport.use(strategy.name as string, strategy as never);
  passport.registerUserSerializer(async (user) => user);
  passport.registerUserDeserializer(async (user) => user);
  const app = Fastify();
  useTestSession(app);
  await app.register(passport.initialize());
  await app.register(passport.secureSession());
  app.get('/login', { preValidation: passport.authenticate(strategy.name as string) }, async () => '');
  const callback = passport.authenticate(strategy.name as string, async (req, reply, err, user, info, status) => {
    if (user) await req.logIn(user);
    const [code, body] = outcomeOf(err, user, info, status as number | undefined);
    return reply.code(code).send(body);
  });
  app.get('/callback', callback);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return overHttp(`http://127.0.0.1:${port}`, () => app.close());
}

/** A session as @fastify/secure-session makes it: get/set/data and a synchronous regenerate(keep). */
interface TestSession {
  id: string;
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  data(): Record<string, unknown>;
  regenerate(keep?: string[]): void;
}

/**
 * A session plugin with @fastify/secure-session's API, kept in memory under an `sid` cookie
 * that Fastify sets in `onSend` (so its `Set-Cookie` goes to `writeHead` with ours). The real
 * plugins need @fastify/cookie, which loads `cookie` with a dynamic import() that jest's VM
 * cannot run; examples/fastify runs both real ones end to end.
 */
function useTestSession(app: FastifyInstance): void {
  const stored = new Map<string, Record<string, unknown>>();
  const open = (id: string, data: Record<string, unknown>): TestSession => ({
    id,
    get: (key) => data[key],
    set: (key, value) => {
      if (value === undefined) delete data[key];
      else data[key] = value;
    },
    data: () => ({ ...data }),
    regenerate(keep = []) {
      for (const key of Object.keys(data)) if (!keep.includes(key)) delete data[key];
      stored.delete(this.id);
      this.id = randomBytes(12).toString('hex');
    },
  });
  app.decorateRequest('session', null as never);
  app.addHook('onRequest', async (req) => {
    const id = /(?:^|;\s*)sid=([0-9a-f]+)/.exec(req.headers.cookie ?? '')?.[1];
    const data = id === undefined ? undefined : stored.get(id);
    (req as unknown as { session: TestSession }).session = open(
      data ? (id as string) : randomBytes(12).toString('hex'),
      structuredClone(data ?? {}),
    );
  });
  app.addHook('onSend', async (req, reply) => {
    const session = (req as unknown as { session: TestSession }).session;
    stored.set(session.id, session.data());
    reply.header('set-cookie', `sid=${session.id}; Path=/; HttpOnly; SameSite=Lax`);
  });
}

/** What one call of `authenticate` ended with: a redirect, or the callback's answer. */
type Ending = { redirect: string } | { outcome: Outcome };

/** Calls the strategy as chai-passport-strategy does: on a copy with its own success/fail/redirect/error. */
function authenticate(strategy: CaseStrategy, req: object): Promise<Ending> {
  return new Promise((resolve) => {
    const run = Object.create(strategy) as CaseStrategy & Record<string, unknown>;
    run.redirect = (url: string) => resolve({ redirect: url });
    run.success = (user: unknown) => resolve({ outcome: outcomeOf(null, user, undefined) });
    run.fail = (info: unknown, status?: number) =>
      resolve({ outcome: outcomeOf(null, false, info, typeof info === 'number' ? info : status) });
    run.error = (err: unknown) => resolve({ outcome: outcomeOf(err, false, undefined) });
    run.pass = () => resolve({ outcome: [500, { error: { name: 'Error', message: 'pass() called' } }] });
    (run.authenticate as (this: object, req: object, options: object) => void).call(run, req, {});
  });
}

/**
 * The strategy called with a plain `req` that has a session but no response, as
 * chai-passport-strategy (a strategy author's test tool) calls it; a "browser" is its session.
 */
async function plainRequestApp(strategy: CaseStrategy): Promise<App> {
  const sessions = new WeakMap<object, Record<string, unknown>>();
  const sessionOf = (agent: object) => sessions.get(agent) ?? (sessions.set(agent, {}).get(agent) as object);
  return {
    start: async (agent = request.agent('http://127.0.0.1:9')) => {
      const req = { method: 'GET', url: '/login', query: {}, headers: {}, session: sessionOf(agent) };
      const ending = await authenticate(strategy, req);
      if (!('redirect' in ending)) throw new Error(`expected a redirect from the start, got ${JSON.stringify(ending)}`);
      const location = new URL(ending.redirect);
      return { agent, location, state: location.searchParams.get('state'), setCookies: [] };
    },
    callback: async (login, query) => {
      const req = { method: 'GET', url: '/callback', query, headers: {}, session: sessionOf(login.agent) };
      const ending = await authenticate(strategy, req);
      const [status, body] = 'outcome' in ending ? ending.outcome : [302, {}];
      return { status, body };
    },
    close: async () => undefined,
  };
}
