import { monitorEventLoopDelay } from 'node:perf_hooks';

/** How finely the event loop's delay is sampled, in ms. */
const RESOLUTION_MS = 5;

/**
 * The longest the event loop was blocked while `work` ran, in ms, measured with
 * `perf_hooks.monitorEventLoopDelay`: a timer every 5 ms records how late it fired. A pause
 * before lets the monitor start, and one after lets it record a block that ended the work.
 */
export async function blockedMs(work: () => unknown): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  try {
    await pause(3 * RESOLUTION_MS);
    await work();
    await pause(3 * RESOLUTION_MS);
  } finally {
    histogram.disable();
  }
  return histogram.max / 1e6;
}

/** What {@link steadyBlockedMs} measured. */
export interface BlockMeasure {
  /** The longest block of the first run, in ms. */
  firstMs: number;
  /** The smallest of the longest blocks over the runs made, in ms: what the work itself costs. */
  steadyMs: number;
}

/**
 * Measures `work` with {@link blockedMs}, and again (up to `attempts` runs in all) while the
 * block exceeds `limitMs`: a block that the work causes comes back every time, while one
 * caused by the machine (other processes on shared cores, a garbage collection) does not.
 * On a machine several times oversubscribed, every run can still be late: the figure is a
 * wall-clock one.
 */
export async function steadyBlockedMs(work: () => unknown, limitMs: number, attempts = 5): Promise<BlockMeasure> {
  const firstMs = await blockedMs(work);
  let steadyMs = firstMs;
  for (let run = 1; run < attempts && steadyMs > limitMs; run++) steadyMs = Math.min(steadyMs, await blockedMs(work));
  return { firstMs, steadyMs };
}

/**
 * The longest steady block (see {@link steadyBlockedMs}) of `work` over every input, in ms.
 */
export async function longestSteadyBlockMs<T>(
  inputs: readonly T[],
  work: (input: T) => unknown,
  limitMs: number,
): Promise<number> {
  let longest = 0;
  for (const input of inputs) {
    longest = Math.max(longest, (await steadyBlockedMs(() => work(input), limitMs)).steadyMs);
  }
  return longest;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
