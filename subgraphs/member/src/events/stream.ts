import { GraphQLError } from 'graphql';
import { metrics } from '@clustergraph/runtime';
import type { PreparedEvent } from '@clustergraph/runtime';
import type { MemberDatabase } from '../db/database.ts';
import { MemberErrorCode } from '../errors.ts';
import type { LineStateName } from '../db/schema.ts';
import type { LineEventHub } from './hub.ts';
import type { RefusalReason } from '../sovereignty/access.ts';
import type { DeliveryGate } from './lineStatusGate.ts';
import { readEventsAfter } from './store.ts';
import type { LineEvent } from './types.ts';

/** Events a subscriber may have waiting before it is closed as too slow (it can resume from its last seq). */
export const SUBSCRIBER_QUEUE_LIMIT = 10_000;
const REPLAY_PAGE = 500;

export interface LineEventStreamOptions {
  hub: LineEventHub;
  db: MemberDatabase;
  lineIds?: ReadonlySet<string> | undefined;
  states?: ReadonlySet<LineStateName> | undefined;
  /** Replay stored events after this seq first; live only when undefined. */
  resumeAfter?: number | undefined;
  /** The reader's access, decided at start and at policy changes: events go out only while it is open. */
  gate: DeliveryGate;
  /** The response for an event, prepared once for the subscriber's reader scope; without it the raw event is yielded. */
  prepare?: ((event: LineEvent) => Promise<PreparedEvent>) | undefined;
  queueLimit?: number;
}

/** What the stream yields: an event, a notice that the gate closed or opened, or, once, the error that ends it. */
export type StreamItem = LineEvent | PreparedEvent | StreamNotice | StreamFailure;

export class StreamFailure {
  constructor(readonly error: GraphQLError) {}
}

/** The owner withholds the stream from now on (`open: false`), or shares it again (`open: true`). */
export class StreamNotice {
  constructor(
    readonly open: boolean,
    readonly refusal: RefusalReason | null,
  ) {}
}

/**
 * One subscriber's events: subscribed to the hub first (live events wait in a bounded queue),
 * then, with a cursor, the stored events after it are replayed page by page, then the queue is
 * drained skipping every seq already replayed — so nothing is missed between replay and live
 * and nothing is sent twice. A hand-written iterator rather than an async generator, so that
 * `return()` (the client unsubscribed) ends it at once even while it waits for an event.
 */
export class LineEventStream implements AsyncIterableIterator<StreamItem> {
  private readonly live: LineEvent[] = [];
  private readonly unsubscribe: () => void;
  private readonly queueLimit: number;
  private lastSeq: number;
  private replaying: boolean;
  private replayPage: LineEvent[] = [];
  private replayDone = false;
  private failure: StreamFailure | null = null;
  private done = false;
  private waiter: (() => void) | null = null;
  /** What the subscriber was last told: nothing said means the stream is shared. */
  private announcedOpen = true;
  private readonly unwatchGate: () => void;

  constructor(private readonly options: LineEventStreamOptions) {
    this.queueLimit = options.queueLimit ?? SUBSCRIBER_QUEUE_LIMIT;
    this.unwatchGate = options.gate.watch(() => this.wake());
    this.unsubscribe = options.hub.subscribe((events) => this.onLive(events));
    this.replaying = options.resumeAfter !== undefined;
    this.lastSeq = options.resumeAfter ?? options.hub.lastDeliveredSeq;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<StreamItem>> {
    for (;;) {
      if (this.done) return { done: true, value: undefined };
      if (this.failure) {
        const failure = this.failure;
        this.finish();
        return { done: false, value: failure };
      }
      const { gate } = this.options;
      if (gate.open !== this.announcedOpen) {
        this.announcedOpen = gate.open;
        return { done: false, value: new StreamNotice(gate.open, gate.refusal) };
      }
      const event = this.replaying ? await this.nextReplayed() : this.nextLive();
      if (event === undefined) {
        if (!this.replaying) await new Promise<void>((resolve) => (this.waiter = resolve));
        continue;
      }
      if (event.seq <= this.lastSeq) continue;
      this.lastSeq = event.seq;
      // Withheld events are passed over, not kept for later: what the owner did not share when it happened stays unshared.
      if (!gate.open) continue;
      if (this.done) return { done: true, value: undefined };
      gate.delivered(event);
      if (!this.options.prepare) return { done: false, value: event };
      const prepared = await this.options.prepare(event);
      if (this.done) return { done: true, value: undefined };
      return { done: false, value: prepared };
    }
  }

  async return(): Promise<IteratorResult<StreamItem>> {
    this.finish();
    return { done: true, value: undefined };
  }

  async throw(error?: unknown): Promise<IteratorResult<StreamItem>> {
    this.finish();
    throw error;
  }

  private async nextReplayed(): Promise<LineEvent | undefined> {
    if (this.replayPage.length === 0 && !this.replayDone) {
      this.replayPage = await readEventsAfter(this.options.db, this.lastSeq, REPLAY_PAGE, {
        lineIds: this.options.lineIds && [...this.options.lineIds],
        states: this.options.states && [...this.options.states],
      });
      if (this.replayPage.length < REPLAY_PAGE) this.replayDone = true;
    }
    const event = this.replayPage.shift();
    if (event === undefined) this.replaying = false;
    return event;
  }

  private nextLive(): LineEvent | undefined {
    return this.live.shift();
  }

  private onLive(events: readonly LineEvent[]): void {
    if (this.done || this.failure) return;
    for (const event of events) {
      if (this.options.lineIds && !this.options.lineIds.has(event.lineId)) continue;
      if (this.options.states && !this.options.states.has(event.state)) continue;
      this.live.push(event);
    }
    if (this.live.length > this.queueLimit) {
      const resumeAfter = this.lastSeq;
      metrics.slowConsumerCloses.inc();
      this.live.length = 0;
      this.unsubscribe();
      this.failure = new StreamFailure(
        new GraphQLError(`subscriber too slow: more than ${this.queueLimit} events waiting; resubscribe with resumeFrom to continue after seq ${resumeAfter}`, {
          extensions: { code: MemberErrorCode.SUBSCRIBER_TOO_SLOW, resumeAfterSeq: resumeAfter },
        }),
      );
    }
    this.wake();
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.();
  }

  private finish(): void {
    this.done = true;
    this.live.length = 0;
    this.unsubscribe();
    this.unwatchGate();
    this.options.gate.close();
    this.wake();
  }
}
