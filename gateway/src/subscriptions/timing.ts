import { PerformanceObserver, createHistogram, monitorEventLoopDelay, type IntervalHistogram, type RecordableHistogram } from 'node:perf_hooks';

/** Millisecond samples in Node's HDR histogram (recorded in µs), summarised as p50/p99/max. */
export class Samples {
  private readonly histogram: RecordableHistogram = createHistogram();

  reset(): void {
    this.histogram.reset();
  }

  add(ms: number): void {
    this.histogram.record(Math.max(1, Math.round(ms * 1000)));
  }

  summary(): { n: number; p50: number; p99: number; max: number } {
    const h = this.histogram;
    const ms = (us: number) => (h.count ? round(us / 1000) : 0);
    return { n: h.count, p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max) };
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
