import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the CLI is, for the end-to-end tests that run it as users do. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const cliSource = join(repoRoot, 'clients', 'cli', 'src', 'main.ts');
export const cliBinary = join(repoRoot, 'clients', 'cli', 'dist', 'clustergraph.mjs');

/** One run of the CLI: its exit code and what it printed. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `command argv` from the repository root with exactly `env`, never throwing: a failure is a non-zero code. */
export function runCommand(command: string, argv: readonly string[], env: NodeJS.ProcessEnv, timeout = 30_000): Promise<CliRun> {
  return new Promise<CliRun>((done) => {
    execFile(command, argv, { cwd: repoRoot, env, timeout }, (error, stdout, stderr) =>
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The node arguments that run the CLI: its TypeScript source through tsx, or the bundle. */
export function cliArgv(args: readonly string[], binary = false): string[] {
  return binary ? [cliBinary, ...args] : ['--import', 'tsx', cliSource, ...args];
}
