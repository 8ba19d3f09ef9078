import { PROVIDERS } from './providers';
import type { CheckResult, DoctorReport } from './types';

const MARKS = { true: '✓', false: '✗', null: '?' } as const;

/** The report as a table: one row per check (✓, ✗ or ?), each ✗ followed by its fix, then a count. */
export function formatTable(report: DoctorReport): string {
  const width = Math.max(...report.checks.map((check) => check.name.length));
  const indent = ' '.repeat(width + 4);
  const lines = [`passport-nl-doctor: ${PROVIDERS[report.provider].displayName}`, ''];
  for (const check of report.checks) {
    const [first, ...rest] = check.detail.split('\n');
    lines.push(`${MARKS[String(check.ok) as keyof typeof MARKS]} ${check.name.padEnd(width)}  ${first}`);
    for (const line of rest) lines.push(`${indent}${line}`);
    if (check.fix) lines.push(`${indent}fix: ${check.fix}`);
  }
  lines.push('', summary(report.checks));
  return `${lines.join('\n')}\n`;
}

/** The report as the `--json` output. */
export function formatJson(report: DoctorReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Exit code: 0 when no check failed, 1 otherwise. */
export function exitCodeOf(report: DoctorReport): 0 | 1 {
  return report.checks.some((check) => check.ok === false) ? 1 : 0;
}

function summary(checks: readonly CheckResult[]): string {
  const count = (ok: boolean | null) => checks.filter((check) => check.ok === ok).length;
  return `${count(false)} failed, ${count(null)} unknown, ${count(true)} passed`;
}
