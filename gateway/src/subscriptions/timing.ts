import { PerformanceObserver, monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

const SAMPLES = 20_000;

/** A bounded reservoir of millisecond samples (the latest SAMPLES), summarised as p50/p99/max. */
export class Samples {
  private readonly values = new Float64Array(SAMPLES);
  private count = 0;
  max = 0;

  reset(): void {
    this.count = 0;
    this.max = 0;
  }

  add(ms: number): void {
    this.values[this.count % SAMPLES] = ms;
    this.count++;
    if (ms > this.max) this.max = ms;
  }

  summary(): { n: number; p50: number; p99: number; max: number } {
    const kept = this.values.slice(0, Math.min(this.count, SAMPLES)).sort();
    const at = (p: number) => (kept.length ? round(kept[Math.min(kept.length - 1, Math.floor(p * kept.length))]!) : 0);
    return { n: this.count, p50: at(0.5), p99: at(0.99), max: round(this.max) };
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * Where an event's time goes inside the gateway, for /debug/subscriptions and the live
 * benchmark: from the member's commit stamp (the event's `at`, when selected) to the
 * upstream's receipt, the per-event plan, from receipt to the last socket write of a group,
 * and the gateway's event-loop delay.
 */
export class SubscriptionTiming {
  /** Member commit (`at`) → the upstream frame parsed here: member + network + this loop's lag. */
  readonly arrival = new Samples();
  /** The rest of the plan for one event and group. */
  readonly resolve = new Samples();
  /** Upstream receipt → the group's payload written to every subscriber socket. */
  readonly inGateway = new Samples();
  /** The synchronous fan-out of one payload to one group's sockets. */
  readonly fanOut = new Samples();
  /** Garbage-collection pauses of this process. */
  readonly gc = new Samples();
  private readonly loop: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  private readonly gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) this.gc.add(entry.duration);
  });

  constructor() {
    this.loop.enable();
    this.gcObserver.observe({ entryTypes: ['gc'] });
  }

  summary() {
    const ms = (ns: number) => round(ns / 1e6);
    return {
      arrivalMs: this.arrival.summary(),
      resolveMs: this.resolve.summary(),
      inGatewayMs: this.inGateway.summary(),
      fanOutMs: this.fanOut.summary(),
      gcPauseMs: this.gc.summary(),
      eventLoopDelayMs: { p50: ms(this.loop.percentile(50)), p99: ms(this.loop.percentile(99)), max: ms(this.loop.max) },
    };
  }

  reset(): void {
    for (const samples of [this.arrival, this.resolve, this.inGateway, this.fanOut, this.gc]) samples.reset();
    this.loop.reset();
  }

  close(): void {
    this.loop.disable();
    this.gcObserver.disconnect();
  }
}
