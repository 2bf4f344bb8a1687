import type { Logger } from '@clustergraph/runtime';
import type { StoreOutcome } from './store.ts';
import type { IngestResult, LineEvent, NewLineEvent } from './types.ts';

export interface EventIngestorOptions {
  /** Writes one batch in one transaction. */
  store(events: readonly NewLineEvent[]): Promise<StoreOutcome>;
  /** Called after each commit with the newly stored events, in seq order. */
  onCommitted(stored: readonly LineEvent[]): void;
  logger: Logger;
  /**
   * How long the first event of a batch waits for company (default 0: the next turn of the
   * event loop). Batches still form under load: whatever arrives while a batch is being
   * written goes into the next one, so an event never waits longer than one transaction.
   */
  maxDelayMs?: number;
  /** A batch is written at once when it holds this many events (default 500). */
  maxBatch?: number;
}

interface Submission {
  events: readonly NewLineEvent[];
  resolve(result: IngestResult): void;
  reject(error: unknown): void;
}

/**
 * Buffers validated events from every source (MQTT, the mutation, the simulator) for a few
 * milliseconds and writes each buffer in one transaction. A submission (one mutation call,
 * one MQTT message) is never split across batches, so it is stored whole or not at all; if a
 * batch of several submissions fails, each is retried alone so one cannot sink the others.
 */
export class EventIngestor {
  private pending: Submission[] = [];
  private pendingEvents = 0;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private stopped = false;
  private readonly maxDelayMs: number;
  private readonly maxBatch: number;

  constructor(private readonly options: EventIngestorOptions) {
    this.maxDelayMs = options.maxDelayMs ?? 0;
    this.maxBatch = options.maxBatch ?? 500;
  }

  /** True while a batch is being written (its commit, and so its NOTIFY, may be under way). */
  get writing(): boolean {
    return this.flushing !== null;
  }

  submit(events: readonly NewLineEvent[]): Promise<IngestResult> {
    if (this.stopped) return Promise.reject(new Error('the event ingestor is stopped'));
    if (events.length === 0) return Promise.resolve({ events: [], accepted: 0, duplicates: 0 });
    return new Promise<IngestResult>((resolve, reject) => {
      this.pending.push({ events, resolve, reject });
      this.pendingEvents += events.length;
      if (this.pendingEvents >= this.maxBatch) this.kick(0);
      else this.kick(this.maxDelayMs);
    });
  }

  /** Writes what is buffered and stops accepting. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.flushing || this.pending.length > 0) {
      if (!this.flushing) this.flushing = this.flushLoop();
      await this.flushing;
    }
  }

  private kick(delayMs: number): void {
    if (this.flushing) return; // the running loop picks the new submissions up
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flushing = this.flushLoop();
    }, delayMs);
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.pending.length > 0) await this.writeBatch(this.takeBatch());
    } finally {
      this.flushing = null;
    }
  }

  private takeBatch(): Submission[] {
    const batch: Submission[] = [];
    let size = 0;
    while (this.pending.length > 0) {
      const next = this.pending[0]!;
      if (batch.length > 0 && size + next.events.length > this.maxBatch) break;
      batch.push(this.pending.shift()!);
      size += next.events.length;
    }
    this.pendingEvents -= size;
    return batch;
  }

  private async writeBatch(batch: Submission[]): Promise<void> {
    try {
      const outcome = await this.options.store(batch.flatMap((s) => s.events));
      this.settle(batch, outcome);
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      this.options.logger.warn({ err: error, submissions: batch.length }, 'line event batch failed; retrying each submission alone');
      for (const submission of batch) {
        try {
          this.settle([submission], await this.options.store(submission.events));
        } catch (alone) {
          submission.reject(alone);
        }
      }
    }
  }

  private settle(batch: Submission[], outcome: StoreOutcome): void {
    if (outcome.stored.length > 0) {
      try {
        this.options.onCommitted(outcome.stored);
      } catch (error) {
        this.options.logger.error({ err: error }, 'delivering committed line events failed');
      }
    }
    const fresh = new Set(outcome.stored.map((e) => e.seq));
    let offset = 0;
    for (const submission of batch) {
      const events = outcome.events.slice(offset, offset + submission.events.length);
      offset += submission.events.length;
      // An event stored by this very batch counts as accepted once; a second copy later in the batch is a duplicate.
      let accepted = 0;
      for (const event of events) {
        if (fresh.delete(event.seq)) accepted += 1;
      }
      submission.resolve({ events, accepted, duplicates: events.length - accepted });
    }
  }
}
