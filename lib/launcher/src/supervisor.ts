// Restarts service processes that die on their own, as a process supervisor would (systemd's
// Restart=on-failure with StartLimitBurst, or a Kubernetes pod's CrashLoopBackOff): back-off
// doubling from 1 s up to a cap, and giving up after too many crashes in a window, so a
// service that cannot start does not spin the CPU. A requested stop is never restarted, and
// once the supervisor is stopping nothing is restarted at all (Ctrl-C stops the demo).
import type { ServiceExit } from './serviceProcess.ts';

/** What the supervisor needs of a process (ServiceProcess is one). */
export interface SupervisedProcess {
  readonly options: { name: string; logFile: string };
  readonly running: boolean;
  readonly pid: number | undefined;
  start(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
  onExit(listener: (exit: ServiceExit) => void): () => void;
}

export interface SupervisorOptions {
  /** First restart delay; doubled after each crash that follows quickly (default 1000 ms). */
  initialDelayMs?: number;
  /** Longest restart delay (default 30 000 ms). */
  maxDelayMs?: number;
  /** Give up after this many crashes within `windowMs` (default 5). */
  maxCrashes?: number;
  windowMs?: number;
  /** A process up this long since its last start counts as stable: the back-off starts again at `initialDelayMs` (default 60 000 ms). */
  stableAfterMs?: number;
  /** How long a restarted process may take to become healthy (default 90 000 ms). */
  startTimeoutMs?: number;
}

export type SupervisorEvent =
  | { kind: 'crashed'; name: string; exit: ServiceExit; restartInMs: number; crashesInWindow: number; maxCrashes: number; windowMs: number }
  | { kind: 'restarted'; name: string; pid: number | undefined; attempt: number }
  | { kind: 'restart-failed'; name: string; error: string }
  | { kind: 'gave-up'; name: string; exit: ServiceExit; crashesInWindow: number; windowMs: number; logFile: string };

interface Watched {
  proc: SupervisedProcess;
  crashes: number[];
  delayMs: number;
  startedAt: number;
  timer: NodeJS.Timeout | null;
  unsubscribe: () => void;
}

/** How an exit reads on a terminal: `exit code 1` or `signal SIGKILL`. */
export function describeExit(exit: ServiceExit): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

export class Supervisor {
  private readonly watched = new Map<string, Watched>();
  private stopping = false;
  private readonly options: Required<SupervisorOptions>;

  constructor(
    private readonly report: (event: SupervisorEvent) => void,
    options: SupervisorOptions = {},
  ) {
    this.options = {
      initialDelayMs: options.initialDelayMs ?? 1000,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      maxCrashes: options.maxCrashes ?? 5,
      windowMs: options.windowMs ?? 5 * 60_000,
      stableAfterMs: options.stableAfterMs ?? 60_000,
      startTimeoutMs: options.startTimeoutMs ?? 90_000,
    };
  }

  /** Watches a running process: an exit it did not ask for is reported and restarted. */
  watch(proc: SupervisedProcess): void {
    const name = proc.options.name;
    if (this.watched.has(name)) return;
    const entry: Watched = { proc, crashes: [], delayMs: this.options.initialDelayMs, startedAt: Date.now(), timer: null, unsubscribe: () => {} };
    entry.unsubscribe = proc.onExit((exit) => this.onExit(entry, exit));
    this.watched.set(name, entry);
  }

  private onExit(entry: Watched, exit: ServiceExit): void {
    if (exit.requested || this.stopping) return;
    const name = entry.proc.options.name;
    const now = Date.now();
    if (now - entry.startedAt >= this.options.stableAfterMs) entry.delayMs = this.options.initialDelayMs;
    entry.crashes = [...entry.crashes.filter((at) => now - at < this.options.windowMs), now];
    if (entry.crashes.length >= this.options.maxCrashes) {
      this.report({ kind: 'gave-up', name, exit, crashesInWindow: entry.crashes.length, windowMs: this.options.windowMs, logFile: entry.proc.options.logFile });
      return;
    }
    const delay = entry.delayMs;
    entry.delayMs = Math.min(entry.delayMs * 2, this.options.maxDelayMs);
    this.report({
      kind: 'crashed',
      name,
      exit,
      restartInMs: delay,
      crashesInWindow: entry.crashes.length,
      maxCrashes: this.options.maxCrashes,
      windowMs: this.options.windowMs,
    });
    entry.timer = setTimeout(() => void this.restart(entry), delay);
  }

  private async restart(entry: Watched): Promise<void> {
    entry.timer = null;
    if (this.stopping) return;
    const name = entry.proc.options.name;
    entry.startedAt = Date.now();
    try {
      await entry.proc.start(this.options.startTimeoutMs);
      // Ctrl-C while it was starting: stop() has run already and did not see this process.
      if (this.stopping) return void (await entry.proc.stop());
      this.report({ kind: 'restarted', name, pid: entry.proc.pid, attempt: entry.crashes.length });
    } catch (error) {
      if (this.stopping) return;
      this.report({ kind: 'restart-failed', name, error: (error as Error).message });
      // It exited during start-up: its exit listener has counted that crash and scheduled the
      // next try. Still running but never healthy: stop it (a requested exit) and count it here.
      if (entry.proc.running) {
        await entry.proc.stop();
        if (!this.stopping) this.onExit(entry, { code: null, signal: null, requested: false });
      }
    }
  }

  /** No more restarts: pending ones are cancelled (call before stopping the processes). */
  stop(): void {
    this.stopping = true;
    for (const entry of this.watched.values()) {
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = null;
      entry.unsubscribe();
    }
  }
}
