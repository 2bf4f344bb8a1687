import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { cpuSeconds } from '../live/processStats.ts';

export interface LoadOptions {
  url: string;
  /** The JSON body posted by every request. */
  body: unknown;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  /** Processes whose CPU is read from /proc before and after the run, by name. */
  processes: Record<string, number | undefined>;
  /** True when an answer is what the query should return (checked on every answer). */
  verify(body: string): boolean;
}

export interface LoadResult {
  requests: number;
  /** Requests sent: those still unanswered at the end cost CPU too, so CPU per answer reads high when answers are few. */
  sent: number;
  requestsPerSecond: number;
  /** Answers that were not 2xx, failed or did not pass `verify`. */
  bad: number;
  /** The first answer that did not pass `verify` (cut to 400 characters), to say why. */
  firstBad: string | null;
  latency: { p50: number; p95: number; p99: number };
  /** CPU milliseconds per completed request, by process name. */
  cpuMsPerRequest: Record<string, number>;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/**
 * `connections` clients posting the same query back to back for `seconds` (autocannon), each
 * answer checked; latencies kept per answer (autocannon's histogram has no p95), and the CPU
 * the named processes used over the run divided by the answers.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const pids = Object.entries(options.processes).filter((e): e is [string, number] => e[1] !== undefined);
  const cpuBefore = new Map(pids.map(([name, pid]) => [name, cpuSeconds(pid)]));
  const latencies: number[] = [];
  let firstBad: string | null = null;
  // Without a callback autocannon returns the running instance, which is also a promise of the result.
  const instance = autocannon({
    url: options.url,
    method: 'POST',
    connections: options.connections,
    duration: options.seconds,
    headers: { 'content-type': 'application/json', ...options.headers },
    body: JSON.stringify(options.body),
    verifyBody: (body) => {
      const text = String(body ?? '');
      if (options.verify(text)) return true;
      firstBad ??= text.slice(0, 400);
      return false;
    },
  }) as unknown as autocannon.Instance & Promise<autocannon.Result>;
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  const result = await instance;
  const cpuAfter = new Map(pids.map(([name, pid]) => [name, cpuSeconds(pid)]));
  // Every answer, good or bad, cost the services their work.
  const requests = latencies.length;
  latencies.sort((a, b) => a - b);
  const cpuMsPerRequest: Record<string, number> = {};
  for (const [name] of pids) cpuMsPerRequest[name] = (1000 * (cpuAfter.get(name)! - cpuBefore.get(name)!)) / Math.max(1, requests);
  const bad = result.non2xx + result.errors + (result.mismatches ?? 0);
  return {
    requests,
    sent: result.requests.sent,
    requestsPerSecond: Math.max(0, requests - bad) / options.seconds,
    bad,
    firstBad,
    latency: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) },
    cpuMsPerRequest,
  };
}

/** The load averages (1, 5, 15 min), printed beside every figure: the machine is shared. */
export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}
