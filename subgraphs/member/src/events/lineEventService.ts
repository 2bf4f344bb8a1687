import type { Logger } from '@clustergraph/runtime';
import type { MemberDatabase } from '../db/database.ts';
import { LineStatusCache } from './lineStatus.ts';
import { IngestCounters } from './counters.ts';
import { LineEventHub } from './hub.ts';
import { EventIngestor } from './ingestor.ts';
import { LineDirectory } from './lineDirectory.ts';
import { ReaderScopes } from './readerScopes.ts';
import { LineEventStream, type LineEventStreamOptions } from './stream.ts';
import { readLastSeq, storeLineEvents } from './store.ts';
import type { IngestResult, IngestSource, NewLineEvent } from './types.ts';

/** The NOTIFY channel of a member's line events: `line_events_<memberId>` with `-` as `_` (a plain identifier). */
export function lineEventsChannel(memberId: string): string {
  return `line_events_${memberId.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
}

export interface LineEventServiceOptions {
  memberId: string;
  db: MemberDatabase;
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  logger: Logger;
  batchDelayMs?: number;
  subscriberQueueLimit?: number;
}

/**
 * Live line status of one member: the ingestor every source writes through, the hub that
 * delivers committed events (from this or another replica) in seq order, the in-memory line
 * statuses and lines, and the ingest counters for /health.
 */
export class LineEventService {
  readonly memberId: string;
  readonly channel: string;
  readonly lines: LineDirectory;
  readonly statuses = new LineStatusCache();
  readonly counters = new IngestCounters();
  readonly hub: LineEventHub;
  /** Subscribers grouped by reader scope: one decision, one execution and one serialisation per event for each. */
  readonly scopes = new ReaderScopes();
  private readonly ingestor: EventIngestor;
  private readonly db: MemberDatabase;
  private readonly subscriberQueueLimit: number | undefined;

  constructor(options: LineEventServiceOptions) {
    this.memberId = options.memberId;
    this.db = options.db;
    this.channel = lineEventsChannel(options.memberId);
    this.lines = new LineDirectory(options.db);
    this.subscriberQueueLimit = options.subscriberQueueLimit;
    this.hub = new LineEventHub({
      db: options.db,
      listen: options.listen,
      channel: this.channel,
      logger: options.logger,
      // Assigned below: the ingestor is created after the hub it hands its commits to.
      writing: () => this.ingestor.writing,
    });
    this.hub.subscribe((events) => this.statuses.apply(events));
    this.ingestor = new EventIngestor({
      store: (events) => storeLineEvents(options.db, events, this.channel),
      onCommitted: (stored) => this.hub.offerCommitted(stored),
      logger: options.logger,
      ...(options.batchDelayMs !== undefined ? { maxDelayMs: options.batchDelayMs } : {}),
    });
  }

  async start(): Promise<void> {
    // The hub first: events after its starting seq reach the status cache through it, those before are on the rows loaded next.
    await this.hub.start();
    await this.lines.load();
    this.statuses.load(this.lines.all());
  }

  async stop(): Promise<void> {
    await this.ingestor.stop();
    await this.hub.stop();
  }

  /** Stores validated events (one call or message: all or nothing) and counts them under `source`. */
  async ingest(events: readonly NewLineEvent[], source: IngestSource): Promise<IngestResult> {
    const counters = this.counters.bySource[source];
    try {
      const result = await this.ingestor.submit(events);
      counters.stored += result.accepted;
      counters.duplicates += result.duplicates;
      return result;
    } catch (error) {
      counters.failed += events.length;
      throw error;
    }
  }

  /** A subscriber's stream (see LineEventStream). */
  stream(options: Omit<LineEventStreamOptions, 'hub' | 'db' | 'queueLimit'>): LineEventStream {
    return new LineEventStream({
      ...options,
      hub: this.hub,
      db: this.db,
      ...(this.subscriberQueueLimit !== undefined ? { queueLimit: this.subscriberQueueLimit } : {}),
    });
  }

  lastSeq(): Promise<number> {
    return readLastSeq(this.db);
  }

  /** The `lineEvents` part of /health. */
  health() {
    return {
      lastDeliveredSeq: this.hub.lastDeliveredSeq,
      subscribers: this.hub.listenerCount - 1,
      readerScopes: this.scopes.size,
      catchUpReads: this.hub.stats.catchUpReads,
      sources: this.counters.snapshot(),
    };
  }
}
