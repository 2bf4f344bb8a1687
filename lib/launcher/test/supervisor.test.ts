import { spawn, type ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Supervisor, type SupervisedProcess, type SupervisorEvent } from '../src/supervisor.ts';
import type { ServiceExit } from '../src/serviceProcess.ts';

// The supervisor's policy against real processes: a small Node program that lives for
// `lifeMs` and exits with `code` (or stays up), restarted by the supervisor.

class NodeProgram implements SupervisedProcess {
  private child: ChildProcess | null = null;
  private requested = false;
  private readonly listeners = new Set<(exit: ServiceExit) => void>();
  starts = 0;

  constructor(
    readonly options: { name: string; logFile: string },
    private readonly script: () => string,
  ) {}

  get running() {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }
  get pid() {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    this.starts++;
    this.requested = false;
    const child = spawn(process.execPath, ['-e', this.script()], { stdio: 'ignore' });
    this.child = child;
    child.once('exit', (code, signal) => {
      for (const l of this.listeners) l({ code, signal, requested: this.requested });
    });
    await new Promise((resolve) => child.once('spawn', resolve));
  }

  async stop(): Promise<void> {
    if (!this.child || !this.running) return;
    this.requested = true;
    const exited = new Promise((resolve) => this.child!.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }

  onExit(listener: (exit: ServiceExit) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const until = async (what: () => boolean, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!what()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('Supervisor', () => {
  it('restarts a process that dies, with doubling back-off, and gives up after too many crashes in the window', async () => {
    const events: Array<SupervisorEvent & { at: number }> = [];
    const supervisor = new Supervisor((e) => events.push({ ...e, at: Date.now() }), { initialDelayMs: 100, maxDelayMs: 300, maxCrashes: 4, windowMs: 60_000 });
    const proc = new NodeProgram({ name: 'member crashy', logFile: '/dev/null' }, () => 'setTimeout(() => process.exit(3), 50)');
    await proc.start();
    supervisor.watch(proc);
    await until(() => events.some((e) => e.kind === 'gave-up'));
    const crashes = events.filter((e) => e.kind === 'crashed');
    expect(crashes.map((e) => (e.kind === 'crashed' ? e.restartInMs : 0))).toEqual([100, 200, 300]); // doubled, capped
    expect(crashes.every((e) => e.kind === 'crashed' && e.exit.code === 3 && e.exit.signal === null)).toBe(true);
    expect(events.filter((e) => e.kind === 'restarted')).toHaveLength(3);
    const gaveUp = events.at(-1)!;
    expect(gaveUp).toMatchObject({ kind: 'gave-up', name: 'member crashy', crashesInWindow: 4 });
    expect(proc.starts).toBe(4); // the first start and three restarts, no more
    await new Promise((r) => setTimeout(r, 600));
    expect(proc.starts).toBe(4);
    // The delays were waited: restart i came at least restartInMs after crash i.
    for (const [i, crash] of crashes.entries()) {
      const restart = events.filter((e) => e.kind === 'restarted')[i]!;
      expect(restart.at - crash.at).toBeGreaterThanOrEqual(crash.kind === 'crashed' ? crash.restartInMs - 5 : 0);
    }
  });

  it('reports a kill with its signal and brings the process back', async () => {
    const events: SupervisorEvent[] = [];
    const supervisor = new Supervisor((e) => events.push(e), { initialDelayMs: 50 });
    const proc = new NodeProgram({ name: 'member steady', logFile: '/dev/null' }, () => 'setInterval(() => {}, 1000)');
    await proc.start();
    supervisor.watch(proc);
    const firstPid = proc.pid!;
    process.kill(firstPid, 'SIGKILL');
    await until(() => events.some((e) => e.kind === 'restarted'));
    expect(events[0]).toMatchObject({ kind: 'crashed', exit: { code: null, signal: 'SIGKILL', requested: false }, restartInMs: 50 });
    expect(proc.running).toBe(true);
    expect(proc.pid).not.toBe(firstPid);
    supervisor.stop();
    await proc.stop();
  });

  it('restarts nothing once stopping, and never a requested stop', async () => {
    const events: SupervisorEvent[] = [];
    const supervisor = new Supervisor((e) => events.push(e), { initialDelayMs: 50 });
    const stopped = new NodeProgram({ name: 'member stopped', logFile: '/dev/null' }, () => 'setInterval(() => {}, 1000)');
    const dying = new NodeProgram({ name: 'member dying', logFile: '/dev/null' }, () => 'setInterval(() => {}, 1000)');
    await stopped.start();
    await dying.start();
    supervisor.watch(stopped);
    supervisor.watch(dying);
    await stopped.stop(); // a requested stop
    // A crash, then Ctrl-C before its restart is due: the pending restart is cancelled.
    process.kill(dying.pid!, 'SIGKILL');
    await until(() => events.some((e) => e.kind === 'crashed'));
    supervisor.stop();
    await new Promise((r) => setTimeout(r, 300));
    expect(events.map((e) => `${e.kind} ${e.name}`)).toEqual(['crashed member dying']);
    expect(stopped.starts).toBe(1);
    expect(dying.starts).toBe(1);
  });
});
