import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createConsumerProject } from '../src/consumer-project';
import { lintTarballs, type TarballReport } from '../src/lint-tarballs';
import { packPackages, type PackedPackage } from '../src/pack';
import { REPO_ROOT } from '../src/paths';
import { publishedPackages } from '../src/published-packages';
import { runNode } from '../src/run';
import { compileTypeScript } from '../src/typescript';

// Packing, installing and compiling real projects takes a while, above all on a cold npm cache.
const SLOW = 240_000;
jest.setTimeout(SLOW);

const PUBLISHED = publishedPackages();
/** The sandbox is published too, as a tool (a CLI and a test API), and checked on its own below. */
const SANDBOX = 'passport-nl-sandbox';
/** The doctor is published as a tool too (a CLI and its API), and checked on its own below. */
const DOCTOR = 'passport-nl-doctor';
/** The tools: published, but neither the kit nor a strategy. */
const TOOLS = [SANDBOX, DOCTOR];
/** The libraries: the kit and the strategies. */
const NAMES = PUBLISHED.filter((pkg) => !TOOLS.includes(pkg.name)).map((pkg) => pkg.name);
const KIT = 'passport-provider-kit';
/** The strategy packages: every library but the kit, found in the workspace (no list to keep). */
const STRATEGIES = NAMES.filter((name) => name !== KIT);
/** The names the strategies register with passport. */
const STRATEGY_NAMES = STRATEGIES.map((name) => name.replace('passport-', ''));
/** What a JavaScript app installs next to the strategies. */
const APP_PACKAGES = ['passport@^0.7.0', 'express@^5.1.0'];

/** The consumer apps, by fixture: what each installs from the registry besides the tarballs. */
const CONSUMERS = {
  'cjs-js': { fixtures: ['shared', 'cjs-js'], registry: APP_PACKAGES },
  'esm-js': { fixtures: ['shared', 'esm-js'], registry: APP_PACKAGES },
  // A typical TypeScript app, with the @types of what it uses.
  'ts-node16': {
    fixtures: ['shared', 'shared-ts', 'ts-node16'],
    registry: [...APP_PACKAGES, '@types/node@^20', '@types/express@^5', '@types/passport@^1'],
  },
  // No @types of its own but Node's: the types of passport and express must come with the packages.
  'ts-bundler': { fixtures: ['shared', 'shared-ts', 'ts-bundler'], registry: [...APP_PACKAGES, '@types/node@^20'] },
  // pnpm's layout (npm's linked strategy): each package sees only what it declares.
  'strict-deps': { fixtures: ['strict-deps'], registry: [], installStrategy: 'linked' },
} as const;
type Consumer = keyof typeof CONSUMERS;

/**
 * The consumer apps to build and run: all of them, unless `PACKAGE_CHECKS_CONSUMERS` names some
 * (comma-separated). The scaffold check (new-provider.test.ts) names the two whose installs load a
 * new strategy package differently (hoisted, and pnpm's layout); in the others its package is
 * `require`d by the same `exercise.cjs`, and their type-checks name only the original providers.
 */
const SELECTED_CONSUMERS = selectedConsumers(process.env.PACKAGE_CHECKS_CONSUMERS);

function selectedConsumers(list: string | undefined): Consumer[] {
  const all = Object.keys(CONSUMERS) as Consumer[];
  if (!list) return all;
  const names = list.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !all.includes(name as Consumer));
  if (unknown.length > 0) {
    throw new Error(`PACKAGE_CHECKS_CONSUMERS names no consumer app ${unknown.join(', ')} (known: ${all.join(', ')})`);
  }
  return names as Consumer[];
}

/** `describe` for a selected consumer app, `describe.skip` (reported as skipped) for another. */
const describeConsumer = (consumer: Consumer) => (SELECTED_CONSUMERS.includes(consumer) ? describe : describe.skip);

let workDir: string;
let packed: PackedPackage[];
const projects = new Map<Consumer, Promise<string>>();

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'passport-nl-package-checks-'));
  packed = await packPackages(PUBLISHED, join(workDir, 'tarballs'));
  const libraryTarballs = packed.filter((pkg) => !TOOLS.includes(pkg.name)).map((pkg) => pkg.tarball);
  // The apps install side by side; each test waits for its own.
  for (const consumer of SELECTED_CONSUMERS) {
    const spec: (typeof CONSUMERS)[Consumer] = CONSUMERS[consumer];
    const project = createConsumerProject({
      dir: join(workDir, consumer),
      fixtures: spec.fixtures,
      tarballs: libraryTarballs,
      registryPackages: spec.registry,
      installStrategy: 'installStrategy' in spec ? spec.installStrategy : undefined,
    });
    project.catch(() => undefined); // reported by the test that awaits it
    projects.set(consumer, project);
  }
}, SLOW);

afterAll(async () => {
  await Promise.allSettled(projects.values());
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** The strategy packages' folders: packages/passport-* but the kit and the doctor (jest and tsconfig.test.json map names to them). */
function strategyFolders(): string[] {
  return readdirSync(join(REPO_ROOT, 'packages')).filter(
    (dir) => dir.startsWith('passport-') && dir !== KIT && dir !== DOCTOR,
  );
}

/** The output of a consumer app that used the strategies: the names it logged in with. */
function strategiesUsed(stdout: string): string[] {
  const line = stdout.trim().split('\n').pop() ?? '';
  return (JSON.parse(line) as { ok: string[] }).ok.sort();
}

function packedPackage(name: string): PackedPackage {
  const pkg = packed.find((candidate) => candidate.name === name);
  if (!pkg) throw new Error(`${name} was not packed`);
  return pkg;
}

describe('the published packages', () => {
  it('are the shared kit, one strategy per packages/passport-* folder (named after it), the sandbox and the doctor, all packed', () => {
    expect(NAMES).toEqual([KIT, ...strategyFolders()].sort());
    expect(STRATEGIES.length).toBeGreaterThanOrEqual(4);
    expect(PUBLISHED.map((pkg) => pkg.name).sort()).toEqual([...NAMES, ...TOOLS].sort());
    expect(packed.map((pkg) => pkg.name).sort()).toEqual(PUBLISHED.map((pkg) => pkg.name).sort());
  });
});

describe('the sandbox tarball ships its build, its CLI, README and LICENSE, and no test or source', () => {
  it(SANDBOX, () => {
    const { files } = packedPackage(SANDBOX);
    expect(files.filter((file) => !/^(dist\/.+\.(js|d\.ts)|package\.json|README\.md|LICENSE)$/.test(file))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['dist/cli.js', 'dist/index.js', 'dist/index.d.ts', 'LICENSE']));
  });
});

describe('the doctor tarball ships its build, its CLI, README and LICENSE, and no test or source', () => {
  it(DOCTOR, () => {
    const { files } = packedPackage(DOCTOR);
    expect(files.filter((file) => !/^(dist\/.+\.(js|d\.ts)|package\.json|README\.md|LICENSE)$/.test(file))).toEqual([]);
    expect(files).toEqual(
      expect.arrayContaining(['dist/cli.js', 'dist/index.js', 'dist/index.d.ts', 'LICENSE', 'README.md']),
    );
  });
});

describe('each tarball ships only the build, README, LICENSE and CHANGELOG', () => {
  // The code is one CommonJS bundle (scripts/bundle-cjs.js) and its ESM wrapper; tsc's per-file
  // modules are not shipped, its declaration files are.
  const SHIPPABLE =
    /^(dist\/index\.(cjs|mjs)|dist\/.+\.(d\.ts|d\.mts)|package\.json|README\.md|LICENSE|CHANGELOG\.md)$/;
  const REQUIRED = [
    'CHANGELOG.md',
    'LICENSE',
    'README.md',
    'dist/index.cjs',
    'dist/index.d.mts',
    'dist/index.d.ts',
    'dist/index.mjs',
    'package.json',
  ];

  it.each(NAMES)('%s', (name) => {
    const { files } = packedPackage(name);
    expect(files.filter((file) => !SHIPPABLE.test(file))).toEqual([]);
    expect(REQUIRED.filter((file) => !files.includes(file))).toEqual([]);
  });
});

describe('publint and are-the-types-wrong find no problem', () => {
  let reports: TarballReport[];
  beforeAll(async () => {
    reports = await lintTarballs(packed.map((pkg) => pkg.tarball));
  }, SLOW);

  it.each([...NAMES, ...TOOLS])('%s', (name) => {
    const report = reports.find((candidate) => candidate.tarball === packedPackage(name).tarball.split('/').pop());
    expect(report).toEqual(expect.objectContaining({ publint: [], attw: [] }));
  });
});

describeConsumer('cjs-js')('a CommonJS JavaScript app requires every strategy and logs in through passport', () => {
  it('loads, constructs, registers and redirects to each provider; the kit classes are shared', async () => {
    const dir = await projects.get('cjs-js')!;
    const { stdout } = await runNode(['app.js'], { cwd: dir });
    expect(strategiesUsed(stdout)).toEqual(STRATEGY_NAMES);
  });
});

describeConsumer('esm-js')('an ESM JavaScript app imports every strategy by name and logs in through passport', () => {
  it('gets the same classes from import as from require (no dual-package hazard)', async () => {
    const dir = await projects.get('esm-js')!;
    const { stdout } = await runNode(['app.js'], { cwd: dir });
    expect(strategiesUsed(stdout)).toEqual(STRATEGY_NAMES);
  });
});

describeConsumer('ts-node16')(
  'a TypeScript app with moduleResolution node16 (and nodenext) type-checks and runs',
  () => {
    let compiled: Promise<unknown>;
    beforeAll(() => {
      compiled = projects.get('ts-node16')!.then((dir) => compileTypeScript(dir));
      compiled.catch(() => undefined); // reported by the tests
    });

    it('type-checks with node16, mistakes included, and emits', async () => {
      await expect(compiled).resolves.toBeDefined();
    });

    it('type-checks with nodenext', async () => {
      const dir = await projects.get('ts-node16')!;
      await expect(compileTypeScript(dir, 'tsconfig.nodenext.json')).resolves.toBeDefined();
    });

    it('runs its CommonJS file (require condition) and its ESM file (import condition)', async () => {
      const dir = await projects.get('ts-node16')!;
      await compiled;
      const commonjs = await runNode(['require-app.cjs'], { cwd: dir });
      // It uses Gofundo by name; exercise.cjs adds every other installed strategy.
      expect(strategiesUsed(commonjs.stdout)).toEqual(STRATEGY_NAMES);
      const esm = await runNode(['import-app.mjs'], { cwd: dir });
      expect(strategiesUsed(esm.stdout)).toEqual(STRATEGY_NAMES);
    });
  },
);

describeConsumer('ts-bundler')('a TypeScript app with moduleResolution bundler type-checks and runs', () => {
  it('type-checks, mistakes included, with the types that come with the packages, and runs', async () => {
    const dir = await projects.get('ts-bundler')!;
    await compileTypeScript(dir);
    const { stdout } = await runNode(['app.js'], { cwd: dir });
    expect(strategiesUsed(stdout)).toEqual(STRATEGY_NAMES);
  });
});

describeConsumer('strict-deps')(
  "with only declared dependencies visible (pnpm layout), jsonwebtoken is passport-petjeaf's alone",
  () => {
    it('is not installed for the kit or the other strategies, and loaded from passport-petjeaf only for jwtVerification', async () => {
      const dir = await projects.get('strict-deps')!;
      const { stdout } = await runNode(['app.cjs'], { cwd: dir });
      expect(strategiesUsed(stdout)).toEqual(STRATEGY_NAMES);
    });
  },
);
