'use strict';
/** One complete login as a browser would do it: /login, the provider's decision, /callback. */
const { send } = require('./http-client');

/**
 * Logs in once through `appOrigin`'s `/<variant>/login`, approving through the sandbox's in-process
 * decision (so the driver opens no connection to the provider), and times the callback.
 *
 * `counted: false` skips the two calls to the sandbox's counters around the callback (bursts,
 * whose logins overlap, count per round instead).
 *
 * @returns {{ callbackMs: number, requests?: number, connections?: number, tlsHandshakes?: number }}
 *   the callback's latency and what the app sent to the provider during it (exact when logins run one at a time).
 */
async function login(appOrigin, variant, sandboxProvider, { counted = true } = {}) {
  const start = await send('GET', `${appOrigin}/${variant}/login`);
  if (start.status !== 302) throw new Error(`${variant} /login answered ${start.status}`);
  const cookie = (start.headers['set-cookie'] || []).map((c) => c.split(';')[0]).join('; ');
  const back = new URL(await sandboxProvider.decide(start.headers.location));

  const before = counted ? await sandboxProvider.stats() : undefined;
  const t0 = process.hrtime.bigint();
  const done = await send('GET', `${appOrigin}${back.pathname}${back.search}`, { headers: { cookie } });
  const callbackMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const after = counted ? await sandboxProvider.stats() : undefined;
  if (done.status !== 200) throw new Error(`${variant} callback answered ${done.status}: ${done.body.slice(0, 200)}`);
  if (!counted) return { callbackMs };
  return {
    callbackMs,
    requests: after.requests - before.requests,
    connections: after.connections - before.connections,
    tlsHandshakes: after.tlsHandshakes - before.tlsHandshakes,
  };
}

/** Runs `count` logins with `concurrency` in flight; returns their results and the wall time. */
async function loginBatch(appOrigin, variant, sandboxProvider, count, concurrency, options) {
  const results = [];
  let next = 0;
  const t0 = process.hrtime.bigint();
  const worker = async () => {
    while (next < count) {
      next += 1;
      results.push(await login(appOrigin, variant, sandboxProvider, options));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { results, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

module.exports = { login, loginBatch };
