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
  /** Whether this process is writing a batch now: a NOTIFY heard meanwhile is most likely its own. */
  writing?: () => boolean;
}

/** How long a NOTIFY heard during this process's own write waits for that write to hand its events over. */
const OWN_COMMIT_WAIT_MS = 50;

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
  /** The highest seq a NOTIFY announced that is not delivered yet, while this process's own write may deliver it. */
  private announced = 0;
  private announcedTimer: NodeJS.Timeout | null = null;
  /** Reads of new events from the database (catch-ups), for /health: a process's own commits need none. */
  readonly stats = { catchUpReads: 0 };

  constructor(private readonly options: LineEventHubOptions) {}

  /** Starts after the events already stored: subscribers get those only by asking for a replay. */
  async start(): Promise<void> {
    this.delivered = await readLastSeq(this.options.db);
    this.unlisten = await this.options.listen(this.options.channel, (payload) => this.onNotify(payload));
    this.poll = setInterval(() => this.catchUp(), this.options.pollIntervalMs ?? 2_000);
    this.poll.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.poll) clearInterval(this.poll);
    if (this.announcedTimer) clearTimeout(this.announcedTimer);
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
    const first = events[0];
    if (!first) return;
    if (first.seq === this.delivered + 1) this.deliver(events);
    // Already delivered (its NOTIFY was heard first and read them): nothing to read again.
    else if (events[events.length - 1]!.seq > this.delivered) this.catchUp();
    // A NOTIFY heard during the write announced more than this write brought (another replica's batch).
    if (this.announced > this.delivered) this.catchUp();
  }

  /**
   * A NOTIFY names the seqs one batch committed (`<first>-<last>`, store.ts). The batches this
   * process committed itself were handed over at once (offerCommitted): their NOTIFY needs no
   * read — without this check every event cost each writer one more query. Anything else (another
   * replica's batch, an unexpected payload) is read from the database by seq, as before.
   */
  private onNotify(payload: string): void {
    const match = /^\d+-(\d+)$/.exec(payload);
    const last = match ? Number(match[1]) : null;
    if (last !== null && last <= this.delivered) return;
    // Its COMMIT's answer and its NOTIFY reach this process on two connections, in either order:
    // during a write of its own, give the write a moment to hand its events over first.
    if (last !== null && this.options.writing?.()) {
      this.announced = Math.max(this.announced, last);
      this.announcedTimer ??= setTimeout(() => {
        this.announcedTimer = null;
        if (this.announced > this.delivered) this.catchUp();
      }, OWN_COMMIT_WAIT_MS);
      return;
    }
    this.catchUp();
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
            this.stats.catchUpReads += 1;
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
