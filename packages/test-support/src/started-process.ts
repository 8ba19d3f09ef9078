import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';

/** A child process that printed what it was waited for. */
export interface StartedProcess {
  /** The first stdout line that matched `readyLine`. */
  readyLine: string;
  /** Everything it printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Stops it and every process it started (its process group), and waits for it to exit. */
  stop(): Promise<void>;
}

/** How to start a process with {@link startProcess}. */
export interface StartProcessOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** The process is ready when a line of its stdout matches this. */
  readyLine: RegExp;
  /** Give up (and stop it) after this long. Default 30 s. */
  timeoutMs?: number;
}

/**
 * Starts `command` in its own process group (so that `npx`'s child is stopped with it) and
 * resolves once a stdout line matches `readyLine`; rejects with its output when it exits or
 * times out first.
 */
export function startProcess(
  command: string,
  args: readonly string[],
  options: StartProcessOptions,
): Promise<StartedProcess> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, detached: true });
  let output = '';
  let pending = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await exited;
  };
  return new Promise<StartedProcess>((resolve, reject) => {
    let isReady = false;
    const fail = (why: string) => {
      if (isReady) return;
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`${command} ${args.join(' ')}: ${why}\n${output}`)));
    };
    const timer = setTimeout(
      () => fail(`not ready after ${options.timeoutMs ?? 30_000} ms`),
      options.timeoutMs ?? 30_000,
    );
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      const ready = lines.find((line) => options.readyLine.test(line));
      if (ready === undefined) return;
      clearTimeout(timer);
      isReady = true;
      resolve({ readyLine: ready, output: () => output, stop });
    });
    child.once('exit', (code, signal) => fail(`exited (${code ?? signal}) before it was ready`));
    child.once('error', (error) => fail(error.message));
  });
}

/** A TCP port free on 127.0.0.1 right now (for a child process that needs its port up front). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
