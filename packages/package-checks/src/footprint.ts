import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** One installed package and the bytes of its files. */
export interface InstalledSize {
  name: string;
  bytes: number;
}

async function sizeOf(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const entry of await readdir(path)) total += await sizeOf(join(path, entry));
  return total;
}

/** Every package under `node_modules` of `dir` (scoped ones by their full name), largest first. */
export async function installFootprint(dir: string): Promise<InstalledSize[]> {
  const root = join(dir, 'node_modules');
  const names: string[] = [];
  for (const entry of await readdir(root)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) for (const scoped of await readdir(join(root, entry))) names.push(`${entry}/${scoped}`);
    else names.push(entry);
  }
  const sizes = await Promise.all(names.map(async (name) => ({ name, bytes: await sizeOf(join(root, name)) })));
  return sizes.sort((a, b) => b.bytes - a.bytes);
}

/** The footprint as printable lines: total, `@types` share, then each package. */
export function describeFootprint(title: string, sizes: readonly InstalledSize[]): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  const total = sizes.reduce((sum, size) => sum + size.bytes, 0);
  const types = sizes.filter((size) => size.name.startsWith('@types/')).reduce((sum, size) => sum + size.bytes, 0);
  return [
    `${title}: ${kb(total)} in ${sizes.length} packages, ${kb(types)} of it @types/*`,
    ...sizes.map((size) => `  ${size.name.padEnd(36)} ${kb(size.bytes).padStart(8)}`),
  ].join('\n');
}
