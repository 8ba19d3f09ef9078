// CommonJS syntax on purpose: Node 22.18+ loads a .ts config with its built-in type stripping and
// treats a file with `import`/`export` as an ES module, where `__dirname` does not exist. With
// `require` and `module.exports` the file is CommonJS on every Node line (20 through ts-node, 22+ natively).
const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const { availableParallelism } = require('node:os');

/**
 * One jest project per workspace that has a `test/` folder. Tests import the
 * sibling packages from their `src` (see moduleNameMapper), so no build is needed first.
 */
const workspaceDirs: string[] = ['packages', 'examples']
  .filter((parent) => existsSync(join(__dirname, parent)))
  .flatMap((parent) =>
    readdirSync(join(__dirname, parent), { withFileTypes: true })
      .filter(
        (entry: import('node:fs').Dirent) =>
          entry.isDirectory() && existsSync(join(__dirname, parent, entry.name, 'test')),
      )
      .map((entry: import('node:fs').Dirent) => join(parent, entry.name)),
  );

/**
 * The strategy packages and the kit (`packages/passport-*`), mapped by name to their `src`. Listed from
 * the folder rather than matched by pattern: `passport-oauth2` and `passport-strategy` are real dependencies.
 */
const passportPackages: string[] = readdirSync(join(__dirname, 'packages'), { withFileTypes: true })
  .filter((entry: import('node:fs').Dirent) => entry.isDirectory() && entry.name.startsWith('passport-'))
  .filter((entry: import('node:fs').Dirent) => existsSync(join(__dirname, 'packages', entry.name, 'package.json')))
  .map((entry: import('node:fs').Dirent) => entry.name);

const config: import('jest').Config = {
  // A safety net: a worker that holds more than this after a file is replaced by a fresh one.
  workerIdleMemoryLimit: '1GB',
  // At least two workers: the suites spend most of their time waiting on child processes, sockets and
  // Chromium, so on a 2-core machine jest's default (cores - 1, one worker) leaves a core idle. Measured on
  // the 2-core machine, whole suite: 645 s with one worker, 489 s with two, every test passing in both.
  maxWorkers: Math.max(2, availableParallelism() - 1),
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

module.exports = config;
