import { cp, lstat, mkdir, readdir, readlink, symlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { REPO_ROOT } from './paths';

/** What a copy leaves out: installs, builds, reports and git's own folder. */
const LEFT_OUT = new Set(['node_modules', 'dist', 'coverage', 'test-artifacts', '.git']);

/**
 * Copies the repository's files to `destination` (new or empty) without installs, builds or git,
 * and gives the copy a `node_modules` that reuses this repository's installed packages: one
 * symlink per package, except the workspace links, which point into the copy's own `packages/`
 * and `examples/` as `npm ci` would make them. Seconds instead of an `npm ci`.
 */
export async function copyRepository(destination: string): Promise<void> {
  await cp(REPO_ROOT, destination, {
    recursive: true,
    filter: (source) => {
      const parts = relative(REPO_ROOT, source).split(sep);
      const name = parts[parts.length - 1];
      return !parts.some((part) => LEFT_OUT.has(part)) && !name.endsWith('.tsbuildinfo') && !name.endsWith('.tgz');
    },
  });
  await linkInstalledPackages(join(REPO_ROOT, 'node_modules'), join(destination, 'node_modules'));
}

/** Links each entry of `from` into `to`; scope folders (`@types`) entry by entry. */
async function linkInstalledPackages(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from)) {
    const source = join(from, entry);
    const target = join(to, entry);
    const stat = await lstat(source);
    if (stat.isSymbolicLink()) {
      // A workspace link is relative (`../packages/x`): the same link in the copy points into the copy.
      await symlink(await readlink(source), target);
    } else if (entry.startsWith('@') && stat.isDirectory()) {
      await linkInstalledPackages(source, target);
    } else {
      await symlink(source, target);
    }
  }
}
