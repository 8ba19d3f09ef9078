import http from 'node:http';
import https from 'node:https';
import { decide, type AuthorizeRules } from './authorize';
import { sandboxClient } from './clients';
import { PROVIDER_NAMES } from './types';
import { SEEDED_USERS } from './users';

/** A decision on the authorize page, as its form posts it. */
export interface DecisionInput {
  /** `approve` (default) or `deny`. */
  decision?: 'approve' | 'deny';
  /** The seeded user to log in as. Default: the provider's first user. */
  userId?: string;
}

/**
 * Decides in-process, without HTTP (benchmarks that count connections): validates the
 * authorize URL's parameters exactly as the page does and returns the URL the browser would
 * be sent back to (`?code=…&state=…` or `?error=access_denied…`).
 *
 * @throws Error when the page would refuse the request (unknown client, bad redirect URI, unknown user).
 */
export function decideLocally(rules: AuthorizeRules, authorizeURL: string | URL, input: DecisionInput = {}): string {
  const params = Object.fromEntries(new URL(authorizeURL).searchParams);
  const outcome = decide(rules, params, {
    decision: input.decision ?? 'approve',
    userId: input.userId ?? rules.users[0]?.id,
  });
  if ('redirect' in outcome) return outcome.redirect;
  if ('page' in outcome) {
    throw new Error(`${rules.provider} sandbox ended the flow on a page (${outcome.page.title}): there is no redirect`);
  }
  throw new Error(`${rules.provider} sandbox refused the authorize request (${outcome.refusal}): ${outcome.message}`);
}

/** Options of {@link submitDecision}. */
export interface SubmitDecisionOptions extends DecisionInput {
  /** PEM to trust when the sandbox serves HTTPS (`Sandbox.ca`). */
  ca?: string;
  /** Agent for the POST (e.g. keep-alive). */
  agent?: http.Agent;
}

/** The first seeded user of the provider whose sandbox client is `clientID`. */
function firstUserOf(clientID: string | null): string | undefined {
  const name = PROVIDER_NAMES.find((candidate) => sandboxClient(candidate).clientID === clientID);
  return name ? SEEDED_USERS[name][0].id : undefined;
}

/**
 * Submits the authorize page's form over HTTP, as a browser would after a click: POSTs the
 * authorize URL's query parameters plus `user_id` and `decision` (form-urlencoded) to the
 * authorize path, and resolves with the redirect's `Location`.
 *
 * @param authorizeURL - where the app redirected the browser (the provider's authorize URL with its query).
 *   Without `userId`, the provider's first seeded user is chosen.
 */
export function submitDecision(authorizeURL: string | URL, options: SubmitDecisionOptions = {}): Promise<URL> {
  const url = new URL(authorizeURL);
  const form = new URLSearchParams(url.searchParams);
  form.set('decision', options.decision ?? 'approve');
  const userId = options.userId ?? firstUserOf(url.searchParams.get('client_id'));
  if (userId) form.set('user_id', userId);
  const body = form.toString();
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<URL>((resolve, reject) => {
    const req = transport.request(
      url.origin + url.pathname,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) },
        ca: options.ca,
        agent: options.agent,
      },
      (res) => {
        res.resume();
        const location = res.headers.location;
        if (res.statusCode === 302 && location) resolve(new URL(location, url));
        else reject(new Error(`the sandbox answered the decision with ${res.statusCode} instead of a redirect`));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
