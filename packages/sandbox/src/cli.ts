#!/usr/bin/env node
import { startSandbox } from './start-sandbox';
import { PROVIDER_NAMES, type ProviderName } from './types';

/**
 * `npm run sandbox`: serves the four providers on fixed ports, `SANDBOX_PORT` (default 4001)
 * and the next three, in the order petjeaf, gofundo, mijnklantportaal, altdentifier.
 * `SANDBOX_HTTPS=1` serves HTTPS with a fresh self-signed certificate; `SANDBOX_HOST`
 * changes the interface (default 127.0.0.1).
 */
async function main(): Promise<void> {
  const base = Number(process.env.SANDBOX_PORT ?? 4001);
  if (!Number.isInteger(base) || base < 1 || base > 65532)
    throw new Error(`SANDBOX_PORT must be a port number, not ${process.env.SANDBOX_PORT}`);
  const ports = Object.fromEntries(PROVIDER_NAMES.map((name, index) => [name, base + index])) as Record<
    ProviderName,
    number
  >;
  const sandbox = await startSandbox({
    ports,
    https: process.env.SANDBOX_HTTPS === '1',
    host: process.env.SANDBOX_HOST,
  });
  console.log('Provider sandbox running (any http(s)://localhost or 127.0.0.1 redirect URI is accepted):');
  for (const provider of Object.values(sandbox.providers)) {
    console.log(`\n  ${provider.name}  client_id=${provider.client.clientID}`);
    console.log(`    authorize  ${provider.authorizationURL}`);
    console.log(`    token      ${provider.tokenURL}`);
    if (provider.userProfileURL) console.log(`    profile    ${provider.userProfileURL}`);
  }
  console.log('\nClient secrets: see packages/sandbox/README.md. Ctrl+C to stop.');
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
