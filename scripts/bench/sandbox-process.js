'use strict';
/**
 * Runs the sandbox in its own process, so that its CPU work (TLS, JWT signing) does not
 * share the measured app's event loop, and its memory is not counted in the app's heap. The
 * parent talks to it over IPC: `decide` takes the authorize page's decision in-process there,
 * `stats` reads connection counts, `openSockets` counts the connections open right now.
 * Without `key` and `cert` it serves plain HTTP.
 */
const { fork } = require('node:child_process');

/** How long the sandbox process may take to start, to answer a call, and to stop once asked. */
const START_TIMEOUT_MS = 30_000;
const CALL_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

if (require.main === module) {
  const { startSandbox } = require('passport-nl-sandbox');
  const { key, cert, delayMs } = JSON.parse(process.env.BENCH_SANDBOX);
  // MijnKlantportaal's documented 60 API requests a minute (which the sandbox enforces) would turn
  // the bench's thousands into 429s: lift it here, far beyond what a run sends.
  const rateLimit = { limit: 1_000_000 };
  startSandbox({ certificate: key && cert ? { key, cert } : undefined, delayMs, rateLimit }).then(
    (sandbox) => {
      const providers = {};
      for (const [name, p] of Object.entries(sandbox.providers)) {
        providers[name] = {
          name,
          origin: p.origin,
          authorizationURL: p.authorizationURL,
          tokenURL: p.tokenURL,
          userProfileURL: p.userProfileURL,
          client: p.client,
          users: p.users,
        };
      }
      process.on('message', ({ id, op, provider, url }) => {
        try {
          const p = sandbox.providers[provider];
          const value =
            op === 'decide'
              ? p.decide(url)
              : op === 'stats'
                ? p.stats()
                : op === 'openSockets'
                  ? openSockets()
                  : undefined;
          process.send({ id, value });
        } catch (error) {
          process.send({ id, error: error.message });
        }
      });
      process.on('disconnect', () => sandbox.close().then(() => process.exit(0)));
      process.send({ ready: providers });
    },
    (error) => {
      console.error(`sandbox process: could not start the sandbox: ${error.stack || error}`);
      process.exit(1);
    },
  );
}

/** TCP connections open in this (sandbox) process, all servers together: it opens no client sockets. */
function openSockets() {
  return process.getActiveResourcesInfo().filter((type) => type === 'TCPSocketWrap').length;
}

/**
 * Starts the sandbox process; resolves with `pid`, `close()`, `openSockets()` and providers whose
 * `decide` and `stats` are async. Rejects if the process exits or does not start in time.
 */
function startSandboxProcess({ key, cert, delayMs = 0 } = {}) {
  const child = fork(__filename, [], {
    env: { ...process.env, BENCH_SANDBOX: JSON.stringify({ key, cert, delayMs }) },
  });
  const pending = new Map();
  let nextId = 0;
  let exited = false;
  const call = (op, provider, url) =>
    new Promise((resolve, reject) => {
      if (exited || !child.connected) return reject(new Error('the sandbox process is not running'));
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`the sandbox process did not answer ${op} within ${CALL_TIMEOUT_MS} ms`));
      }, CALL_TIMEOUT_MS);
      const settle = (fn) => (value) => {
        clearTimeout(timer);
        fn(value);
      };
      pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
      child.send({ id, op, provider, url });
    });
  const close = () =>
    new Promise((done) => {
      if (exited) return done();
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      child.once('exit', () => {
        clearTimeout(timer);
        done();
      });
      if (child.connected) child.disconnect();
      else child.kill();
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`the sandbox process did not start within ${START_TIMEOUT_MS} ms`));
      close();
    }, START_TIMEOUT_MS);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      exited = true;
      clearTimeout(timer);
      const error = new Error(`the sandbox process exited (${signal || `code ${code}`})`);
      reject(error);
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    });
    child.on('message', (message) => {
      if (message.ready) {
        clearTimeout(timer);
        const providers = {};
        for (const [name, p] of Object.entries(message.ready)) {
          providers[name] = { ...p, decide: (url) => call('decide', name, url), stats: () => call('stats', name) };
        }
        resolve({ pid: child.pid, providers, openSockets: () => call('openSockets'), close });
        return;
      }
      const waiter = pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id);
      if (message.error) waiter.reject(new Error(message.error));
      else waiter.resolve(message.value);
    });
  });
}

module.exports = { startSandboxProcess };
