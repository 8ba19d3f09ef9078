import { join } from 'node:path';
import { runNode } from './run';

/** What publint and are-the-types-wrong found in one tarball. */
export interface TarballReport {
  /** The tarball's file name. */
  tarball: string;
  /** publint's messages (errors, warnings and suggestions), as text. */
  publint: string[];
  /** are-the-types-wrong's problems, as text. */
  attw: string[];
}

/**
 * Runs publint and are-the-types-wrong on the tarballs (through `check-tarballs.mjs`: both
 * are ESM-only, which jest's CommonJS runtime cannot load).
 */
export async function lintTarballs(tarballs: readonly string[]): Promise<TarballReport[]> {
  const { stdout } = await runNode([join(__dirname, 'check-tarballs.mjs'), ...tarballs], { cwd: __dirname });
  return JSON.parse(stdout) as TarballReport[];
}
