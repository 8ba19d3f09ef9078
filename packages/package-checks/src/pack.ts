import { mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { npm } from './npm';
import { packAlone } from './pack-lock';
import { REPO_ROOT } from './paths';
import type { PublishedPackage } from './published-packages';

/** A package packed as it would be published. */
export interface PackedPackage {
  name: string;
  version: string;
  /** The tarball, absolute. */
  tarball: string;
  /** The paths inside the tarball, relative to the package root. */
  files: string[];
}

/** One entry of `npm pack --json`. */
interface NpmPackEntry {
  name: string;
  version: string;
  filename: string;
  files: Array<{ path: string }>;
}

/**
 * Packs the packages with `npm pack` into `destination`, in one npm run. Their `prepack`
 * script builds them first, as `npm publish` would.
 */
export async function packPackages(
  packages: readonly PublishedPackage[],
  destination: string,
): Promise<PackedPackage[]> {
  await mkdir(destination, { recursive: true });
  const specs = packages.map((pkg) => `./${relative(REPO_ROOT, pkg.dir)}`);
  const { stdout } = await packAlone(() =>
    npm(['pack', ...specs, '--pack-destination', destination, '--json'], REPO_ROOT),
  );
  const entries = JSON.parse(stdout) as NpmPackEntry[];
  return entries.map((entry) => ({
    name: entry.name,
    version: entry.version,
    tarball: join(destination, entry.filename),
    files: entry.files.map((file) => file.path).sort(),
  }));
}
