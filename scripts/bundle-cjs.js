#!/usr/bin/env node
'use strict';
/**
 * Bundles the CommonJS build of every published package into the one file its manifest names as
 * `exports["."].require.default` (and `main`), e.g. `dist/index.cjs`, with esbuild.
 *
 * Why: a cold `require()` of a strategy was 1.6-1.9× passport-oauth2's alone, and most of the
 * difference was the number of files, not their code: tsc emits one CommonJS file per module
 * (~20 for the kit), and Node resolves, stats, reads and wraps each one. One file per package
 * loads the same code in a fraction of that time.
 *
 * - The input is tsc's output (`dist/index.js` beside the bundle), so the code that runs is the
 *   code tsc emitted and the tests checked; tsc stays the type checker and writes the `.d.ts` files
 *   the `types` conditions point at. The bundle is a file tsc never writes: `tsc -b` is incremental
 *   and would not re-emit an overwritten `index.js`, leaving a stale bundle as the next input.
 * - Every `dependencies`/`peerDependencies`/`optionalDependencies` entry of the package stays an
 *   external `require`, and so do Node's builtins. The kit stays a package of its own, shared by the
 *   four strategies (one `ProviderStrategy`, one set of error classes); lazy `require`s inside
 *   functions (jsonwebtoken in passport-petjeaf) stay lazy. Any input from outside the package's
 *   own build fails the build: it would mean an undeclared dependency got inlined.
 * - No minification (readable stack traces) and no source map (none is published).
 *
 * Only packages whose `exports["."].require.default` ends in `.cjs` are bundled, from the `.js`
 * file of the same name. Usage: `node scripts/bundle-cjs.js [package-dir ...]` (default: every
 * package under `packages/`); like `tsc -b`, a package's workspace dependencies (the kit) are
 * bundled too, so that its bundle can be loaded. Run after `tsc -b` and before
 * `scripts/build-esm-wrappers.js` (which loads the bundles).
 */
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '..');
const BANNER = '// Bundled by scripts/bundle-cjs.js from the CommonJS build of tsc. Do not edit.';

/** The bundle a manifest names as its CommonJS entry, or `undefined` when it is not a `.cjs` file. */
function bundleOf(manifest) {
  const cjs = manifest.exports && manifest.exports['.'] && manifest.exports['.'].require;
  const file = typeof cjs === 'string' ? cjs : cjs && cjs.default;
  return typeof file === 'string' && file.endsWith('.cjs') ? file : undefined;
}

/** The packages `require`d at run time that must stay outside the bundle. */
function externalsOf(manifest) {
  const names = new Set();
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const name of Object.keys(manifest[field] || {})) if (!name.startsWith('@types/')) names.add(name);
  }
  return [...names].sort().flatMap((name) => [name, `${name}/*`]);
}

/** esbuild's target for the oldest Node the package supports (`engines.node`, e.g. `>=20`). */
function nodeTargetOf(manifest) {
  const oldest = /\d+(\.\d+)*/.exec((manifest.engines && manifest.engines.node) || '');
  if (!oldest) throw new Error(`${manifest.name}: engines.node names no version to target`);
  return `node${oldest[0]}`;
}

/**
 * Bundles the package in `dir`.
 * @returns {Promise<string | undefined>} a one-line summary, or `undefined` when the package has no `.cjs` entry
 */
async function bundle(dir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const target = bundleOf(manifest);
  if (!target) return undefined;
  if (manifest.main && path.resolve(dir, manifest.main) !== path.resolve(dir, target))
    throw new Error(`${manifest.name}: main (${manifest.main}) and exports["."].require (${target}) differ`);

  const outfile = path.resolve(dir, target);
  const entry = outfile.replace(/\.cjs$/, '.js');
  if (!fs.existsSync(entry))
    throw new Error(`${manifest.name}: ${path.relative(dir, entry)} is missing; run tsc -b first`);

  const result = await esbuild.build({
    absWorkingDir: ROOT, // the metafile's paths, and the bundle's comments, relative to the repository
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: nodeTargetOf(manifest),
    external: externalsOf(manifest),
    sourcemap: false,
    legalComments: 'none',
    banner: { js: BANNER },
    metafile: true,
    write: false, // written below, once the inputs are checked
    logLevel: 'warning',
  });

  const ownBuild = path.dirname(entry) + path.sep;
  const inputs = Object.keys(result.metafile.inputs).map((input) => path.resolve(ROOT, input));
  const foreign = inputs.filter((input) => !input.startsWith(ownBuild));
  if (foreign.length > 0)
    throw new Error(
      `${manifest.name}: the bundle would inline files from outside its build (undeclared dependency?):\n  ${foreign
        .map((input) => path.relative(ROOT, input))
        .join('\n  ')}`,
    );
  const [output] = result.outputFiles;
  fs.writeFileSync(outfile, output.contents);
  const bytes = output.contents.byteLength;
  return `${manifest.name}: ${path.relative(ROOT, outfile)} (${inputs.length} modules, ${(bytes / 1024).toFixed(1)} KiB)`;
}

/** Every workspace package under `packages/`: its folder by its name. */
function workspacePackages() {
  const byName = new Map();
  for (const entry of fs.readdirSync(path.join(ROOT, 'packages'), { withFileTypes: true })) {
    const manifestPath = path.join(ROOT, 'packages', entry.name, 'package.json');
    if (!entry.isDirectory() || !fs.existsSync(manifestPath)) continue;
    byName.set(JSON.parse(fs.readFileSync(manifestPath, 'utf8')).name, path.dirname(manifestPath));
  }
  return byName;
}

/** `dirs` and the workspace packages they depend on, dependencies first. */
function withWorkspaceDependencies(dirs, workspace) {
  const ordered = [];
  const visit = (dir) => {
    if (ordered.includes(dir)) return;
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    for (const name of Object.keys(manifest.dependencies || {})) if (workspace.has(name)) visit(workspace.get(name));
    ordered.push(dir);
  };
  dirs.forEach(visit);
  return ordered;
}

async function main() {
  const workspace = workspacePackages();
  const args = process.argv.slice(2);
  const dirs = args.length > 0 ? args.map((dir) => path.resolve(dir)) : [...workspace.values()].sort();
  for (const dir of withWorkspaceDependencies(dirs, workspace)) {
    const summary = await bundle(dir);
    if (summary) console.error(summary);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
