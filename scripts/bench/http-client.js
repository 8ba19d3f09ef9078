'use strict';
/** A tiny HTTP client for the benchmark's simulated browser: keep-alive, no redirects followed. */
const http = require('node:http');
const https = require('node:https');

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

function send(method, url, { headers = {}, body } = {}) {
  const target = new URL(url);
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(target, { method, headers, agent: agents[target.protocol] }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function closeAgents() {
  for (const agent of Object.values(agents)) agent.destroy();
}

module.exports = { send, closeAgents };
