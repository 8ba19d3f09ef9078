import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths';

/** A workspace package that is published to npm. */
export interface PublishedPackage {
  /** Its npm name. */
  name: string;
  /** Its folder, absolute. */
  dir: string;
}

/** Every package under `packages/` that is not `private`: what `changeset publish` would publish. */
export function publishedPackages(): PublishedPackage[] {
  const packagesDir = join(REPO_ROOT, 'packages');
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(packagesDir, entry.name, 'package.json')))
    .map((entry) => {
      const dir = join(packagesDir, entry.name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name: string;
        private?: boolean;
      };
      return { name: manifest.name, dir, private: manifest.private === true };
    })
    .filter((pkg) => !pkg.private)
    .map(({ name, dir }) => ({ name, dir }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
