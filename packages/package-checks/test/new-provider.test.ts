import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isolatedNpmEnv } from '../src/npm';
import { copyRepository } from '../src/repository-copy';
import { run, runNode, type CommandOutput } from '../src/run';

/**
 * `npm run new-provider` (scripts/new-provider.js), run the way a contributor runs it, in a copy of
 * this repository: the package it writes must type-check, lint, pass its own tests and the package
 * checks without a single edit, and `npm ci` must accept the lockfile it leaves.
 */

// A copy, a scaffold, a jest run of the new package and the packing and installing of the
// package checks: minutes on a cold npm cache.
const SLOW = 900_000;
jest.setTimeout(SLOW);

const NAME = 'voorbeeld-id';
const PACKAGE = `passport-${NAME}`;

/**
 * The consumer apps of the package checks that the nested run builds: one hoisted install and one
 * with pnpm's layout. Each loads the new package through `exercise.cjs`, as the other three apps
 * would (their type-checks name only the original providers); those run in this repository's own
 * package checks.
 */
const NEW_PACKAGE_CONSUMERS = ['cjs-js', 'strict-deps'];

let repo: string;
let scaffolded: CommandOutput;

/** Runs a script of the copy with an environment free of this repository's npm settings. */
function inCopy(args: readonly string[]): Promise<CommandOutput> {
  return runNode(args, { cwd: repo, env: isolatedNpmEnv() });
}

/** Runs a script of the copy and resolves with its exit code and what it printed, failing or not. */
function attempt(args: readonly string[]): Promise<{ failed: boolean; output: string }> {
  return inCopy(args).then(
    ({ stdout, stderr }) => ({ failed: false, output: stdout + stderr }),
    (error: Error) => ({ failed: true, output: error.message }),
  );
}

const bin = (name: string) => join(repo, 'node_modules', '.bin', name);

beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'passport-nl-new-provider-'));
  await copyRepository(repo);
  scaffolded = await inCopy(['scripts/new-provider.js', NAME, '--display-name', 'Voorbeeld ID']);
}, SLOW);

afterAll(async () => {
  if (repo) await rm(repo, { recursive: true, force: true });
});

describe('npm run new-provider -- <name>', () => {
  it('writes the package, its test-support case and export, its changeset, and the tsconfig reference', () => {
    for (const file of [
      'src/strategy.ts',
      'src/profile.ts',
      'src/index.ts',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      'package.json',
      'tsconfig.json',
      'test/reliability.test.ts',
      'test/property.test.ts',
      'test/verify.test.ts',
    ]) {
      expect(existsSync(join(repo, 'packages', PACKAGE, file))).toBe(true);
    }
    expect(existsSync(join(repo, 'packages/test-support/src/reliability/cases', `${NAME}.ts`))).toBe(true);
    expect(readFileSync(join(repo, 'packages/test-support/src/reliability/index.ts'), 'utf8')).toContain(
      `export { voorbeeldIdCase } from './cases/${NAME}';`,
    );
    expect(readFileSync(join(repo, '.changeset', `${NAME}-first-release.md`), 'utf8')).toMatch(
      new RegExp(`^---\\n'${PACKAGE}': minor\\n---\\n`),
    );
    const references = JSON.parse(readFileSync(join(repo, 'tsconfig.json'), 'utf8')).references;
    expect(references).toContainEqual({ path: `packages/${PACKAGE}` });
    expect(scaffolded.stdout).toContain(`Created packages/${PACKAGE}`);
  });

  it('leaves no TODO and no placeholder of the templates behind', () => {
    const files = ['src/strategy.ts', 'src/profile.ts', 'README.md', 'test/support.ts'];
    for (const file of files) {
      const text = readFileSync(join(repo, 'packages', PACKAGE, file), 'utf8');
      expect(text).not.toMatch(/TODO|FIXME|__[A-Za-z]+__/);
    }
  });

  it('adds the package to package-lock.json so that npm ci accepts it', async () => {
    const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8'));
    expect(lock.packages[`node_modules/${PACKAGE}`]).toEqual({ resolved: `packages/${PACKAGE}`, link: true });
    // --dry-run stops after npm ci's check that package.json and the lockfile agree.
    await expect(
      run('npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], {
        cwd: repo,
        env: isolatedNpmEnv(),
      }),
    ).resolves.toBeDefined();
  });

  it('refuses an existing package, and a bad name, with a message and without writing anything', async () => {
    const again = await attempt(['scripts/new-provider.js', NAME, '--skip-lockfile']);
    expect(again.failed).toBe(true);
    expect(again.output).toContain(`${PACKAGE} already exists`);
    const bad = await attempt(['scripts/new-provider.js', 'Not_A_Name', '--skip-lockfile']);
    expect(bad.failed).toBe(true);
    expect(bad.output).toContain('"Not_A_Name" is not a valid provider name');
    expect(existsSync(join(repo, 'packages/passport-Not_A_Name'))).toBe(false);
  });
});

describe('the scaffolded package, untouched', () => {
  it('type-checks with every test (tsc with tsconfig.test.json, on the files the scaffold wrote)', async () => {
    // tsconfig.test.json's settings, on the new package and test-support (where the scaffold adds its case):
    // what they import is checked with them; the rest of the repository is checked by `npm run typecheck`.
    const config = join(repo, 'tsconfig.scaffold-check.json');
    await writeFile(
      config,
      JSON.stringify({
        extends: './tsconfig.test.json',
        include: [`packages/${PACKAGE}/src`, `packages/${PACKAGE}/test`, 'packages/test-support/src'],
      }),
    );
    try {
      await expect(
        inCopy([join(repo, 'node_modules/typescript/bin/tsc'), '-p', config, '--noEmit']),
      ).resolves.toBeDefined();
    } finally {
      await rm(config);
    }
  });

  it('passes ESLint and Prettier', async () => {
    const code = [`packages/${PACKAGE}`, 'packages/test-support/src'];
    await expect(run(bin('eslint'), code, { cwd: repo })).resolves.toBeDefined();
    const written = [...code, '.changeset', 'tsconfig.json', 'package-lock.json'];
    await expect(run(bin('prettier'), ['--check', ...written], { cwd: repo })).resolves.toBeDefined();
  });

  it('passes its own tests (reliability, property and verify-forms suites included) and the package checks', async () => {
    const report = join(repo, 'jest-report.json');
    await run(
      bin('jest'),
      [
        '--selectProjects',
        PACKAGE,
        'package-checks',
        '--testPathPatterns',
        `packages/${PACKAGE}/`,
        'packages/package-checks/test/published-packages',
        '--json',
        '--outputFile',
        report,
      ],
      { cwd: repo, env: { ...isolatedNpmEnv(), PACKAGE_CHECKS_CONSUMERS: NEW_PACKAGE_CONSUMERS.join(',') } },
    );
    const results = JSON.parse(readFileSync(report, 'utf8')) as {
      numFailedTests: number;
      numPassedTests: number;
      testResults: Array<{ name: string; assertionResults: Array<{ fullName: string; status: string }> }>;
    };
    expect(results.numFailedTests).toBe(0);
    const files = results.testResults.map((file) => file.name.slice(repo.length + 1)).sort();
    expect(files).toEqual(expect.arrayContaining([`packages/${PACKAGE}/test/reliability.test.ts`]));
    expect(files).toContain('packages/package-checks/test/published-packages.test.ts');
    // The package checks packed, linted and installed the new package along with the others.
    const checks = results.testResults.find((file) => file.name.endsWith('published-packages.test.ts'))!;
    const named = checks.assertionResults.filter((test) => test.fullName.includes(PACKAGE));
    expect(named.length).toBeGreaterThanOrEqual(2);
    expect(named.every((test) => test.status === 'passed')).toBe(true);
    // The consumer apps that loaded it (exercise.cjs requires every installed strategy package) ran and passed.
    const consumers = checks.assertionResults.filter((test) =>
      /^(a CommonJS JavaScript app|with only declared dependencies visible)/.test(test.fullName),
    );
    expect(consumers.map((test) => test.status)).toEqual(['passed', 'passed']);
  });
});
