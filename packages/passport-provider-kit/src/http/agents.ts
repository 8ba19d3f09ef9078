import http from 'node:http';
import https from 'node:https';

/** Idle keep-alive sockets are closed after this long, well under typical server idle timeouts. */
const IDLE_SOCKET_MS = 15_000;

/**
 * The HTTP agents one strategy uses for all its calls to its provider.
 *
 * Keep-alive is set explicitly (not left to a Node version's default) so that the token
 * request and the profile request of a login, and the next logins, reuse one TLS
 * connection instead of paying a new handshake each. Idle sockets are unref'd by Node,
 * so they never keep a process alive.
 */
export interface ProviderAgents {
  /** Agent for `http:` URLs (local sandboxes, tests). */
  http: http.Agent;
  /** Agent for `https:` URLs. */
  https: https.Agent;
}

/** Creates a fresh pair of keep-alive agents. */
export function createKeepAliveAgents(): ProviderAgents {
  const options = { keepAlive: true, timeout: IDLE_SOCKET_MS, maxSockets: 64, maxFreeSockets: 16 };
  return { http: new http.Agent(options), https: new https.Agent(options) };
}

/** The agent that suits a URL, unless the user supplied their own. */
export function agentFor(url: URL, agents: ProviderAgents, custom?: http.Agent): http.Agent {
  if (custom) return custom;
  return url.protocol === 'https:' ? agents.https : agents.http;
}
