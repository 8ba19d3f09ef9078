/**
 * What to tell the user when the demo is configured for HTTPS but cannot see it: the demo
 * itself only serves plain http, so an `https://` `BASE_URL` means a TLS-terminating proxy in
 * front. Without `TRUST_PROXY`, Express takes every request for plain http, express-session
 * then never sends the `Secure` session cookie, and every login fails on its `state`.
 *
 * @param baseURL - the configured `BASE_URL` (undefined: the default http://localhost URL).
 * @param trustProxy - whether `TRUST_PROXY` is set.
 * @param port - the port the demo listens on, for the local alternative.
 * @returns the warning to print, or undefined when the configuration is consistent.
 */
export function httpsWithoutProxyWarning(
  baseURL: string | undefined,
  trustProxy: boolean,
  port: number,
): string | undefined {
  if (trustProxy || baseURL === undefined || !baseURL.startsWith('https:')) return undefined;
  return (
    `BASE_URL is ${baseURL} but TRUST_PROXY is not set, and the demo itself serves plain http: ` +
    'the Secure session cookie would never be sent and every login would fail on its state. ' +
    'Behind a TLS-terminating proxy that sets X-Forwarded-Proto, set TRUST_PROXY=1; ' +
    `to run without HTTPS, set BASE_URL=http://localhost:${port || '<PORT>'} (or leave it unset).`
  );
}
