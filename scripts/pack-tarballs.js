#!/usr/bin/env node
'use strict';
/**
 * Until the first release is on npm: packs strategies with the kit they need (and the sandbox)
 * into tarballs an app can `npm install`, as they would be published (each package's
 * `prepack` builds it first), and prints the install commands.
 *
 * Usage: `npm run tarballs -- [gofundo|passport-gofundo ...] [--out <dir>]`
 * (default: the four strategies, into `./tarballs`). The kit and the sandbox are always packed.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');

const ROOT = path.resolve(__dirname, '..');
const STRATEGIES = ['petjeaf', 'gofundo', 'mijnklantportaal', 'altdentifier'];

function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } });
  const wanted = positionals.length ? positionals.map((name) => name.replace(/^passport-/, '')) : STRATEGIES;
  const unknown = wanted.filter((name) => !STRATEGIES.includes(name));
  if (unknown.length) {
    console.error(`Unknown strategy: ${unknown.join(', ')}. Choose from: ${STRATEGIES.join(', ')}`);
    process.exit(2);
  }
  const out = path.resolve(values.out ?? path.join(ROOT, 'tarballs'));
  fs.mkdirSync(out, { recursive: true });
  const dirs = ['passport-provider-kit', ...wanted.map((name) => `passport-${name}`), 'sandbox'];
  const packed = JSON.parse(
    execFileSync(
      process.platform === 'win32' ? 'npm.cmd' : 'npm',
      ['pack', ...dirs.map((dir) => `./packages/${dir}`), '--pack-destination', out, '--json', '--silent'],
      { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 },
    ),
  );
  const file = (name) => path.join(out, packed.find((entry) => entry.name === name).filename);
  const runtime = ['passport-provider-kit', ...wanted.map((name) => `passport-${name}`)].map(file);
  console.log(`Packed into ${out}:\n${packed.map((entry) => `  ${entry.filename}`).join('\n')}\n`);
  console.log(`In your app:\n  npm install ${runtime.join(' ')}`);
  console.log(`  npm install --save-dev ${file('passport-nl-sandbox')}`);
}

main();
