import type { Config } from 'jest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One jest project per workspace that has a `test/` folder. Tests import the
 * sibling packages from their `src` (see moduleNameMapper), so no build is needed first.
 */
const workspaceDirs = ['packages', 'examples']
  .filter((parent) => existsSync(join(__dirname, parent)))
  .flatMap((parent) =>
    readdirSync(join(__dirname, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(__dirname, parent, entry.name, 'test')))
      .map((entry) => join(parent, entry.name)),
  );

/**
 * The strategy packages and the kit (`packages/passport-*`), mapped by name to their `src`. Listed from
 * the folder rather than matched by pattern: `passport-oauth2` and `passport-strategy` are real dependencies.
 */
const passportPackages = readdirSync(join(__dirname, 'packages'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name.startsWith('passport-'))
  .filter((entry) => existsSync(join(__dirname, 'packages', entry.name, 'package.json')))
  .map((entry) => entry.name);

const config: Config = {
  // A safety net: a worker that holds more than this after a file is replaced by a fresh one.
  workerIdleMemoryLimit: '1GB',
  projects: workspaceDirs.map((dir) => ({
    displayName: dir.split('/')[1],
    rootDir: join(__dirname, dir),
    testEnvironment: 'node',
    testEnvironmentOptions: { globalsCleanup: 'off' },
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    setupFilesAfterEnv: [
      join(__dirname, 'scripts/jest/nock-dispatcher.ts'),
      join(__dirname, 'scripts/jest/restore-nock.ts'),
    ],
    transform: {
      '^.+\\.ts$': ['ts-jest', { tsconfig: join(__dirname, 'tsconfig.test.json') }],
    },
    moduleNameMapper: {
      '^@internal/test-support$': join(__dirname, 'packages/test-support/src'),
      '^passport-nl-sandbox$': join(__dirname, 'packages/sandbox/src'),
      '^express-demo$': join(__dirname, 'examples/express-demo/src'),
      [`^(${passportPackages.join('|')})$`]: join(__dirname, 'packages/$1/src'),
    },
  })),
};

export default config;
