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

/**
 * The pool's settings, chosen for a burst of logins against a slow provider:
 * - no cap on sockets (Node's default): a request never queues behind a busy pool, as with
 *   Node's own global agent, so the pool never throttles below it;
 * - no cap on idle sockets: every connection a burst opened stays warm for the next burst,
 *   which then pays no TLS handshake; the idle timeout, not a count, sheds the surplus;
 * - last in, first out (Node's default, set here so a Node version cannot change it):
 *   sequential logins keep reusing the most recent connection, and the others go idle and
 *   are closed after {@link IDLE_SOCKET_MS}.
 */
const POOL_OPTIONS: https.AgentOptions = {
  keepAlive: true,
  timeout: IDLE_SOCKET_MS,
  maxSockets: Infinity,
  maxFreeSockets: Infinity,
  scheduling: 'lifo',
};

/** Creates a fresh pair of keep-alive agents. */
export function createKeepAliveAgents(): ProviderAgents {
  return { http: new http.Agent(POOL_OPTIONS), https: new https.Agent(POOL_OPTIONS) };
}

/** The agent that suits a URL, unless the user supplied their own. */
export function agentFor(url: URL, agents: ProviderAgents, custom?: http.Agent): http.Agent {
  if (custom) return custom;
  return url.protocol === 'https:' ? agents.https : agents.http;
}
