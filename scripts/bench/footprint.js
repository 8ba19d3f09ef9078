'use strict';
/** Cold require() time (fresh processes) and installed runtime footprint of a package. */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { median } = require('./stats');

const ROOT = path.resolve(__dirname, '../..');

/**
 * Median, over `runs` fresh Node processes each, of the time `require(name)` takes for each of
 * `names`, in ms. The processes of the different names alternate (one of each per round, in a
 * rotating order), so that the machine's speed drifting during the measurement touches all alike.
 *
 * @returns a Map from each name to its median.
 */
function coldRequireMedians(names, runs) {
  const times = new Map(names.map((name) => [name, []]));
  for (let round = 0; round < runs; round += 1) {
    for (let i = 0; i < names.length; i += 1) {
      const name = names[(round + i) % names.length];
      times.get(name).push(coldRequireOnce(name));
    }
  }
  return new Map([...times].map(([name, values]) => [name, median(values)]));
}

/** The time `require(name)` takes in one fresh Node process, in ms. */
function coldRequireOnce(name) {
  const code = `const t=process.hrtime.bigint();require(${JSON.stringify(name)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  return Number(execFileSync(process.execPath, ['-e', code], { cwd: ROOT }).toString());
}

/**
 * The runtime packages `name` pulls in (itself included) and their bytes on disk, following
 * `dependencies` as Node resolves them. Our own workspace packages count exactly the files
 * `npm pack` would publish (not their sources, tests, source maps or .tsbuildinfo).
 */
function installedFootprint(name) {
  const seen = new Map();
  const visit = (pkgName, fromDir) => {
    let manifestPath;
    try {
      manifestPath = require.resolve(`${pkgName}/package.json`, { paths: [fromDir] });
    } catch {
      return; // optional or platform-specific dependency not installed
    }
    const dir = fs.realpathSync(path.dirname(manifestPath));
    if (seen.has(dir)) return;
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    seen.set(dir, dir.includes(`${path.sep}node_modules${path.sep}`) ? dirBytes(dir) : packedBytes(dir));
    for (const dep of Object.keys(manifest.dependencies || {})) {
      if (dep.startsWith('@types/')) continue; // type declarations: no runtime cost
      visit(dep, dir);
    }
  };
  visit(name, ROOT);
  return { packages: seen.size, bytes: [...seen.values()].reduce((a, b) => a + b, 0) };
}

/** The bytes of every file under `dir`, its own node_modules excepted: an installed package. */
function dirBytes(dir) {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += dirBytes(full);
    else if (entry.isFile()) total += fs.statSync(full).size;
  }
  return total;
}

const packed = new Map();
/**
 * The bytes of the files `npm pack` would put in the workspace package in `dir`'s tarball
 * (its `files`, package.json, README, LICENSE...), as `npm pack --dry-run` lists them. Run
 * without scripts (no `prepack` build) and without the npm settings an outer `npm run` passes
 * down, which would point the nested npm at the repository root.
 */
function packedBytes(dir) {
  if (!packed.has(dir)) {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        ([key]) =>
          !/^(npm_config_(local_prefix|prefix|global|workspaces?|include_workspace_root|dry_run|package_lock_only)|npm_package_.*|npm_lifecycle_.*|npm_command|init_cwd)$/i.test(
            key,
          ),
      ),
    );
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const output = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'ignore'],
      shell: process.platform === 'win32',
    });
    const [{ files }] = JSON.parse(output.toString());
    let bytes = 0;
    for (const file of files) bytes += file.size;
    packed.set(dir, bytes);
  }
  return packed.get(dir);
}

module.exports = { coldRequireMedians, installedFootprint };
