import { lookup } from 'node:dns/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { reachChecks } from '../src/checks/reach-check';
import type { EndpointUse } from '../src/providers';

const DAY_MS = 86_400_000;

/** A CA certificate for `host` (trusted by the check), valid from `notBefore` to `notAfter`. */
async function certificate(host: string, notBefore: Date, notAfter: Date): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: 'commonName', value: host }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: host }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/** Serves TLS with the certificate where `localhost` resolves, checks `https://localhost:<port>` trusting it, and closes. */
async function reachWith(pems: { key: string; cert: string }) {
  const server: Server = createServer(pems, (_req, res) => res.end());
  const { address } = await lookup('localhost');
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const url = `https://localhost:${(server.address() as AddressInfo).port}/oauth/token`;
  const endpoint: EndpointUse = {
    kind: 'token',
    url,
    mark: 'yours',
    note: 'set by GOFUNDO_TOKEN_URL; the default is documented',
  };
  try {
    const [outcome] = await reachChecks([endpoint], 2000, pems.cert);
    return outcome;
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('TLS: the certificate problem is named at the TLS step, with its fix', () => {
  it('an expired certificate', async () => {
    const now = Date.now();
    const outcome = await reachWith(
      await certificate('localhost', new Date(now - 10 * DAY_MS), new Date(now - DAY_MS)),
    );
    expect(outcome.reachable).toBe(false);
    expect(outcome.result).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/TCP \d+ ms, then TLS: the certificate has expired$/),
      fix: expect.stringMatching(
        /^The provider must renew its certificate; if localhost:\d+ is not the provider's host, correct GOFUNDO_TOKEN_URL\.$/,
      ),
    });
  });

  it('a certificate for another host name', async () => {
    const now = Date.now();
    const outcome = await reachWith(
      await certificate('provider.example', new Date(now - DAY_MS), new Date(now + 90 * DAY_MS)),
    );
    expect(outcome.result).toMatchObject({
      ok: false,
      detail: expect.stringContaining('TLS: the certificate is not for localhost'),
      fix: 'Correct the host name in GOFUNDO_TOKEN_URL.',
    });
  });

  it('a valid certificate: DNS, TCP and TLS timed, and the days it has left', async () => {
    const now = Date.now();
    const outcome = await reachWith(
      await certificate('localhost', new Date(now - DAY_MS), new Date(now + 90 * DAY_MS)),
    );
    expect(outcome.result).toMatchObject({
      ok: true,
      detail: expect.stringMatching(
        /^token: DNS \d+ ms \(.+\), TCP \d+ ms, TLS \d+ ms; certificate valid (89|90) more day\(s\)$/,
      ),
    });
  });

  it('a certificate that expires within 14 days: ?, tell the provider', async () => {
    const now = Date.now();
    const outcome = await reachWith(await certificate('localhost', new Date(now - DAY_MS), new Date(now + 3 * DAY_MS)));
    expect(outcome.result).toMatchObject({
      ok: null,
      detail: expect.stringContaining('soon expired'),
      fix: 'Tell the provider its certificate expires soon.',
    });
  });
});
