/**
 * Runs publint and are-the-types-wrong (through their programmatic APIs) on packed tarballs
 * and prints one JSON report per tarball: `{ tarball, publint: string[], attw: string[] }`.
 * Both tools are ESM-only, which jest's CommonJS runtime cannot load on Node 20, so the
 * tests run this file with `node`.
 *
 * Usage: `node check-tarballs.mjs <file.tgz> [...]`
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

/** Every publint message (suggestions included), as text. */
async function publintMessages(data) {
  const { messages, pkg } = await publint({
    pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
    level: 'suggestion',
    strict: true,
  });
  return messages.map((message) => `${message.type}: ${formatMessage(message, pkg, { color: false }) ?? message.code}`);
}

/** Every are-the-types-wrong problem, for every entrypoint and resolution mode, as text. */
async function attwProblems(data) {
  const result = await checkPackage(createPackageFromTarballData(new Uint8Array(data)));
  if (!result.types) return ['the package ships no types'];
  return result.problems.map((problem) => {
    const where = [problem.entrypoint, problem.resolutionKind].filter(Boolean).join(' ');
    return `${problem.kind}${where ? ` (${where})` : ''}`;
  });
}

const tarballs = process.argv.slice(2);
if (tarballs.length === 0) {
  console.error('usage: node check-tarballs.mjs <file.tgz> [...]');
  process.exit(2);
}
const reports = [];
for (const tarball of tarballs) {
  const data = await readFile(tarball);
  reports.push({ tarball: basename(tarball), publint: await publintMessages(data), attw: await attwProblems(data) });
}
process.stdout.write(`${JSON.stringify(reports)}\n`);
