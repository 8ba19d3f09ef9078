'use strict';
/**
 * A/B of the kit's HTTP engine: client CPU per request and requests per second of the kit's
 * send step before undici (https.request with a keep-alive agent, taken from git at --old, by
 * default the last commit before undici) and now (dist/http/send.js: undici's Dispatcher.request),
 * and, for reference, Node's global fetch with an undici Agent as dispatcher (what nock 14
 * would intercept), all POSTing a form to a local HTTPS server answering a small JSON body.
 *
 * The server runs in a child process, so that process.cpuUsage() of this process is the
 * client's CPU alone. Engines alternate round by round (ABCABC...), so that drift of a shared
 * machine hits each alike. Prints the medians and their ratios to the old send step.
 *
 * Usage (after npm run build): node scripts/bench/http-engine.js [--requests 2000] [--inflight 10] [--rounds 5] [--old <git ref>]
 * With --old-send <git ref>, "old" is that revision's src/http/send.ts (an undici send step) instead.
 */
const { execFileSync, fork } = require('node:child_process');
const https = require('node:https');
const path = require('node:path');
const ts = require('typescript');

const KIT = path.join(__dirname, '../../packages/passport-provider-kit');
const undici = require(require.resolve('undici', { paths: [KIT] }));

function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  if (at === -1) return fallback;
  return typeof fallback === 'number' ? Number(process.argv[at + 1]) : process.argv[at + 1];
}
const REQUESTS = arg('requests', 2000);
const INFLIGHT = arg('inflight', 10);
const ROUNDS = arg('rounds', 5);
const OLD_REF = arg('old', 'cdc962b');
const BODY = 'grant_type=authorization_code&code=abc&client_id=id&client_secret=secret';
const HEADERS = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };

if (process.argv[2] === '--serve') {
  const { key, cert } = JSON.parse(process.env.HTTP_ENGINE_TLS);
  const answer = JSON.stringify({ access_token: 'a'.repeat(40), token_type: 'bearer', expires_in: 3600 });
  const server = https.createServer({ key, cert, keepAliveTimeout: 30_000 }, (req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(answer));
  });
  server.listen(0, '127.0.0.1', () => process.send(server.address().port));
  return;
}

let cert; // the server's self-signed certificate, trusted by each engine as its CA

/** The module at `file` of git revision `ref`, transpiled and loaded. */
function loadFromGit(ref, file) {
  const source = execFileSync('git', ['show', `${ref}:${file}`], { cwd: KIT, encoding: 'utf8' });
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  const module = { exports: {} };
  new Function('require', 'module', 'exports', outputText)(require, module, module.exports);
  return module.exports;
}

/** A send step as the kit calls it: the token request, a 10 s deadline, a 1 MiB cap. */
function kitEngine(sendRequest, origin, transport) {
  const url = new URL('/token', origin);
  return async () => {
    const response = await sendRequest({
      method: 'POST',
      url,
      headers: HEADERS,
      body: BODY,
      timeoutMs: 10_000,
      maxBodyBytes: 1 << 20,
      ...transport,
    });
    return JSON.parse(response.body);
  };
}

function oldEngine(origin) {
  if (arg('old-send', '')) {
    // An old send.ts (the undici send step of a revision since), to A/B two undici send steps.
    const { send } = loadFromGit(arg('old-send', ''), 'packages/passport-provider-kit/src/http/send.ts');
    return newEngine(origin, send);
  }
  const { sendRequest } = loadFromGit(OLD_REF, 'packages/passport-provider-kit/src/http/send-request.ts');
  // The old kit's pool settings (src/http/agents.ts at that revision), with the server's CA.
  const agent = new https.Agent({
    keepAlive: true,
    timeout: 15_000,
    maxSockets: Infinity,
    maxFreeSockets: Infinity,
    scheduling: 'lifo',
    ca: cert,
  });
  return { send: kitEngine(sendRequest, origin, { agent }), close: () => agent.destroy() };
}

function newEngine(origin, send = require(path.join(KIT, 'dist/http/send.js')).send) {
  // The send step now: send(request, settings) in dist/http/send.js.
  const sendRequest = ({ url, method, headers, body, ...settings }) =>
    send({ url: url.href, method, headers, body }, settings);
  const dispatcher = new undici.Agent({ connect: { ca: cert } });
  return { send: kitEngine(sendRequest, origin, { dispatcher }), close: () => dispatcher.close() };
}

function fetchEngine(origin) {
  const dispatcher = new undici.Agent({ connect: { ca: cert } });
  const url = new URL('/token', origin).href;
  const send = async () => {
    const res = await fetch(url, { method: 'POST', headers: HEADERS, body: BODY, dispatcher });
    return JSON.parse(await res.text());
  };
  return { send, close: () => dispatcher.close() };
}

async function round(engine) {
  let next = 0;
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const worker = async () => {
    while (next++ < REQUESTS) {
      const json = await engine.send();
      if (typeof json.access_token !== 'string') throw new Error('bad answer');
    }
  };
  await Promise.all(Array.from({ length: INFLIGHT }, worker));
  const used = process.cpuUsage(cpu);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { cpuMicros: (used.user + used.system) / REQUESTS, perSecond: REQUESTS / seconds };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const certificate = await require('passport-nl-sandbox').generateCertificate();
  cert = certificate.cert;
  const server = fork(__filename, ['--serve'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, HTTP_ENGINE_TLS: JSON.stringify(certificate) },
  });
  const port = await new Promise((resolve) => server.once('message', resolve));
  const origin = `https://localhost:${port}`;
  const engines = {
    [arg('old-send', '') ? `old (${arg('old-send', '')} send.ts)` : 'old (https.request)']: oldEngine(origin),
    'new (dist send.js)': newEngine(origin),
    'fetch (reference)': fetchEngine(origin),
  };
  const results = Object.fromEntries(Object.keys(engines).map((name) => [name, []]));
  try {
    for (const engine of Object.values(engines)) await round({ send: engine.send }); // warm-up: handshakes, JIT
    for (let r = 0; r < ROUNDS; r++) {
      for (const [name, engine] of Object.entries(engines)) results[name].push(await round(engine));
    }
  } finally {
    await Promise.all(Object.values(engines).map((engine) => engine.close()));
    server.kill();
  }
  const rows = Object.entries(results).map(([name, runs]) => ({
    name,
    cpu: median(runs.map((run) => run.cpuMicros)),
    cpuRange: [Math.min(...runs.map((run) => run.cpuMicros)), Math.max(...runs.map((run) => run.cpuMicros))],
    rps: median(runs.map((run) => run.perSecond)),
  }));
  const base = rows[0];
  console.log(
    `The kit's send step, old (${arg('old-send', OLD_REF)}) and new: ${REQUESTS} HTTPS POSTs per round, ${INFLIGHT} in flight, ${ROUNDS} alternating rounds (medians)`,
  );
  console.log('engine | CPU µs/request (min–max) | CPU ratio | req/s | req/s ratio');
  console.log('-------|--------------------------|-----------|-------|------------');
  for (const row of rows) {
    const range = `${row.cpuRange[0].toFixed(1)}–${row.cpuRange[1].toFixed(1)}`;
    console.log(
      `${row.name} | ${row.cpu.toFixed(1)} (${range}) | ${(row.cpu / base.cpu).toFixed(2)} | ${row.rps.toFixed(0)} | ${(row.rps / base.rps).toFixed(2)}`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
