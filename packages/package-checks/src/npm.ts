import { run, type CommandOutput } from './run';

/** npm's executable name on this platform. */
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * Settings that `npm test` (or `npm run`) hands its children through the environment and that
 * would tie a nested npm to this repository: its folder, its workspaces, the running script.
 */
const REPOSITORY_BOUND =
  /^(npm_config_(local_prefix|prefix|global|workspaces?|include_workspace_root|dry_run|package_lock_only)|npm_package_.*|npm_lifecycle_.*|npm_command|init_cwd)$/i;

/** The environment for an npm that must act on another folder, as if started from a shell there. */
export function isolatedNpmEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !REPOSITORY_BOUND.test(name)));
}

/** Runs npm in `cwd` with an environment free of this repository's npm settings. */
export function npm(args: readonly string[], cwd: string): Promise<CommandOutput> {
  return run(NPM, args, { cwd, env: isolatedNpmEnv() });
}
