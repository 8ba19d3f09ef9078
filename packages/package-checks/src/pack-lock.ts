import { createHash } from 'node:crypto';
import { mkdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO_ROOT } from './paths';

/** One lock per checkout, outside it (so that it is never packed or committed). */
const LOCK = join(
  tmpdir(),
  `passport-nl-pack-${createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 12)}.lock`,
);
/** A lock older than this was left by a killed run. */
const STALE_MS = 10 * 60_000;

/**
 * Runs `pack` while no other test of this checkout packs: `npm pack` runs each package's
 * `prepack` build, which rewrites its bundles in the repository, so two packs at once (jest
 * runs test files in parallel) could each read the other's half-written files.
 */
export async function packAlone<T>(pack: () => Promise<T>, timeoutMs = 240_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(LOCK).then(
        (info) => Date.now() - info.mtimeMs,
        () => 0,
      );
      if (age > STALE_MS) await rm(LOCK, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`another pack held ${LOCK} for ${timeoutMs} ms`);
      else await sleep(200);
    }
  }
  try {
    return await pack();
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}
