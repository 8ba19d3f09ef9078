import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { loadConfig, PortInUseError, startDemo } from 'express-demo';
import { SESSION_SECRET_FOR_TESTS } from './system-tools';

const SERVER_JS = join(__dirname, '../dist/server.js');

describe('a port already in use', () => {
  let taken: Server;
  let port: number;
  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    port = (taken.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

  it('startDemo rejects with a PortInUseError that says which port and what to set', async () => {
    const config = loadConfig({ PORT: String(port), SESSION_SECRET: SESSION_SECRET_FOR_TESTS });
    const failure = startDemo(config);
    await expect(failure).rejects.toBeInstanceOf(PortInUseError);
    await expect(failure).rejects.toThrow(
      `Port ${port} on 127.0.0.1 is already in use (another demo or app running?). Stop it, or start the demo on another port: PORT=${port + 1} npm start`,
    );
  });

  it('npm start prints that one line, no stack, and exits with code 1', async () => {
    if (!existsSync(SERVER_JS)) throw new Error('the demo is not built: run npm run build first');
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const env = { ...process.env, PORT: String(port), SESSION_SECRET: SESSION_SECRET_FOR_TESTS };
      const child = execFile(process.execPath, [SERVER_JS], { env, cwd: join(__dirname, '..') }, (_error, _out, err) =>
        resolve({ code: child.exitCode, stderr: err }),
      );
    });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      `Port ${port} on 127.0.0.1 is already in use (another demo or app running?). Stop it, or start the demo on another port: PORT=${port + 1} npm start`,
    );
  });
});
