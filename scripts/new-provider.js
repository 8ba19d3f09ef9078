#!/usr/bin/env node
'use strict';
/**
 * Scaffolds a fifth (sixth, …) provider package: `npm run new-provider -- <name> [--display-name "<Name>"]`.
 *
 * Writes `packages/passport-<name>` from the templates in `scripts/new-provider/templates/` (the layout of
 * passport-gofundo, the smallest real package: a `describe()`, a profile from a user endpoint, tests that run
 * the shared reliability, property and verify-forms suites), and wires it into the repository:
 *
 * - the reliability case in `packages/test-support/src/reliability/cases/<name>.ts`, exported from its index;
 * - a project reference in the root `tsconfig.json` (`tsc -b` needs each one spelled out);
 * - a changeset in `.changeset/` (written as a file: `npm run changeset` asks questions);
 * - `package-lock.json`, through `npm install --package-lock-only`, so that `npm ci` keeps working.
 *
 * jest's module mapper, `tsconfig.test.json`'s paths, the builds and the package checks find the package by
 * its folder, so they need no edit. The generated strategy works as it is against its stand-in host
 * `https://<name>.example`; the contributor then replaces the stand-ins with what the provider documents
 * (see "Contributing a fifth provider" in the root README).
 *
 * No prompts: everything comes from the command line, and a bad name or an existing package is refused
 * with a message and exit code 1, before anything is written.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const TEMPLATES = path.join(__dirname, 'new-provider', 'templates');
const USAGE = 'usage: npm run new-provider -- <name> [--display-name "<Display Name>"] [--skip-lockfile]';
/** Lower-case words joined by single hyphens, starting with a letter: a valid npm name part and strategy name. */
const NAME_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const MAX_NAME_LENGTH = 40;
/** A human name that is safe in a string literal, a template literal, JSON and Markdown as it is. */
const DISPLAY_NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} .-]{0,59}$/u;
/** Names that would clash with the kit or read as a mistake. */
const RESERVED = new Set(['provider-kit', 'oauth2', 'strategy', 'local']);

/** A refusal: printed without a stack trace. */
class ScaffoldError extends Error {}

/** Reads the command line; throws a {@link ScaffoldError} for anything it does not understand. */
function parseArgs(argv) {
  const args = { name: undefined, displayName: undefined, lockfile: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--display-name') {
      args.displayName = argv[++i];
      if (!args.displayName || !DISPLAY_NAME_PATTERN.test(args.displayName))
        throw new ScaffoldError(
          '--display-name needs a value of letters, digits, spaces, dots and hyphens (e.g. "Acme ID")',
        );
    } else if (arg === '--skip-lockfile') {
      args.lockfile = false;
    } else if (arg === '--help' || arg === '-h') {
      throw new ScaffoldError(USAGE);
    } else if (arg.startsWith('-')) {
      throw new ScaffoldError(`unknown option ${arg}\n${USAGE}`);
    } else if (args.name === undefined) {
      args.name = arg;
    } else {
      throw new ScaffoldError(`one provider name only (got ${args.name} and ${arg})\n${USAGE}`);
    }
  }
  if (args.name === undefined) throw new ScaffoldError(`a provider name is required\n${USAGE}`);
  return args;
}

/** Refuses a name that would not make a valid package, strategy name and identifiers. */
function checkName(name) {
  if (name.startsWith('passport-'))
    throw new ScaffoldError(`give the provider's name without "passport-" (e.g. ${name.slice('passport-'.length)})`);
  if (!NAME_PATTERN.test(name))
    throw new ScaffoldError(
      `"${name}" is not a valid provider name: use lower-case letters, digits and single hyphens, starting with a letter (e.g. acme or acme-id)`,
    );
  if (name.length > MAX_NAME_LENGTH) throw new ScaffoldError(`"${name}" is longer than ${MAX_NAME_LENGTH} characters`);
  if (RESERVED.has(name)) throw new ScaffoldError(`"${name}" is reserved: passport-${name} is not a provider`);
}

/** Refuses to overwrite anything: the package, its test-support case or its changeset. */
function checkFree(names) {
  const taken = [names.packageDir, names.caseFile, names.changesetFile].filter((file) => fs.existsSync(file));
  if (taken.length > 0)
    throw new ScaffoldError(
      `passport-${names.name} already exists (${taken.map((file) => path.relative(ROOT, file)).join(', ')}); nothing was written`,
    );
  const manifests = fs
    .readdirSync(path.join(ROOT, 'packages'))
    .map((dir) => path.join(ROOT, 'packages', dir, 'package.json'))
    .filter((file) => fs.existsSync(file));
  for (const file of manifests) {
    if (JSON.parse(fs.readFileSync(file, 'utf8')).name === `passport-${names.name}`)
      throw new ScaffoldError(
        `a workspace package is already named passport-${names.name} (${path.relative(ROOT, file)})`,
      );
  }
}

/** Every spelling of the provider's name the templates use. */
function namesOf(name, displayName) {
  const words = name.split('-');
  const pascal = words.map((word) => word[0].toUpperCase() + word.slice(1)).join('');
  return {
    name,
    pascal,
    camel: pascal[0].toLowerCase() + pascal.slice(1),
    env: words.join('_').toUpperCase(),
    display: displayName ?? pascal,
    packageDir: path.join(ROOT, 'packages', `passport-${name}`),
    caseFile: path.join(ROOT, 'packages/test-support/src/reliability/cases', `${name}.ts`),
    changesetFile: path.join(ROOT, '.changeset', `${name}-first-release.md`),
  };
}

/** A template with the provider's names filled in. */
function render(template, names) {
  return fs
    .readFileSync(path.join(TEMPLATES, template), 'utf8')
    .replaceAll('__name__', names.name)
    .replaceAll('__Name__', names.pascal)
    .replaceAll('__camelName__', names.camel)
    .replaceAll('__ENV__', names.env)
    .replaceAll('__Display__', names.display);
}

/** Where each template goes, relative to the repository. */
function plan(names) {
  const pkg = `packages/passport-${names.name}`;
  const files = {
    'package.json.tmpl': `${pkg}/package.json`,
    'tsconfig.json.tmpl': `${pkg}/tsconfig.json`,
    'README.md.tmpl': `${pkg}/README.md`,
    'CHANGELOG.md.tmpl': `${pkg}/CHANGELOG.md`,
    'test-support-case.ts.tmpl': path.relative(ROOT, names.caseFile),
    'changeset.md.tmpl': path.relative(ROOT, names.changesetFile),
  };
  for (const dir of ['src', 'test']) {
    for (const file of fs.readdirSync(path.join(TEMPLATES, dir))) {
      files[`${dir}/${file}`] = `${pkg}/${dir}/${file.replace(/\.tmpl$/, '')}`;
    }
  }
  return files;
}

/** Adds `export { <camel>Case } from './cases/<name>';` after the last case export of the reliability index. */
function exportCase(names) {
  const index = path.join(ROOT, 'packages/test-support/src/reliability/index.ts');
  const lines = fs.readFileSync(index, 'utf8').split('\n');
  const last = lines.findLastIndex((line) => /^export \{[^}]*\} from '\.\/cases\//.test(line));
  if (last < 0) throw new ScaffoldError(`${path.relative(ROOT, index)} exports no case to add one after`);
  lines.splice(last + 1, 0, `export { ${names.camel}Case } from './cases/${names.name}';`);
  fs.writeFileSync(index, lines.join('\n'));
  return index;
}

/** Adds the package to the root `tsconfig.json` references, after the last strategy package. */
function addReference(names) {
  const file = path.join(ROOT, 'tsconfig.json');
  const config = JSON.parse(fs.readFileSync(file, 'utf8'));
  const last = config.references.findLastIndex((ref) => ref.path.startsWith('packages/passport-'));
  config.references.splice(last + 1, 0, { path: `packages/passport-${names.name}` });
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}

/** Formats the written files with the repository's Prettier settings, so that `npm run lint` passes as is. */
async function format(files) {
  const prettier = require('prettier');
  for (const file of files) {
    const options = await prettier.resolveConfig(file);
    const source = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, await prettier.format(source, { ...options, filepath: file }));
  }
}

/** Brings package-lock.json up to date with the new workspace, without touching node_modules. */
function updateLockfile() {
  const args = ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'];
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0)
    throw new ScaffoldError(
      `the package was written, but "npm ${args.join(' ')}" failed (exit ${result.status}); run it yourself before committing`,
    );
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  checkName(args.name);
  const names = namesOf(args.name, args.displayName);
  checkFree(names);

  const written = [];
  for (const [template, target] of Object.entries(plan(names))) {
    const file = path.join(ROOT, target);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, render(template, names));
    written.push(file);
  }
  fs.copyFileSync(path.join(ROOT, 'LICENSE'), path.join(names.packageDir, 'LICENSE'));
  written.push(exportCase(names), addReference(names));
  await format(written);
  if (args.lockfile) updateLockfile();

  const relative = (file) => path.relative(ROOT, file);
  console.log(`Created packages/passport-${names.name} (strategy '${names.name}', ${names.display}).
Wrote or updated:
${[...written, ...(args.lockfile ? [path.join(ROOT, 'package-lock.json')] : [])].map((file) => `  ${relative(file)}`).join('\n')}

Next (README "Contributing a fifth provider"):
  ${args.lockfile ? 'npm install' : 'npm install   (updates package-lock.json and links the package)'}
  npx jest --selectProjects passport-${names.name}
  then replace the stand-in https://${names.name}.example with what ${names.display} documents, in
  src/strategy.ts (describe()), src/profile.ts, the tests and the README's documented/assumed table.`);
}

main().catch((error) => {
  console.error(error instanceof ScaffoldError ? `new-provider: ${error.message}` : error);
  process.exitCode = 1;
});
