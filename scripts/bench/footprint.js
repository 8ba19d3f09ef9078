'use strict';
/** Cold require() time (fresh processes) and installed runtime footprint of a package. */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { median } = require('./stats');

const ROOT = path.resolve(__dirname, '../..');

/** Median, over `runs` fresh Node processes, of the time `require(name)` takes, in ms. */
function coldRequireMs(name, runs) {
  const code = `const t=process.hrtime.bigint();require(${JSON.stringify(name)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const times = [];
  for (let i = 0; i < runs; i += 1) times.push(Number(execFileSync(process.execPath, ['-e', code], { cwd: ROOT }).toString()));
  return median(times);
}

/**
 * The runtime packages `name` pulls in (itself included) and their bytes on disk, following
 * `dependencies` as Node resolves them. Our own workspace packages count what they publish
 * (`dist`, package.json, README, LICENSE), not their sources and tests.
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
    seen.set(dir, dirBytes(dir, !dir.includes(`${path.sep}node_modules${path.sep}`)));
    for (const dep of Object.keys(manifest.dependencies || {})) {
      if (dep.startsWith('@types/')) continue; // type declarations: no runtime cost
      visit(dep, dir);
    }
  };
  visit(name, ROOT);
  return { packages: seen.size, bytes: [...seen.values()].reduce((a, b) => a + b, 0) };
}

function dirBytes(dir, isWorkspace) {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    if (isWorkspace && !['dist', 'package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'].includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += dirBytes(full, false);
    else if (entry.isFile()) total += fs.statSync(full).size;
  }
  return total;
}

module.exports = { coldRequireMs, installedFootprint };
