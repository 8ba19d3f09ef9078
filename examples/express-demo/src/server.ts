#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from './config';
import { PROVIDER_LABELS } from './providers';
import { PortInUseError, startDemo } from './start-demo';

/** `npm start`: reads the environment, starts the demo (and the sandbox if needed) and prints the URL to open. */
async function main(): Promise<void> {
  // A `.env` in the working directory (examples/express-demo under `npm start`); set variables win.
  if (existsSync('.env')) {
    // process.loadEnvFile arrived in Node 20.12; the root package allows any Node 20.
    if (typeof process.loadEnvFile === 'function') {
      process.loadEnvFile('.env');
      console.log('Read .env');
    } else {
      console.warn(
        `warning: .env ignored: Node ${process.version} cannot read it (20.12 or later can); export the variables instead`,
      );
    }
  }
  const config = loadConfig(process.env);
  for (const warning of config.warnings) console.warn(`warning: ${warning}`);
  const running = await startDemo(config, { logLine: (line) => console.log(`${new Date().toISOString()} ${line}`) });
  for (const [name, endpoints] of Object.entries(running.sandbox?.endpoints ?? {})) {
    const label = PROVIDER_LABELS[name as keyof typeof PROVIDER_LABELS];
    console.log(`${label}: local sandbox at ${endpoints.origin}${running.sandbox?.startedHere ? '' : ' (shared)'}`);
  }
  for (const name of Object.keys(config.credentials))
    console.log(`${PROVIDER_LABELS[name as keyof typeof PROVIDER_LABELS]}: real provider`);
  if (config.redisURL) console.log('Sessions: Redis');
  console.log(`\nDemo running. Open ${running.url}\n`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
  else if (error instanceof PortInUseError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
