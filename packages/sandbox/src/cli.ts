#!/usr/bin/env node
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeAsJson, describeForHumans } from './cli-output';
import { startSandbox } from './start-sandbox';
import { PROVIDER_NAMES, type ProviderName } from './types';

const USAGE = `Usage: npx passport-nl-sandbox [--port 4001] [--host 127.0.0.1] [--https] [--json]

Serves Petje.af, Gofundo, MijnKlantportaal and AltDentifier on --port and the next three ports
(in that order), and prints each provider's strategy options (client id, secret, URLs).
  --port    first port (default 4001, or SANDBOX_PORT; 0: any free ports)
  --host    interface to listen on (default 127.0.0.1, or SANDBOX_HOST)
  --https   serve HTTPS with a fresh self-signed certificate (or SANDBOX_HTTPS=1)
  --json    print one JSON line { provider: { origin, users, options } } instead of the text`;

/** A bad command line or a port in use: printed without a stack, exit code 2 or 1. */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: process.env.SANDBOX_PORT ?? '4001' },
        host: { type: 'string', default: process.env.SANDBOX_HOST ?? '127.0.0.1' },
        https: { type: 'boolean', default: process.env.SANDBOX_HTTPS === '1' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
}

/** `npx passport-nl-sandbox` (and `npm run sandbox` in this repository). */
async function main(argv: string[]): Promise<void> {
  const args = parseCommandLine(argv);
  if (args.help) return void console.log(USAGE);
  const base = Number(args.port);
  if (!/^\d+$/.test(args.port) || base > 65532) throw new CliError(`--port must be a port number, not ${args.port}`, 2);
  const ports = Object.fromEntries(PROVIDER_NAMES.map((name, index) => [name, base && base + index])) as Record<
    ProviderName,
    number
  >;
  const sandbox = await startSandbox({ ports, https: args.https, host: args.host }).catch((error: unknown) => {
    const { code } = error as NodeJS.ErrnoException;
    if (code === 'EADDRINUSE')
      throw new CliError(
        `Port ${base}..${base + 3} is taken (another sandbox already running?). Stop it, or pick other ports: --port 5001`,
        1,
      );
    throw error;
  });
  const providers = Object.values(sandbox.providers);
  console.log(args.json ? describeAsJson(providers) : describeForHumans(providers));
  if (sandbox.ca) {
    const caFile = join(mkdtempSync(join(tmpdir(), 'passport-nl-sandbox-')), 'ca.pem');
    writeFileSync(caFile, sandbox.ca);
    console.error(`HTTPS certificate: ${caFile} (start your app with NODE_EXTRA_CA_CERTS=${caFile} to trust it)`);
  }
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(error instanceof CliError ? error.exitCode : 1);
});
