'use strict';
/**
 * Runs the sandbox in its own process, so that its CPU work (TLS, JWT signing) does not
 * share the measured app's event loop. The parent talks to it over IPC: `decide` takes the
 * authorize page's decision in-process there, `stats` reads connection counts.
 */
const { fork } = require('node:child_process');

if (require.main === module) {
  const { startSandbox } = require('provider-sandbox');
  const { key, cert, delayMs } = JSON.parse(process.env.BENCH_SANDBOX);
  startSandbox({ certificate: { key, cert }, delayMs }).then((sandbox) => {
    const providers = {};
    for (const [name, p] of Object.entries(sandbox.providers)) {
      providers[name] = { name, authorizationURL: p.authorizationURL, tokenURL: p.tokenURL, userProfileURL: p.userProfileURL, client: p.client };
    }
    process.on('message', ({ id, op, provider, url }) => {
      try {
        const p = sandbox.providers[provider];
        const value = op === 'decide' ? p.decide(url) : op === 'stats' ? p.stats() : undefined;
        process.send({ id, value });
      } catch (error) {
        process.send({ id, error: error.message });
      }
    });
    process.on('disconnect', () => sandbox.close().then(() => process.exit(0)));
    process.send({ ready: providers });
  });
}

/** Starts the sandbox process; resolves with providers whose `decide` and `stats` are async. */
function startSandboxProcess({ key, cert, delayMs = 0 }) {
  const child = fork(__filename, [], { env: { ...process.env, BENCH_SANDBOX: JSON.stringify({ key, cert, delayMs }) } });
  const pending = new Map();
  let nextId = 0;
  const call = (op, provider, url) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, op, provider, url });
    });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.on('message', (message) => {
      if (message.ready) {
        const providers = {};
        for (const [name, p] of Object.entries(message.ready)) {
          providers[name] = { ...p, decide: (url) => call('decide', name, url), stats: () => call('stats', name) };
        }
        resolve({ providers, close: () => new Promise((done) => { child.once('exit', done); child.disconnect(); }) });
        return;
      }
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) waiter.reject(new Error(message.error));
      else waiter.resolve(message.value);
    });
  });
}

module.exports = { startSandboxProcess };
