import { join, resolve } from 'node:path';

/** The repository root (where the workspaces' `package.json` is). */
export const REPO_ROOT = resolve(__dirname, '../../..');

/** The consumer projects' source files (see `fixtures/README.md`). */
export const FIXTURES_DIR = resolve(__dirname, '../fixtures');

/** The repository's own TypeScript compiler, used to type-check the consumer projects. */
export const TSC = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
