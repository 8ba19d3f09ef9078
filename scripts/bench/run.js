'use strict';
/** The benchmark proper; see index.js. */
const fs = require('node:fs');
const path = require('node:path');
const { startSandboxProcess } = require('./sandbox-process');
const { ROUND_TRIPS, withApp } = require('./app');
const { coldRequireMedians, installedFootprint } = require('./footprint');
const { closeAgents, send } = require('./http-client');
const { benchBurst, burstTable, BURST_DELAY_MS } = require('./burst');
const { login, loginBatch } = require('./login');
const { fixed, median, percentile, table } = require('./stats');

const PROVIDERS = ['petjeaf', 'gofundo', 'mijnklantportaal', 'altdentifier'];
const VARIANTS = ['ours', 'base'];
// Under light load, a third side too: ours with stateStore: 'session', the baseline's kind of
// state store, which tells the state cookie's cost from the rest of the kit's.
const LOAD_VARIANTS = ['ours', 'ours-session', 'base'];
const DELAY_MS = 20;
// Long warm-ups (with short ones the JIT's warm-up order decided the ratios; a perf profile of
// 300 warm-up logins per side still found V8's compiler threads taking 3x the baseline's CPU in
// the first measured rounds, which a server pays once, not per login) and many short
// alternating rounds: this machine's speed drifts over seconds, and a drift cancels out only
// between rounds that run close together.
const FULL = { warmup: 1500, rounds: 20, batch: 100, concurrency: 10, sequential: 100, delayed: 60, requireRuns: 31 };
// `--quick` (in npm test) runs every scenario too, at a few logins each, so that the full run's
// code cannot break unnoticed; its figures mean nothing.
const SMOKE = { warmup: 3, rounds: 2, batch: 3, concurrency: 2, sequential: 3, delayed: 2, requireRuns: 1 };
// The burst scenario: one provider with one round trip per login, one with two.
const BURST_PROVIDERS = ['petjeaf', 'gofundo'];
const BURST = {
  full: { inFlight: [128, 512], rounds: 8, loginsPerSlot: 1 },
  quick: { inFlight: [32], rounds: 1, loginsPerSlot: 1 },
};

/**
 * `quick`: checks that everything works and times nothing; `burstOnly`: only the burst scenario.
 */
async function run({ quick, burstOnly, certDir }) {
  const certificate = {
    key: fs.readFileSync(path.join(certDir, 'key.pem'), 'utf8'),
    cert: fs.readFileSync(path.join(certDir, 'cert.pem'), 'utf8'),
  };
  const light = !burstOnly;
  const sandbox = await startSandboxProcess(certificate);
  const delayed = light ? await startSandboxProcess({ ...certificate, delayMs: DELAY_MS }) : undefined;
  const undelayed = light ? await startSandboxProcess(certificate) : undefined;
  const slow = await startSandboxProcess({ ...certificate, delayMs: BURST_DELAY_MS });
  try {
    if (quick) {
      await quickCheck(sandbox);
      for (const name of PROVIDERS) {
        const providers = [sandbox, delayed, undelayed].map((s) => s.providers[name]);
        console.log(`\n${await benchProvider(name, ...providers, SMOKE)}`);
      }
      await burstSection(slow, BURST.quick, true);
      console.log(`\n${footprintTable(SMOKE)}`);
      return console.log('\nquick mode: every scenario ran, with a few logins each; its figures mean nothing.');
    }
    console.log(
      `# Login benchmark: our strategies vs. plain passport-oauth2, sandbox over HTTPS (Node ${process.version})\n`,
    );
    if (burstOnly) return await burstSection(slow, BURST.full, false);
    console.log(
      'Ratios are "higher is better": throughput ours ÷ baseline, CPU and latency baseline ÷ ours; target ≥ 1.00 (issue 24).\n',
    );
    for (const name of PROVIDERS) {
      console.log(
        await benchProvider(name, sandbox.providers[name], delayed.providers[name], undelayed.providers[name], FULL),
      );
      console.log();
    }
    await burstSection(slow, BURST.full, false);
    console.log();
    console.log(footprintTable(FULL));
  } finally {
    await sandbox.close();
    await slow.close();
    if (delayed) await delayed.close();
    if (undelayed) await undelayed.close();
    closeAgents();
  }
}

/** `--quick`: a few logins per provider and variant; checks they work and make the documented requests. */
async function quickCheck(sandbox) {
  const rows = [];
  for (const name of PROVIDERS) {
    await withApp(sandbox.providers[name], async (origin) => {
      for (const variant of VARIANTS) {
        const results = [];
        for (let i = 0; i < 3; i += 1) results.push(await login(origin, variant, sandbox.providers[name]));
        const requests = results.map((r) => r.requests);
        if (variant === 'ours' && requests.some((n) => n !== ROUND_TRIPS[name])) {
          throw new Error(`${name}: expected ${ROUND_TRIPS[name]} requests per login, saw ${requests.join(', ')}`);
        }
        rows.push([name, variant, String(results.length), requests.join(', ')]);
      }
    });
  }
  console.log(table(['provider', 'variant', 'logins', 'requests to the provider per login'], rows));
  console.log('\nEvery login completed and made the documented requests.');
}

/** Runs the burst scenario for {@link BURST_PROVIDERS} against the slow sandbox and prints its table. */
async function burstSection(slow, settings, quick) {
  const summaries = [];
  for (const name of BURST_PROVIDERS) summaries.push(...(await benchBurst(name, slow.providers[name], settings)));
  console.log(
    `\n## Burst: ${settings.inFlight.join(' and ')} logins in flight, every provider answer after ${BURST_DELAY_MS} ms\n`,
  );
  console.log(
    `Each round: ${settings.loginsPerSlot} × the in-flight count of logins per side; three sides take turns (ours as an app gets it, ours with stateStore: 'session' as the baseline keeps its state, the baseline), each going first equally often; ratios are each of our sides ÷ baseline, the median over the rounds (round i of each side); p50/p99 over all measured rounds; handshakes after two uncounted rounds per side; then each side runs two rounds back to back, and the last column counts the second one's handshakes.\n`,
  );
  console.log(burstTable(summaries));
  if (quick) console.log('\nquick mode: a small burst; its figures mean nothing.');
}

/** Light load, sequential logins and latency for one provider, with `settings` (FULL or SMOKE); returns its table. */
async function benchProvider(name, provider, delayedProvider, undelayedProvider, settings) {
  const done = Object.fromEntries(LOAD_VARIANTS.map((v) => [v, { logins: 0, seconds: 0, cpuMicros: 0 }]));
  const latencies = Object.fromEntries(LOAD_VARIANTS.map((v) => [v, []]));
  const pairedRatios = []; // ours ÷ baseline logins/s of the same round (the sides run one after the other)
  await withApp(provider, async (origin) => {
    for (const variant of LOAD_VARIANTS)
      await loginBatch(origin, variant, provider, settings.warmup, settings.concurrency);
    for (let round = 0; round < settings.rounds; round += 1) {
      // Each side goes first, second and last equally often.
      const order = LOAD_VARIANTS.map((_, i) => LOAD_VARIANTS[(i + round) % LOAD_VARIANTS.length]);
      const rate = {};
      for (const variant of order) {
        const cpuBefore = process.cpuUsage();
        const { results, seconds } = await loginBatch(origin, variant, provider, settings.batch, settings.concurrency);
        const cpu = process.cpuUsage(cpuBefore);
        done[variant].logins += results.length;
        done[variant].seconds += seconds;
        // CPU time of this process (app and simulated browser; the sandbox runs in its own).
        done[variant].cpuMicros += cpu.user + cpu.system;
        rate[variant] = results.length / seconds;
        latencies[variant].push(...results.map((r) => r.callbackMs));
      }
      pairedRatios.push(rate.ours / rate.base);
    }
  });

  const sequential = {};
  for (const variant of VARIANTS) {
    // A fresh app and fresh strategies, so that the first connection and handshake count too.
    await withApp(provider, async (origin) => {
      const results = [];
      for (let i = 0; i < settings.sequential; i += 1) results.push(await login(origin, variant, provider));
      sequential[variant] = {
        requestsPerLogin: results.reduce((a, r) => a + r.requests, 0) / results.length,
        connections: results.reduce((a, r) => a + r.connections, 0),
        tlsHandshakes: results.reduce((a, r) => a + r.tlsHandshakes, 0),
      };
    });
  }

  // One login at a time against a sandbox that waits DELAY_MS before each answer, and against
  // the same sandbox without the wait, alternately: the difference is what the round trips cost.
  const delayedMs = { ours: [], base: [] };
  const undelayedMs = { ours: [], base: [] };
  const floorMs = [];
  await withApp(delayedProvider, async (delayedOrigin) => {
    await withApp(undelayedProvider, async (undelayedOrigin) => {
      for (const variant of VARIANTS) {
        await login(delayedOrigin, variant, delayedProvider); // connect outside the sample
        await login(undelayedOrigin, variant, undelayedProvider);
      }
      await bareRoundTrips(delayedProvider, ROUND_TRIPS[name]);
      for (let i = 0; i < settings.delayed; i += 1) {
        for (const variant of i % 2 === 0 ? VARIANTS : [...VARIANTS].reverse()) {
          delayedMs[variant].push((await login(delayedOrigin, variant, delayedProvider)).callbackMs);
          undelayedMs[variant].push((await login(undelayedOrigin, variant, undelayedProvider)).callbackMs);
        }
        floorMs.push(await bareRoundTrips(delayedProvider, ROUND_TRIPS[name]));
      }
    });
  });

  const ideal = ROUND_TRIPS[name] * DELAY_MS;
  const row = (label, ours, base, ratio) => [label, ours, base, ratio];
  const t = { ours: done.ours.logins / done.ours.seconds, base: done.base.logins / done.base.seconds };
  const cpuPerLogin = (variant) => done[variant].cpuMicros / done[variant].logins;
  const cpu = { ours: cpuPerLogin('ours'), session: cpuPerLogin('ours-session'), base: cpuPerLogin('base') };
  const sessionRate = done['ours-session'].logins / done['ours-session'].seconds;
  const p50 = { ours: percentile(latencies.ours, 50), base: percentile(latencies.base, 50) };
  const p99 = { ours: percentile(latencies.ours, 99), base: percentile(latencies.base, 99) };
  const d50 = { ours: median(delayedMs.ours), base: median(delayedMs.base) };
  const z50 = { ours: median(undelayedMs.ours), base: median(undelayedMs.base) };
  const added = { ours: d50.ours - z50.ours, base: d50.base - z50.base };
  const floor = median(floorMs);
  const paired = {
    median: median(pairedRatios),
    low: percentile(pairedRatios, 25),
    high: percentile(pairedRatios, 75),
  };
  return [
    `## ${name} (${ROUND_TRIPS[name]} documented round trip${ROUND_TRIPS[name] > 1 ? 's' : ''} per login)\n`,
    table(
      ['metric', 'ours', 'baseline', 'ratio'],
      [
        row(`logins/s (${settings.concurrency} in flight)`, fixed(t.ours, 0), fixed(t.base, 0), fixed(t.ours / t.base)),
        row(
          `logins/s ratio within a round (ours ÷ baseline): median (middle half) of ${pairedRatios.length}`,
          '—',
          '—',
          `${fixed(paired.median)} (${fixed(paired.low)}–${fixed(paired.high)})`,
        ),
        row(
          'CPU of the app process per login under load (µs)',
          fixed(cpu.ours, 0),
          fixed(cpu.base, 0),
          fixed(cpu.base / cpu.ours),
        ),
        row(
          "logins/s, ours with stateStore: 'session' (the baseline's kind of state store)",
          fixed(sessionRate, 0),
          fixed(t.base, 0),
          fixed(sessionRate / t.base),
        ),
        row(
          "CPU per login under load (µs), ours with stateStore: 'session'",
          fixed(cpu.session, 0),
          fixed(cpu.base, 0),
          fixed(cpu.base / cpu.session),
        ),
        row('callback p50 (ms)', fixed(p50.ours), fixed(p50.base), fixed(p50.base / p50.ours)),
        row('callback p99 (ms)', fixed(p99.ours), fixed(p99.base), fixed(p99.base / p99.ours)),
        row(
          'requests to the provider per login',
          fixed(sequential.ours.requestsPerLogin),
          fixed(sequential.base.requestsPerLogin),
          '—',
        ),
        row(
          `new TCP connections per ${settings.sequential} sequential logins`,
          String(sequential.ours.connections),
          String(sequential.base.connections),
          '—',
        ),
        row(
          `TLS handshakes per ${settings.sequential} sequential logins`,
          String(sequential.ours.tlsHandshakes),
          String(sequential.base.tlsHandshakes),
          '—',
        ),
        row(
          `callback p50 with ${DELAY_MS} ms per provider answer ÷ ideal ${ideal} ms`,
          fixed(d50.ours / ideal),
          fixed(d50.base / ideal),
          fixed(d50.base / d50.ours),
        ),
        row(
          `floor: ${ROUND_TRIPS[name]} bare HTTPS request${ROUND_TRIPS[name] > 1 ? 's' : ''} to the delayed sandbox, no app, p50 ÷ ideal`,
          fixed(floor / ideal),
          fixed(floor / ideal),
          '—',
        ),
        row(
          `callback p50, one login at a time, no delay (ms)`,
          fixed(z50.ours),
          fixed(z50.base),
          fixed(z50.base / z50.ours),
        ),
        row(
          `latency the ${DELAY_MS} ms delay adds ÷ ideal ${ideal} ms`,
          fixed(added.ours / ideal),
          fixed(added.base / ideal),
          '—',
        ),
      ],
    ),
  ].join('\n');
}

/**
 * `count` GETs one after the other, straight from this process to the sandbox's profile endpoint
 * (a bogus token: an error answer, delayed like any other): what `count` round trips to the delayed
 * sandbox cost on this machine with no app, no session and no strategy. Returns the total in ms.
 */
async function bareRoundTrips(provider, count) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i += 1) {
    const answer = await send('GET', provider.userProfileURL, {
      headers: { Accept: 'application/json', Authorization: 'Bearer bench-floor' },
    });
    if (answer.status !== 401) throw new Error(`${provider.name} floor request answered ${answer.status}`);
  }
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function footprintTable(settings) {
  const packages = PROVIDERS.map((name) => `passport-${name}`);
  const coldMs = coldRequireMedians(['passport-oauth2', ...packages, 'jsonwebtoken'], settings.requireRuns);
  const base = { ms: coldMs.get('passport-oauth2'), ...installedFootprint('passport-oauth2') };
  const rows = [['passport-oauth2 (baseline)', fixed(base.ms), '1.00', String(base.packages), kib(base.bytes)]];
  for (const pkg of packages) {
    const ms = coldMs.get(pkg);
    const footprint = installedFootprint(pkg);
    rows.push([pkg, fixed(ms), fixed(ms / base.ms), String(footprint.packages), kib(footprint.bytes)]);
  }
  const jwt = installedFootprint('jsonwebtoken');
  rows.push([
    'jsonwebtoken (loaded only with jwtVerification)',
    fixed(coldMs.get('jsonwebtoken')),
    '—',
    String(jwt.packages),
    kib(jwt.bytes),
  ]);
  return [
    `## Cold require() (median of ${settings.requireRuns} fresh processes each, alternating) and installed runtime footprint\n`,
    table(['package', 'require (ms)', '× passport-oauth2', 'runtime packages', 'on disk'], rows),
  ].join('\n');
}

const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;

module.exports = { run };
