#!/usr/bin/env node
import { main } from './main';

main(process.argv.slice(2), process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Never the settings: only that the doctor itself failed.
    process.stderr.write(`passport-nl-doctor failed: ${error instanceof Error ? error.name : 'error'}\n`);
    process.exitCode = 1;
  },
);
