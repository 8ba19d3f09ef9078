import { generate } from 'selfsigned';

/** A key and its self-signed certificate, PEM. */
export interface SandboxCertificate {
  key: string;
  cert: string;
}

/**
 * Generates a self-signed certificate for `localhost` and `127.0.0.1` (EC P-256, SHA-256,
 * valid one day). Clients trust it by passing `cert` as their CA.
 */
export async function generateCertificate(): Promise<SandboxCertificate> {
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
