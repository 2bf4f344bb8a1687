// The demo (`pnpm start`'s demo/src/main.ts) as a child process on a data folder of the test's
// own, for end-to-end tests that run what a user runs.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '@clustergraph/launcher';

const demoDir = fileURLToPath(new URL('../../../demo', import.meta.url));

export interface DemoProcess {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  exited: Promise<number | null>;
}

const running: ChildProcessWithoutNullStreams[] = [];

/**
 * A free port for a demo's PORT or CLUSTER_PORT, below Linux's ephemeral range (32768 up): a demo
 * binds it only after its members are up, many seconds later, and a port the OS hands out for
 * `listen(0)` or an outgoing connection (other tests run meanwhile) could be taken by then.
 */
export async function demoPort(): Promise<number> {
  return freePort();
}

export function startDemo(env: Record<string, string>, args: string[] = []): DemoProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: demoDir,
    env: { ...process.env, MEMBER_BASE_PORT: '0', MEMBER_HOST_PORT: '0', ...env },
  });
  running.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Until `pattern` appears in the demo's output; fails at once with its output if it exits. */
export async function untilOutput(demo: DemoProcess, pattern: RegExp, timeoutMs: number, what = String(pattern)): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(demo.output())) {
    if (demo.child.exitCode !== null) throw new Error(`the demo exited with ${demo.child.exitCode} before ${what}:\n${demo.output()}`);
    if (Date.now() > deadline) throw new Error(`no ${what} after ${timeoutMs / 1000} s:\n${demo.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Until the demo has printed its whole banner (the URLs and the Try: commands included). */
export const untilUp = (demo: DemoProcess, timeoutMs = 420_000) => untilOutput(demo, /is up in [\d.]+ s[\s\S]*Ctrl-C stops everything/, timeoutMs, 'banner');

/**
 * Stops every demo still running: Ctrl-C first, so it stops the services it started (SIGKILL
 * would orphan them), and SIGKILL only if it does not exit.
 */
export async function stopDemos(): Promise<void> {
  for (const child of running.filter((c) => c.exitCode === null && c.signalCode === null)) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }
}

export async function demoToken(origin: string, user: string): Promise<string> {
  const res = await fetch(`${origin}/auth/demo-token?user=${encodeURIComponent(user)}`);
  const body = (await res.json()) as { token?: string; error?: string };
  if (!body.token) throw new Error(`no demo token for ${user}: ${body.error}`);
  return body.token;
}
