import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { npm } from './npm';
import { FIXTURES_DIR } from './paths';

/** What goes into a fresh consumer project. */
export interface ConsumerProjectSpec {
  /** The project's folder; created, must not exist yet. */
  dir: string;
  /** Fixture folders copied into it, in order (see `fixtures/README.md`). */
  fixtures: readonly string[];
  /** The packed tarballs to install. */
  tarballs: readonly string[];
  /** Packages to install from the registry, as `name@range`. */
  registryPackages: readonly string[];
  /**
   * npm's `--install-strategy`. Default `hoisted`; `linked` gives pnpm's layout, where each
   * package sees only the dependencies it declares.
   */
  installStrategy?: 'hoisted' | 'nested' | 'shallow' | 'linked';
}

/**
 * Creates an app the way a user of the packages would: its own folder outside this
 * repository, its source files, and `npm install` of the tarballs and the registry
 * packages it needs. Resolves to the project's folder.
 */
export async function createConsumerProject(spec: ConsumerProjectSpec): Promise<string> {
  await mkdir(spec.dir, { recursive: false });
  for (const fixture of spec.fixtures) {
    await cp(join(FIXTURES_DIR, fixture), spec.dir, { recursive: true });
  }
  await npm(
    [
      'install',
      ...spec.tarballs,
      ...spec.registryPackages,
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      ...(spec.installStrategy ? [`--install-strategy=${spec.installStrategy}`] : []),
    ],
    spec.dir,
  );
  return spec.dir;
}
