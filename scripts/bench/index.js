#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: complete logins through an Express app against the sandbox over HTTPS,
 * for each of our four strategies and, alternately in the same process, a plain
 * passport-oauth2 baseline. Prints ratios to the baseline; see docs/performance.md.
 *
 *   node scripts/bench/index.js            full run (a few minutes)
 *   node scripts/bench/index.js --quick    every scenario at a few logins: checks that it all works, times nothing
 *   node scripts/bench/index.js --burst    only the burst scenario (128 and 512 logins in flight, 100 ms answers)
 *
 * The sandbox's self-signed CA must be trusted by the default agents of both sides (we
 * measure our default keep-alive agents, not a hand-made one), so the script re-runs itself
 * with NODE_EXTRA_CA_CERTS pointing at a certificate generated for this run.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const quick = process.argv.includes('--quick');
const burstOnly = process.argv.includes('--burst');

if (!process.env.BENCH_CERT_DIR) {
  const { generateCertificate } = require('passport-nl-sandbox');
  generateCertificate().then((certificate) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cert-'));
    fs.writeFileSync(path.join(dir, 'cert.pem'), certificate.cert);
    fs.writeFileSync(path.join(dir, 'key.pem'), certificate.key);
    const child = spawnSync(process.execPath, [__filename, ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_CERT_DIR: dir, NODE_EXTRA_CA_CERTS: path.join(dir, 'cert.pem') },
    });
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(child.status ?? 1);
  });
} else {
  require('./run')
    .run({ quick, burstOnly, certDir: process.env.BENCH_CERT_DIR })
    .then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
}
