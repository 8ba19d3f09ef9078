'use strict';
/**
 * The burst scenario: many logins in flight at once against a provider that takes 100 ms to
 * answer each request, our strategy (with each of its state stores) and the passport-oauth2
 * baseline taking turns round by round in the same process. What it shows is the connection pool:
 * a pool that queues requests behind a few sockets, or closes the idle ones after a burst, loses to
 * Node's global agent here (the baseline's) and pays new TLS handshakes at the next burst. Where the
 * machine's CPU is the bound, logins/s follows the CPU per login, so the table also gives each
 * side's CPU per login and the share of it spent in its state store.
 */
const { withApp } = require('./app');
const { loginBatch } = require('./login');
const { fixed, median, percentile, table } = require('./stats');

/**
 * The sides of a burst: our strategy as an app gets it (state in a cookie), the same with
 * `stateStore: 'session'` (state where the baseline keeps it), and the baseline.
 */
const VARIANTS = ['ours', 'ours-session', 'base'];
/** Our sides, each compared with the baseline; how each is named in the table. */
const OURS = { ours: 'ours (default: state cookie)', 'ours-session': "ours, stateStore: 'session'" };
/** How long the burst sandbox waits before each answer. */
const BURST_DELAY_MS = 100;

/**
 * Runs, for one provider and each size in `inFlight`, two rounds per side that are not counted
 * (they open the connections), then `rounds` measured rounds per side, turning which side goes
 * first, then two rounds back to back per side. A round is `inFlight × loginsPerSlot` logins with
 * `inFlight` of them in flight all along.
 *
 * @returns {Promise<object[]>} one summary per size; see {@link burstTable}.
 */
async function benchBurst(name, provider, { inFlight, rounds, loginsPerSlot }) {
  const summaries = [];
  await withApp(provider, async (origin, stateStoreTimers) => {
    const round = (variant, count, size) =>
      burstRound(origin, variant, provider, count, size, stateStoreTimers[variant]);
    for (const size of inFlight) {
      const count = size * loginsPerSlot;
      const measured = Object.fromEntries(VARIANTS.map((variant) => [variant, []]));
      // Uncounted rounds that open the connections, each side twice, forward then backward: the
      // side that goes first meets a cold app (JIT, sessions), has fewer logins overlapping,
      // opens fewer connections, and would pay the rest in its first counted round.
      for (const variant of [...VARIANTS, ...[...VARIANTS].reverse()]) {
        await round(variant, count, size);
      }
      for (let i = 0; i < rounds; i += 1) {
        // Each side goes first, second and last equally often.
        const order = VARIANTS.map((_, j) => VARIANTS[(i + j) % VARIANTS.length]);
        for (const variant of order) measured[variant].push(await round(variant, count, size));
      }
      // Each side twice back to back: what the second burst pays is what the pool kept of the first.
      // (Between alternating rounds, a side's connections may sit idle longer than the provider
      // keeps them, 5 s here as in Node's default, and then both sides pay a handshake each.)
      const backToBack = {};
      for (const variant of VARIANTS) {
        await round(variant, count, size);
        const second = await round(variant, count, size);
        backToBack[variant] = (100 * second.tlsHandshakes) / second.logins;
      }
      summaries.push({ ...summarize(name, size, measured), backToBack });
    }
  });
  return summaries;
}

/**
 * One round: logins/s, every callback's latency, the app process's CPU, the time its state store
 * ran, and the provider's new connections.
 */
async function burstRound(origin, variant, provider, count, concurrency, stateStoreTimer) {
  const before = await provider.stats();
  const cpuBefore = process.cpuUsage();
  const stateBefore = stateStoreTimer.micros;
  const { results, seconds } = await loginBatch(origin, variant, provider, count, concurrency, { counted: false });
  const cpu = process.cpuUsage(cpuBefore);
  const stateStoreMicros = stateStoreTimer.micros - stateBefore;
  const after = await provider.stats();
  const latencies = results.map((result) => result.callbackMs);
  return {
    logins: results.length,
    perSecond: results.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    latencies,
    cpuMicros: cpu.user + cpu.system,
    stateStoreMicros,
    tlsHandshakes: after.tlsHandshakes - before.tlsHandshakes,
  };
}

/**
 * Per side, totals over its rounds; per side of ours, the medians of its ratios to the baseline
 * over the rounds run close together (round i of each side).
 */
function summarize(name, inFlight, measured) {
  const side = (variant) => {
    const rounds = measured[variant];
    const logins = rounds.reduce((a, r) => a + r.logins, 0);
    const all = rounds.flatMap((r) => r.latencies);
    return {
      perSecond: median(rounds.map((r) => r.perSecond)),
      p50: percentile(all, 50),
      p99: percentile(all, 99),
      cpuPerLogin: rounds.reduce((a, r) => a + r.cpuMicros, 0) / logins,
      stateStorePerLogin: rounds.reduce((a, r) => a + r.stateStoreMicros, 0) / logins,
      handshakesPer100: (100 * rounds.reduce((a, r) => a + r.tlsHandshakes, 0)) / logins,
    };
  };
  const ratioToBase = (variant) => {
    const pairs = measured[variant].map((ours, i) => ({ ours, base: measured.base[i] }));
    const pairedMedian = (ratio) => median(pairs.map(ratio));
    return {
      perSecond: pairedMedian((p) => p.ours.perSecond / p.base.perSecond),
      p50: pairedMedian((p) => p.ours.p50 / p.base.p50),
      p99: pairedMedian((p) => p.ours.p99 / p.base.p99),
      cpu: pairedMedian((p) => p.ours.cpuMicros / p.ours.logins / (p.base.cpuMicros / p.base.logins)),
    };
  };
  return {
    name,
    inFlight,
    rounds: measured.base.length,
    base: side('base'),
    ours: Object.keys(OURS).map((variant) => ({ variant, ...side(variant), ratio: ratioToBase(variant) })),
  };
}

/** The burst summaries as one Markdown table. */
function burstTable(summaries) {
  const rows = summaries.flatMap((s) =>
    s.ours.map((ours) => [
      s.name,
      String(s.inFlight),
      OURS[ours.variant],
      String(s.rounds),
      `${fixed(ours.perSecond, 0)} / ${fixed(s.base.perSecond, 0)}`,
      fixed(ours.ratio.perSecond),
      `${fixed(ours.p50, 0)} / ${fixed(s.base.p50, 0)}`,
      fixed(ours.ratio.p50),
      `${fixed(ours.p99, 0)} / ${fixed(s.base.p99, 0)}`,
      fixed(ours.ratio.p99),
      `${fixed(ours.cpuPerLogin, 0)} / ${fixed(s.base.cpuPerLogin, 0)}`,
      fixed(ours.ratio.cpu),
      `${fixed(ours.stateStorePerLogin, 0)} / ${fixed(s.base.stateStorePerLogin, 0)}`,
      `${fixed(ours.handshakesPer100, 1)} / ${fixed(s.base.handshakesPer100, 1)}`,
      `${fixed(s.backToBack[ours.variant], 1)} / ${fixed(s.backToBack.base, 1)}`,
    ]),
  );
  return table(
    [
      'provider',
      'in flight',
      'our side',
      'rounds per side',
      'logins/s ours / baseline',
      'ratio (≥ 1.00)',
      'callback p50 ms',
      'ratio (ours ÷ baseline)',
      'callback p99 ms',
      'ratio (≤ 1.00)',
      'app CPU per login µs',
      'ratio (ours ÷ baseline)',
      'of which in the state store, µs per login',
      'new TLS handshakes per 100 logins',
      'the same, in a burst right after one of the same side',
    ],
    rows,
  );
}

module.exports = { benchBurst, burstTable, BURST_DELAY_MS };
