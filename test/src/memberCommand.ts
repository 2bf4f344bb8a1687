import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CommandOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `pnpm member:<command>` (import, export, erase) as a firm's IT runs it on a member's server:
 * the same code path as the package.json script, with only PATH and `env` in its environment.
 */
export async function memberCommand(args: string[], env: Record<string, string>): Promise<CommandOutcome> {
  const tsx = createRequire(join(ROOT, 'subgraphs/member/package.json')).resolve('tsx');
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, ['--import', tsx, 'subgraphs/member/src/portability/cli.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'warn', ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
