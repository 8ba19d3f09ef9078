import type { EndpointUse } from '../providers';
import { reachOrigin, type ReachResult } from '../reach';
import type { CheckResult } from '../types';

/** One origin's reachability check, and whether later requests to it are worth making. */
export interface ReachOutcome {
  origin: string;
  reachable: boolean;
  result: CheckResult;
}

/**
 * DNS, TCP and TLS to every origin the endpoints are on (each origin once), each step timed;
 * names the step that failed and, for TLS, the certificate problem.
 * @param ca - a certificate to trust besides Node's (tests; the command uses `NODE_EXTRA_CA_CERTS`).
 */
export async function reachChecks(
  endpoints: readonly EndpointUse[],
  timeoutMs: number,
  ca?: string,
): Promise<ReachOutcome[]> {
  const byOrigin = new Map<string, { url: URL; kinds: string[]; variables: string[] }>();
  for (const endpoint of endpoints) {
    const url = new URL(endpoint.url);
    const entry = byOrigin.get(url.origin) ?? { url, kinds: [], variables: [] };
    entry.kinds.push(endpoint.kind);
    if (endpoint.mark === 'yours') entry.variables.push(endpoint.note.replace(/^set by ([^;\s]+).*$/, '$1'));
    byOrigin.set(url.origin, entry);
  }
  const outcomes = await Promise.all(
    [...byOrigin.values()].map(async ({ url, kinds, variables }) => {
      const reach = await reachOrigin(url, timeoutMs, ca);
      return toOutcome(reach, kinds, variables, timeoutMs);
    }),
  );
  return outcomes;
}

function toOutcome(reach: ReachResult, kinds: string[], variables: string[], timeoutMs: number): ReachOutcome {
  const name = `reach ${reach.origin}`;
  const steps = timings(reach);
  const setting = variables.length ? variables.join(' / ') : `the ${kinds.join(' and ')} URL`;
  if (!reach.failure) {
    const days = reach.certificateDaysLeft;
    const expiring = days !== undefined && days < 14;
    const detail = `${kinds.join(', ')}: ${steps}${days === undefined ? '' : `; certificate valid ${days} more day(s)`}`;
    return {
      origin: reach.origin,
      reachable: true,
      result: expiring
        ? { name, ok: null, detail: `${detail}, soon expired`, fix: 'Tell the provider its certificate expires soon.' }
        : { name, ok: true, detail, fix: null },
    };
  }
  const { step, code, message } = reach.failure;
  const host = new URL(reach.origin).host;
  const { what, fix } = explain(step, code, message, host, setting, timeoutMs);
  return {
    origin: reach.origin,
    reachable: false,
    result: { name, ok: false, detail: `${kinds.join(', ')}: ${steps ? `${steps}, then ` : ''}${what}`, fix },
  };
}

function timings(reach: ReachResult): string {
  const parts: string[] = [];
  if (reach.dnsMs !== undefined) parts.push(`DNS ${reach.dnsMs} ms (${reach.address})`);
  else if (reach.address) parts.push('DNS not needed (an IP address)');
  if (reach.tcpMs !== undefined) parts.push(`TCP ${reach.tcpMs} ms`);
  if (reach.tlsMs !== undefined) parts.push(`TLS ${reach.tlsMs} ms`);
  return parts.join(', ');
}

function explain(
  step: 'dns' | 'tcp' | 'tls',
  code: string | undefined,
  message: string,
  host: string,
  setting: string,
  timeoutMs: number,
): { what: string; fix: string } {
  if (step === 'dns') {
    if (code === 'ETIMEOUT')
      return {
        what: `DNS gave no answer within ${timeoutMs} ms`,
        fix: `Check this machine's DNS, or the host name in ${setting}.`,
      };
    return {
      what: `DNS: the name ${host.split(':')[0]} does not resolve (${code ?? message})`,
      fix: `Correct the host name in ${setting}.`,
    };
  }
  if (step === 'tcp') {
    if (code === 'ECONNREFUSED')
      return {
        what: `TCP: connection refused, nothing listens on ${host}`,
        fix: `Correct the host or port in ${setting}.`,
      };
    if (code === 'ETIMEDOUT')
      return {
        what: `TCP: no connection within ${timeoutMs} ms (a firewall, or a wrong port)`,
        fix: `Check the port in ${setting}, and that this machine may connect to ${host} (firewall, proxy).`,
      };
    return { what: `TCP: ${code ?? message}`, fix: `Check that this machine can reach ${host} (${setting}).` };
  }
  const certificate: Record<string, { what: string; fix: string }> = {
    CERT_HAS_EXPIRED: {
      what: 'TLS: the certificate has expired',
      fix: `The provider must renew its certificate; if ${host} is not the provider's host, correct ${setting}.`,
    },
    DEPTH_ZERO_SELF_SIGNED_CERT: {
      what: 'TLS: the certificate is self-signed',
      fix: `A real provider has no self-signed certificate: correct ${setting}, or for your own test server start node with NODE_EXTRA_CA_CERTS=<its certificate>.`,
    },
    SELF_SIGNED_CERT_IN_CHAIN: {
      what: 'TLS: a self-signed certificate in the chain (a TLS-inspecting proxy?)',
      fix: "Start node with NODE_EXTRA_CA_CERTS=<your proxy's CA certificate>, or connect without the proxy.",
    },
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: {
      what: 'TLS: the certificate chain is incomplete or from an unknown CA',
      fix: `Ask the provider to serve its full certificate chain, or correct ${setting}.`,
    },
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: {
      what: 'TLS: the certificate is from a CA this machine does not trust',
      fix: "Update this machine's CA certificates, or set NODE_EXTRA_CA_CERTS to the missing CA.",
    },
    ERR_TLS_CERT_ALTNAME_INVALID: {
      what: `TLS: the certificate is not for ${host.split(':')[0]}`,
      fix: `Correct the host name in ${setting}.`,
    },
    ETIMEDOUT: {
      what: `TLS: no handshake within ${timeoutMs} ms`,
      fix: `Check that ${host} speaks https on this port (${setting}).`,
    },
  };
  return (
    certificate[code ?? ''] ?? {
      what: `TLS: ${code ?? message}`,
      fix: `Check that ${host} serves https (${setting}): is it http?`,
    }
  );
}
