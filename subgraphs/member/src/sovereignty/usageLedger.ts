import { metrics, type Logger } from '@clustergraph/runtime';
import { dataUsage, type DataUsageRow } from '../db/sovereignty.ts';
import type { MemberDatabase } from '../db/database.ts';

export type UsageEntry = Omit<DataUsageRow, 'id'>;

export interface UsageLedgerOptions {
  /** Flush at least this often while entries wait (default 500 ms). */
  flushIntervalMs?: number;
  /** Flush at once when this many entries wait (default 200). */
  maxBuffered?: number;
}

/**
 * The owner's data-usage ledger, written in batches. Reads are recorded into a buffer
 * (entries with the same merge key — one request, one category, one decision — are
 * summed into one row) and written every `flushIntervalMs` or when `maxBuffered` wait.
 * stop() writes whatever is left, so a clean shutdown loses nothing; a failed write keeps
 * its entries for the next attempt.
 */
export class UsageLedger {
  private buffer = new Map<string, UsageEntry>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly flushIntervalMs: number;
  private readonly maxBuffered: number;

  constructor(
    private readonly db: MemberDatabase,
    private readonly logger: Logger,
    options: UsageLedgerOptions = {},
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? 500;
    this.maxBuffered = options.maxBuffered ?? 200;
  }

  get pending(): number {
    return this.buffer.size;
  }

  record(entry: UsageEntry, mergeKey?: string): void {
    metrics.ledgerRecords.inc({ category: entry.category, decision: entry.allowed ? 'allowed' : 'refused' });
    const key = mergeKey ?? `${this.buffer.size}:${Math.random()}`;
    const existing = this.buffer.get(key);
    if (existing) existing.records += entry.records;
    else this.buffer.set(key, { ...entry });
    if (this.stopped) {
      // A read answered while stopping (drain) is still written.
      void this.flush();
      return;
    }
    if (this.buffer.size >= this.maxBuffered) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushIntervalMs);
  }

  /** Writes everything buffered so far; resolves once it is in the database. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writeBuffered());
    return this.flushing;
  }

  /** Flushes and stops the timer: call before closing the database. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.flush();
    if (this.buffer.size > 0) {
      this.logger.error({ lost: this.buffer.size }, 'usage ledger: entries could not be written at shutdown');
    }
  }

  private async writeBuffered(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.buffer.size === 0) return;
    const batch = this.buffer;
    this.buffer = new Map();
    try {
      await this.db.insert(dataUsage).values([...batch.values()]);
      metrics.ledgerWrites.inc({ outcome: 'ok' }, batch.size);
    } catch (error) {
      metrics.ledgerWrites.inc({ outcome: 'failed' }, batch.size);
      this.logger.error({ err: error, entries: batch.size }, 'usage ledger: write failed; will retry');
      // Keep the entries (merged with any that arrived meanwhile) for the next flush.
      for (const [key, entry] of batch) {
        const newer = this.buffer.get(key);
        if (newer) newer.records += entry.records;
        this.buffer.set(key, newer ?? entry);
      }
      if (!this.stopped) this.timer ??= setTimeout(() => void this.flush(), this.flushIntervalMs * 4);
    }
  }
}
