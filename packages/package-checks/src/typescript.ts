import { runNode, type CommandOutput } from './run';
import { TSC } from './paths';

/** Type-checks (and emits, unless the config says `noEmit`) a project with the repository's TypeScript. */
export function compileTypeScript(projectDir: string, tsconfig = 'tsconfig.json'): Promise<CommandOutput> {
  return runNode([TSC, '-p', tsconfig], { cwd: projectDir });
}
