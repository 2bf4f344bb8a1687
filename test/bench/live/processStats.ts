import { readFileSync } from 'node:fs';

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces), 1-based: utime is 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

export function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Samples RSS every second and CPU over a window, for a set of processes. */
export class ProcessSampler {
  private readonly timer: NodeJS.Timeout;
  private readonly startCpu: number;
  private readonly startAt = process.hrtime.bigint();
  maxRssMb = 0;
  lastRssMb = 0;

  constructor(private readonly pids: number[]) {
    this.startCpu = this.cpu();
    this.sample();
    this.timer = setInterval(() => this.sample(), 1000);
  }

  private cpu(): number {
    return this.pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  }

  private sample(): void {
    this.lastRssMb = this.pids.reduce((sum, pid) => sum + rssMegabytes(pid), 0);
    this.maxRssMb = Math.max(this.maxRssMb, this.lastRssMb);
  }

  /** Stops sampling; CPU as a share of one core over the window. */
  stop(): { cpuPercent: number; cpuSeconds: number; maxRssMb: number; lastRssMb: number } {
    clearInterval(this.timer);
    this.sample();
    const seconds = Number(process.hrtime.bigint() - this.startAt) / 1e9;
    const used = this.cpu() - this.startCpu;
    return { cpuPercent: (100 * used) / seconds, cpuSeconds: used, maxRssMb: this.maxRssMb, lastRssMb: this.lastRssMb };
  }
}

/** Busy share of the whole machine (every core, every process, other users' included) over a window, from /proc/stat. */
export class MachineSampler {
  private readonly start = MachineSampler.read();

  private static read(): { busy: number; total: number } {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    const total = fields.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  }

  /** Busy percent of all cores, and the 1-minute load average at the end. */
  stop(): { busyPercent: number; loadAverage: number } {
    const end = MachineSampler.read();
    const loadAverage = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
    return { busyPercent: (100 * (end.busy - this.start.busy)) / Math.max(1, end.total - this.start.total), loadAverage };
  }
}
