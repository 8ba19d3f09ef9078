#!/usr/bin/env node
'use strict';
/**
 * `npm run soak`: thousands of complete logins through the real express-demo app (its
 * sessions, CSRF tokens and strategies as they are) against the sandbox on 127.0.0.1, spread
 * over the four providers, checking that none fails and that neither the heap nor the open
 * sockets grow with the number of logins.
 *
 *   node scripts/soak.js                          2,000 logins, 50 in flight (about 20 s)
 *   node scripts/soak.js --logins 5000 --concurrency 100
 *   node scripts/soak.js --https                  the sandbox over HTTPS (the demo trusts its certificate)
 *   node scripts/soak.js --quick                  200 logins (CI): failures and heap checked, sockets not
 *
 * One login, as a browser does it: GET /auth/<provider> on the demo (which must set the
 * login's state cookie and no session cookie: the strategies' default state store keeps the
 * pending login with the browser), approve on the sandbox's authorize page (the form's POST,
 * `submitDecision`), GET the callback on the demo with the cookies, then GET /profile, which
 * must answer 200 and show the chosen user's id. The login's latency is measured up to there.
 * The simulated user then logs out (POST /logout with the page's CSRF token), so that the
 * memory session store does not keep every user's session for 8 hours: the heap then shows
 * what is retained per login. Before every second login another browser starts a login and
 * abandons it (GET /auth/<provider> only): that must leave no session in the store.
 *
 * The demo app and the simulated browsers run in this process, whose heap is measured; the
 * sandbox runs in a child process (scripts/bench/sandbox-process.js), so its codes and tokens
 * are not counted. At two checkpoints (after the first 1,000 logins, and at the end), with no
 * login in flight, the browsers close their sockets and the script records the sockets left
 * open (the demo server's connections, the strategies' keep-alive sockets to the sandbox seen
 * in this process, the connections open in the sandbox process), then waits for the idle
 * keep-alive sockets to be closed and counts again (not with --quick), then the sessions in the
 * store and the heap used after a forced GC.
 *
 * Exits 1 if a login failed, the heap grew by more than MAX_HEAP_GROWTH_MIB between the
 * checkpoints, or more sockets stayed open once idle; 2 on bad arguments. Needs `npm run build`.
 */
const { spawnSync } = require('node:child_process');

const USAGE = 'usage: node scripts/soak.js [--logins N] [--concurrency N] [--https] [--quick]';

if (typeof globalThis.gc !== 'function') {
  // Re-run with --expose-gc, so that the heap is measured after a full collection.
  if (process.env.SOAK_EXPOSE_GC) {
    console.error('soak: global.gc is still missing after re-running with --expose-gc');
    process.exit(1);
  }
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', ...process.execArgv, __filename, ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      env: { ...process.env, SOAK_EXPOSE_GC: '1' },
    },
  );
  if (child.error) console.error(`soak: could not re-run with --expose-gc: ${child.error.message}`);
  process.exit(child.status ?? 1);
}

const diagnostics = require('node:diagnostics_channel');
const http = require('node:http');
const { randomBytes } = require('node:crypto');
const session = require('express-session');
const { createDemoApp, sandboxSettings, SESSION_COOKIE } = require('express-demo');
const { generateCertificate, submitDecision, PROVIDER_NAMES } = require('passport-nl-sandbox');
const { agentFor, closeAgents, isClientAgent, send } = require('./bench/http-client');
const { startSandboxProcess } = require('./bench/sandbox-process');
const { fixed, percentile, table } = require('./bench/stats');

/** Largest heap growth accepted between the two checkpoints. */
const MAX_HEAP_GROWTH_MIB = 8;
/** The first checkpoint comes after this many logins (or half the run, if shorter). */
const CHECKPOINT_LOGINS = 1000;
/** A login that has not completed by then fails (the strategies' own deadline is 10 s). */
const LOGIN_TIMEOUT_MS = 15_000;
/** After this many failures no new login starts, so that a broken run ends quickly. */
const MAX_FAILURES = 20;
/** How many failure messages are printed. */
const SHOWN_FAILURES = 5;
/** How long a checkpoint waits for the browsers' closed sockets to be gone on both sides. */
const SETTLE_MS = 3000;
/**
 * How long a checkpoint waits for the idle keep-alive sockets to be closed: the sandbox's
 * servers close them after Node's default keepAliveTimeout of 5 s (the strategies' agents
 * after 15 s). What is still open then is a socket that leaked.
 */
const IDLE_WAIT_MS = 10_000;
/** How long the final shutdown may take before the process exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 15_000;
const DEFAULTS = { logins: 2000, concurrency: 50 };
const QUICK_LOGINS = 200;
const MIB = 1024 * 1024;

function parseArgs(argv) {
  const options = { ...DEFAULTS, https: false, quick: false };
  let loginsGiven = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const number = () => {
      const text = argv[(i += 1)];
      if (!/^[1-9]\d*$/.test(text ?? ''))
        throw new UsageError(`${arg} needs a positive whole number, not ${text ?? 'nothing'}`);
      return Number(text);
    };
    if (arg === '--logins') {
      options.logins = number();
      loginsGiven = true;
    } else if (arg === '--concurrency') options.concurrency = number();
    else if (arg === '--https') options.https = true;
    else if (arg === '--quick') options.quick = true;
    else if (arg === '--help' || arg === '-h') throw new UsageError('');
    else throw new UsageError(`unknown argument ${arg}`);
  }
  if (options.quick && !loginsGiven) options.logins = QUICK_LOGINS;
  if (options.logins < 2) throw new UsageError('--logins must be at least 2 (two checkpoints)');
  return options;
}

class UsageError extends Error {}

async function main(options) {
  const certificate = options.https ? await generateCertificate() : undefined;
  const sandbox = await startSandboxProcess(certificate ?? {});
  const sockets = trackAppSockets();
  let app;
  try {
    app = await startDemoApp(sandbox, certificate?.cert);
    const ctx = { ...app, sandbox, ca: certificate?.cert, options, results: undefined };
    const checkpointAt = Math.min(CHECKPOINT_LOGINS, Math.floor(options.logins / 2));

    console.log(
      `# Soak: ${options.logins} logins, ${options.concurrency} in flight, express-demo app + sandbox over ${options.https ? 'HTTPS' : 'HTTP'} on 127.0.0.1 (Node ${process.version})\n`,
    );
    console.log(
      `- demo app (createDemoApp, memory session store) and simulated browsers: this process, pid ${process.pid}; its heap is the one measured`,
    );
    console.log(
      `- sandbox: child process, pid ${sandbox.pid} (scripts/bench/sandbox-process.js); its memory is not counted`,
    );
    console.log(
      '- each login: GET /auth/<provider>, POST the approval to the sandbox, GET the callback, GET /profile (200, shows the user id); then POST /logout with the CSRF token (not timed)\n',
    );

    const results = {
      abandoned: 0,
      latencies: [],
      failures: [],
      perProvider: Object.fromEntries(PROVIDER_NAMES.map((n) => [n, 0])),
      seconds: 0,
      problems: [],
    };
    ctx.results = results;
    const t0 = process.hrtime.bigint();
    results.seconds += await runLogins(ctx, 0, checkpointAt, results);
    const first = await measuredCheckpoint(ctx, sockets, undefined, results);
    let last;
    if (results.failures.length < MAX_FAILURES) {
      results.seconds += await runLogins(ctx, checkpointAt, options.logins, results);
      last = await measuredCheckpoint(ctx, sockets, first, results);
    }
    const wallSeconds = Number(process.hrtime.bigint() - t0) / 1e9;

    return report(options, results, first, last, checkpointAt, wallSeconds);
  } finally {
    await shutdown(app, sandbox, sockets);
  }
}

/** The demo app on an ephemeral port of 127.0.0.1, its four providers pointed at the sandbox process. */
async function startDemoApp(sandbox, ca) {
  const server = http.createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const providers = {};
  for (const name of PROVIDER_NAMES) providers[name] = sandboxSettings(sandbox.providers[name], ca);
  // The store express-session would create by itself; passed in only to count its sessions.
  const store = new session.MemoryStore();
  const demo = createDemoApp({
    baseURL: origin,
    sessionSecret: randomBytes(32).toString('base64url'),
    providers,
    sessionStore: store,
  });
  server.on('request', demo.app);
  return { server, origin, store, demo };
}

/**
 * Follows the HTTP client sockets this process's app opens (the strategies' calls to the
 * sandbox), leaving out the simulated browsers' own: how many are open, how many were opened.
 */
function trackAppSockets() {
  const open = new Set();
  const seen = new WeakSet();
  let opened = 0;
  const onRequest = ({ request }) => {
    const socket = request.socket;
    if (isClientAgent(request.agent) || !socket || seen.has(socket)) return;
    seen.add(socket);
    opened += 1;
    if (socket.destroyed) return;
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  };
  diagnostics.subscribe('http.client.request.start', onRequest);
  return {
    open: () => open.size,
    opened: () => opened,
    stop: () => diagnostics.unsubscribe('http.client.request.start', onRequest),
  };
}

/** Runs logins number `from`..`to - 1` with `concurrency` in flight; returns the seconds it took. */
async function runLogins(ctx, from, to, results) {
  let next = from;
  const t0 = process.hrtime.bigint();
  const worker = async () => {
    while (next < to && results.failures.length < MAX_FAILURES) {
      const index = next;
      next += 1;
      const controller = new AbortController();
      const timer = setTimeout(
        () => controller.abort(new Error(`did not complete within ${LOGIN_TIMEOUT_MS} ms`)),
        LOGIN_TIMEOUT_MS,
      );
      const progress = { step: 'start' };
      try {
        results.latencies.push(await login(ctx, index, controller.signal, progress));
        results.perProvider[progress.provider] += 1;
      } catch (error) {
        const why = controller.signal.aborted
          ? `${controller.signal.reason.message} (stuck at: ${progress.step})`
          : error.message;
        results.failures.push(`login #${index + 1} (${progress.provider}, user ${progress.user}): ${why}`);
      } finally {
        clearTimeout(timer);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(ctx.options.concurrency, to - from) }, worker));
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** One complete login, then a logout; resolves with the login's latency in ms or rejects saying which step failed. */
async function login(ctx, index, signal, progress) {
  const { origin, sandbox, ca } = ctx;
  const provider = PROVIDER_NAMES[index % PROVIDER_NAMES.length];
  const endpoints = sandbox.providers[provider];
  const user = endpoints.users[Math.floor(index / PROVIDER_NAMES.length) % endpoints.users.length];
  Object.assign(progress, { provider, user: user.id });
  const cookies = new Map();

  const request = async (step, method, url, expected, body) => {
    progress.step = step;
    const res = await sendWithCookies(cookies, method, url, body, signal);
    if (res.status !== expected)
      throw new Error(`${step} answered ${res.status} instead of ${expected}: ${pageText(res.body)}`);
    return res;
  };

  if (index % 2 === 0) {
    // Another browser starts a login with the same provider and never comes back.
    progress.step = `abandoned GET /auth/${provider}`;
    const abandoned = await sendWithCookies(new Map(), 'GET', `${origin}/auth/${provider}`, undefined, signal);
    if (abandoned.status !== 302) throw new Error(`abandoned GET /auth/${provider} answered ${abandoned.status}`);
    ctx.results.abandoned += 1;
  }

  const t0 = process.hrtime.bigint();
  const start = await request(`GET /auth/${provider}`, 'GET', `${origin}/auth/${provider}`, 302);
  const authorizeURL = start.headers.location ?? '';
  if (!authorizeURL.startsWith(`${endpoints.authorizationURL}?`)) {
    throw new Error(
      `GET /auth/${provider} redirected to ${authorizeURL || 'nowhere'} instead of the sandbox's authorize page`,
    );
  }
  const names = [...cookies.keys()];
  if (!names.some((name) => name.startsWith(`oauth2-state.${provider}.`)))
    throw new Error(`GET /auth/${provider} set no state cookie (cookies: ${names.join(', ') || 'none'})`);
  if (names.includes(SESSION_COOKIE)) throw new Error(`GET /auth/${provider} set a session cookie before login`);

  progress.step = 'POST approval to the sandbox';
  let callbackURL;
  try {
    callbackURL = await untilAborted(
      submitDecision(authorizeURL, { userId: user.id, agent: agentFor(authorizeURL), ca }),
      signal,
    );
  } catch (error) {
    throw new Error(`the sandbox's authorize page: ${error.message}`);
  }
  if (callbackURL.origin !== origin || callbackURL.pathname !== `/auth/${provider}/callback`) {
    throw new Error(
      `the sandbox sent the browser to ${callbackURL.origin}${callbackURL.pathname} instead of the demo's callback`,
    );
  }

  const callback = await request(`GET /auth/${provider}/callback`, 'GET', callbackURL.href, 303);
  if (callback.headers.location !== '/profile')
    throw new Error(`the callback redirected to ${callback.headers.location} instead of /profile`);
  const profile = await request('GET /profile', 'GET', `${origin}/profile`, 200);
  if (!profile.body.includes(`<dd id="user-id"><code>${user.id}</code></dd>`)) {
    throw new Error(`GET /profile does not show user id ${user.id}: ${pageText(profile.body)}`);
  }
  const latencyMs = Number(process.hrtime.bigint() - t0) / 1e6;

  const csrf = /name="_csrf" value="([^"]+)"/.exec(profile.body)?.[1];
  if (!csrf) throw new Error('GET /profile has no CSRF token for the logout form');
  const logout = await request(
    'POST /logout',
    'POST',
    `${origin}/logout`,
    303,
    new URLSearchParams({ _csrf: csrf }).toString(),
  );
  if (logout.headers.location !== '/')
    throw new Error(`POST /logout redirected to ${logout.headers.location} instead of /`);
  return latencyMs;
}

/**
 * Sends a request with a browser's cookies and keeps the cookies of its answer, as a browser
 * does (a cookie set with Max-Age=0 is deleted). Paths are not followed: every cookie goes along.
 */
async function sendWithCookies(cookies, method, url, body, signal) {
  const headers = { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  const res = await send(method, url, { headers, body, signal });
  for (const line of res.headers['set-cookie'] ?? []) {
    const [pair] = line.split(';');
    const at = pair.indexOf('=');
    const name = pair.slice(0, at).trim();
    if (/;\s*Max-Age=0\b/i.test(line)) cookies.delete(name);
    else cookies.set(name, pair.slice(at + 1).trim());
  }
  return res;
}

/** `promise`, or a rejection with the signal's reason once it aborts. */
function untilAborted(promise, signal) {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** The visible text of an HTML page, shortened, for error messages. */
function pageText(body) {
  const text = body
    .replace(/<(head|style|script)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text || '(empty body)';
}

/**
 * With no login in flight: closes the simulated browsers' sockets (they belong to the soak,
 * not to the app) and records, once both sides have seen them go, the sockets left open (the
 * strategies' keep-alive pools, whose size follows the peak demand); then, unless `quick`,
 * waits for the sandbox to close the idle keep-alive sockets and records what is still open
 * (a socket that leaked); then the sessions and the heap after a forced GC.
 */
async function checkpoint(ctx, sockets, phase) {
  closeAgents();
  const count = async () => {
    const demoConnections = await new Promise((resolve, reject) =>
      ctx.server.getConnections((e, n) => (e ? reject(e) : resolve(n))),
    );
    const appOutbound = sockets.open();
    const sandboxSide = await ctx.sandbox.openSockets();
    return { demoConnections, appOutbound, sandboxSide, total: demoConnections + appOutbound + sandboxSide };
  };
  const pooled = await pollUntil(count, (c) => c.demoConnections === 0 && c.sandboxSide === c.appOutbound, SETTLE_MS);
  const idle = ctx.options.quick ? undefined : await pollUntil(count, (c) => c.total === 0, IDLE_WAIT_MS);
  const sessions = await new Promise((resolve, reject) =>
    ctx.store.all((e, all) => (e ? reject(e) : resolve(Object.values(all ?? {})))),
  );
  for (let i = 0; i < 4; i += 1) {
    globalThis.gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const opened = sockets.opened();
  return {
    ...pooled,
    idleSockets: idle?.total ?? NaN,
    appOpened: opened - (phase?.appOpenedTotal ?? 0),
    appOpenedTotal: opened,
    sessionsWithUser: sessions.filter((s) => s.passport?.user).length,
    sessionsWithout: sessions.filter((s) => !s.passport?.user).length,
    heapMiB: process.memoryUsage().heapUsed / MIB,
  };
}

/** {@link checkpoint}, or undefined (and a problem noted) when it cannot be measured, e.g. the sandbox died. */
async function measuredCheckpoint(ctx, sockets, previous, results) {
  try {
    return await checkpoint(ctx, sockets, previous);
  } catch (error) {
    results.problems.push(`a checkpoint could not be measured: ${error.message}`);
    return undefined;
  }
}

/** Calls `measure` every 100 ms until `done(value)` or `ms` have passed; resolves with the last value. */
async function pollUntil(measure, done, ms) {
  const deadline = Date.now() + ms;
  let value = await measure();
  while (!done(value) && Date.now() < deadline) {
    await sleep(100);
    value = await measure();
  }
  return value;
}

function report(options, results, first, last, checkpointAt, wallSeconds) {
  const done = results.latencies.length;
  const failed = results.failures.length;
  const notRun = options.logins - done - failed;
  const growth = last && first ? last.heapMiB - first.heapMiB : NaN;
  const signed = (n, digits = 0) => `${n > 0 ? '+' : ''}${fixed(n, digits)}`;
  const split = PROVIDER_NAMES.map((name) => `${name} ${results.perProvider[name]}`).join(', ');

  console.log(
    table(
      ['metric', 'value'],
      [
        ['logins completed', `${done} of ${options.logins} (${split})`],
        [
          'failed logins (must be 0)',
          `${failed}${notRun > 0 ? ` (${notRun} not started after ${MAX_FAILURES} failures)` : ''}`,
        ],
        [`logins/s (${options.concurrency} in flight)`, fixed(done / results.seconds, 0)],
        ['login latency p50 (ms)', fixed(percentile(results.latencies, 50), 1)],
        ['login latency p99 (ms)', fixed(percentile(results.latencies, 99), 1)],
        ['wall time, checkpoints included (s)', fixed(wallSeconds, 1)],
      ],
    ),
  );
  console.log();
  const row = (label, key, digits = 0, limit = '') => [
    label,
    fixed(first?.[key], digits),
    fixed(last?.[key], digits),
    signed(last?.[key] - first?.[key], digits),
    limit,
  ];
  const idleRow = options.quick
    ? ['open sockets once idle: not measured with --quick', '—', '—', '—', 'not checked']
    : row(
        `open sockets once idle (all of the above, after up to ${IDLE_WAIT_MS / 1000} s)`,
        'idleSockets',
        0,
        'no growth',
      );
  console.log(
    table(
      [
        'measured with no login in flight',
        `after login ${checkpointAt}`,
        `after login ${options.logins}`,
        'growth',
        'limit',
      ],
      [
        row('heap used after forced GC (MiB), this process', 'heapMiB', 2, `+${MAX_HEAP_GROWTH_MIB} MiB`),
        row("open sockets: demo server's connections (browsers' sockets closed)", 'demoConnections'),
        row(
          "open sockets: strategies' keep-alive sockets to the sandbox",
          'appOutbound',
          0,
          'pooled: follows peak demand',
        ),
        row('open sockets: connections open in the sandbox process', 'sandboxSide'),
        idleRow,
        [
          'new sockets from the strategies to the sandbox during the phase',
          fixed(first?.appOpened, 0),
          fixed(last?.appOpened, 0),
          '',
          '',
        ],
        row("sessions in the demo's memory store with a logged-in user", 'sessionsWithUser'),
        row("sessions in the demo's memory store without a user", 'sessionsWithout'),
      ],
    ),
  );

  console.log(
    `\nLogins started and abandoned by other browsers: ${results.abandoned}; sessions they left in the store: ${last?.sessionsWithout ?? 'not measured'} (pending logins live in state cookies).`,
  );

  const problems = [];
  // Every login ends with POST /logout, and an abandoned login never makes a session: the store must be empty.
  const leftSessions = (last?.sessionsWithUser ?? 0) + (last?.sessionsWithout ?? 0);
  if (leftSessions > 0)
    problems.push(
      `${leftSessions} session(s) left in the store after logouts and ${results.abandoned} abandoned logins`,
    );
  if (failed > 0) {
    problems.push(`${failed} login(s) failed`);
    const shown = results.failures.slice(0, SHOWN_FAILURES);
    console.log(`\nFirst failures:\n${shown.map((message) => `- ${message}`).join('\n')}`);
  }
  problems.push(...results.problems);
  if (!first || !last) problems.push('the heap and the sockets were not measured at both checkpoints');
  if (growth > MAX_HEAP_GROWTH_MIB)
    problems.push(`the heap grew by ${fixed(growth, 2)} MiB (limit ${MAX_HEAP_GROWTH_MIB} MiB)`);
  if (last?.idleSockets > first?.idleSockets)
    problems.push(`open sockets once idle grew from ${first.idleSockets} to ${last.idleSockets}`);
  console.log(
    problems.length
      ? `\nFAIL: ${problems.join('; ')}.`
      : `\nOK: no failed login, heap growth within ${MAX_HEAP_GROWTH_MIB} MiB${options.quick ? ' (sockets not checked with --quick)' : ', no socket growth'}.`,
  );
  return problems.length ? 1 : 0;
}

/** Stops everything this script started; never hangs past SHUTDOWN_TIMEOUT_MS. */
async function shutdown(app, sandbox, sockets) {
  const watchdog = setTimeout(() => {
    console.error(`soak: shutdown did not finish within ${SHUTDOWN_TIMEOUT_MS} ms; exiting anyway`);
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS);
  watchdog.unref();
  closeAgents();
  if (app) {
    app.demo.close();
    app.server.closeAllConnections();
    await new Promise((resolve) => app.server.close(() => resolve()));
  }
  sockets.stop();
  await sandbox.close();
  clearTimeout(watchdog);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let options;
try {
  options = parseArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  if (error.message) console.error(`soak: ${error.message}`);
  console.error(USAGE);
  process.exit(error.message ? 2 : 0);
}
main(options).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`soak: ${error.stack || error}`);
    process.exit(1);
  },
);
