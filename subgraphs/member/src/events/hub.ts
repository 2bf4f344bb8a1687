import type { Logger } from '@clustergraph/runtime';
import type { MemberDatabase } from '../db/database.ts';
import { readEventsAfter, readLastSeq } from './store.ts';
import type { LineEvent } from './types.ts';

export type LineEventListener = (events: readonly LineEvent[]) => void;

export interface LineEventHubOptions {
  db: MemberDatabase;
  /** LISTEN on a channel (DatabaseHandle.listen); returns the unlisten function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  channel: string;
  logger: Logger;
  /** Safety net for a NOTIFY lost while the LISTEN connection was reconnecting (default 2 s). */
  pollIntervalMs?: number;
}

const PAGE = 500;

/**
 * Delivers every committed event of this member to local listeners exactly once, in seq
 * order, whichever replica stored it. Events this process committed are handed over at once;
 * events from other replicas (announced by NOTIFY `line_events_<memberId>`) are read from
 * the database by seq. Either way only the next seq is ever delivered, so the two paths
 * cannot reorder or repeat an event.
 */
export class LineEventHub {
  private readonly listeners = new Set<LineEventListener>();
  private delivered = 0;
  private catchingUp: Promise<void> | null = null;
  private catchUpAgain = false;
  private unlisten: (() => Promise<void>) | null = null;
  private poll: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly options: LineEventHubOptions) {}

  /** Starts after the events already stored: subscribers get those only by asking for a replay. */
  async start(): Promise<void> {
    this.delivered = await readLastSeq(this.options.db);
    this.unlisten = await this.options.listen(this.options.channel, () => this.catchUp());
    this.poll = setInterval(() => this.catchUp(), this.options.pollIntervalMs ?? 2_000);
    this.poll.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.poll) clearInterval(this.poll);
    await this.unlisten?.().catch(() => {});
    await this.catchingUp;
    this.listeners.clear();
  }

  /** The seq of the last event handed to listeners. */
  get lastDeliveredSeq(): number {
    return this.delivered;
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  subscribe(listener: LineEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events this process just committed (seq order). */
  offerCommitted(events: readonly LineEvent[]): void {
    if (events[0] && events[0].seq === this.delivered + 1) this.deliver(events);
    else this.catchUp();
  }

  /** Reads and delivers whatever was committed after the last delivered seq. */
  catchUp(): void {
    if (this.stopped) return;
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return;
    }
    this.catchingUp = (async () => {
      try {
        do {
          this.catchUpAgain = false;
          for (;;) {
            const rows = await readEventsAfter(this.options.db, this.delivered, PAGE);
            this.deliver(rows);
            if (rows.length < PAGE || this.stopped) break;
          }
        } while (this.catchUpAgain && !this.stopped);
      } catch (error) {
        if (!this.stopped) this.options.logger.warn({ err: error }, 'reading new line events failed; retrying on the next notification');
      } finally {
        this.catchingUp = null;
      }
    })();
  }

  /** Delivers the contiguous run that starts right after the last delivered seq. */
  private deliver(events: readonly LineEvent[]): void {
    let start = 0;
    while (start < events.length && events[start]!.seq <= this.delivered) start += 1;
    let end = start;
    while (end < events.length && events[end]!.seq === this.delivered + 1 + (end - start)) end += 1;
    if (end === start) return;
    const run = start === 0 && end === events.length ? events : events.slice(start, end);
    this.delivered = run[run.length - 1]!.seq;
    for (const listener of this.listeners) {
      try {
        listener(run);
      } catch (error) {
        this.options.logger.error({ err: error }, 'line event listener failed');
      }
    }
    if (end < events.length) this.catchUp();
  }
}
