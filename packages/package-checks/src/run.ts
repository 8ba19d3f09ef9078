import { execFile } from 'node:child_process';

/** What a finished command printed. */
export interface CommandOutput {
  stdout: string;
  stderr: string;
}

/** Where and how to run a command. */
export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs a command without a shell and resolves with its output. Rejects when it exits with
 * a non-zero status, with the command, the folder and everything it printed in the message,
 * so a failing check explains itself.
 */
export function run(file: string, args: readonly string[], options: RunOptions): Promise<CommandOutput> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, env: options.env ?? process.env, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          const command = [file, ...args].join(' ');
          reject(new Error(`${command} (in ${options.cwd}) failed: ${error.message}\n${stdout}\n${stderr}`.trim()));
          return;
        }
        resolve({ stdout, stderr });
      },
    );
  });
}

/** Runs a Node.js script with the Node.js running the tests. */
export function runNode(args: readonly string[], options: RunOptions): Promise<CommandOutput> {
  return run(process.execPath, args, options);
}
