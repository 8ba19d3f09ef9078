'use strict';
/** A tiny HTTP client for the benchmark's simulated browser: keep-alive, no redirects followed. */
const http = require('node:http');
const https = require('node:https');

// No cap on sockets: the burst scenario has 512 logins in flight, and the simulated browsers
// must not queue them before they reach the app.
const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/** `signal`: aborts the request (and rejects with the signal's reason). */
function send(method, url, { headers = {}, body, signal } = {}) {
  const target = new URL(url);
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const req = transport.request(target, { method, headers, agent: agents[target.protocol], signal }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
      res.on('aborted', () =>
        reject(
          signal?.aborted
            ? signal.reason
            : new Error(`${method} ${target.origin}${target.pathname}: connection closed mid-answer`),
        ),
      );
    });
    req.on('error', (error) => reject(signal?.aborted ? signal.reason : error));
    req.end(body);
  });
}

/** The simulated browser's agent for `url` (e.g. to hand to the sandbox's `submitDecision`). */
function agentFor(url) {
  return agents[new URL(url).protocol];
}

/** True for the simulated browser's own agents (to tell its sockets from the app's). */
function isClientAgent(agent) {
  return agent === agents['http:'] || agent === agents['https:'];
}

/** Closes every socket of the simulated browser; the agents stay usable (they open new ones). */
function closeAgents() {
  for (const agent of Object.values(agents)) agent.destroy();
}

module.exports = { send, agentFor, isClientAgent, closeAgents };
