import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * The path of a system program the test needs, or undefined. When it is missing: under
 * `CI=true` the caller must fail; elsewhere it skips with a warning naming the apt package.
 */
export function findProgram(program: string, envVariable?: string): string | undefined {
  const fromEnv = envVariable ? process.env[envVariable] : undefined;
  if (fromEnv) return fromEnv;
  try {
    return execFileSync('which', [program], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** `describe` when `program` is installed or under CI (where a missing program must fail), else `describe.skip` with a warning. */
export function describeWithProgram(program: string, aptPackage: string): jest.Describe {
  if (findProgram(program, program === 'chromium' ? 'CHROMIUM_PATH' : undefined) || process.env.CI === 'true')
    return describe;
  console.warn(`${program} is not installed: skipping these tests. Install it with: apt-get install -y ${aptPackage}`);
  return describe.skip;
}

/** The program's path, or an error that says how to install it (for CI, where skipping is not allowed). */
export function requireProgram(program: string, aptPackage: string, envVariable?: string): string {
  const found = findProgram(program, envVariable);
  if (!found) throw new Error(`${program} is required when CI=true: apt-get install -y ${aptPackage}`);
  return found;
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A session secret for tests that start the demo through `loadConfig`. */
export const SESSION_SECRET_FOR_TESTS = 'e2e-session-secret-0123456789';
