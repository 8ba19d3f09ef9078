import { exitCodeOf, formatJson, formatTable } from './format';
import { runDoctor } from './run-doctor';
import { readCommand, USAGE, UsageError } from './settings';

/** Where the command writes. */
export interface DoctorOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * The whole command: reads `argv` (without `node` and the script) and `env`, runs the
 * checks and writes the table (or `--json`) to `stdout`. Resolves with the exit code: 0 when
 * no check failed, 1 when one did or the command line cannot be run (the reason on `stderr`).
 */
export async function main(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  output: DoctorOutput,
): Promise<0 | 1> {
  let command: ReturnType<typeof readCommand>;
  try {
    command = readCommand(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.stderr(`passport-nl-doctor: ${error.message}\n\n${USAGE}\n`);
    return 1;
  }
  if (command === 'help') {
    output.stdout(`${USAGE}\n`);
    return 0;
  }
  const report = await runDoctor(command.settings);
  output.stdout(command.json ? formatJson(report) : formatTable(report));
  return exitCodeOf(report);
}
