import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import { lineEventCounter, lineEvents, type LineStateName } from '../db/schema.ts';
import { prepared } from '../data/prepared.ts';
import type { MemberDatabase } from '../db/database.ts';
import type { LineEvent, NewLineEvent } from './types.ts';

export interface StoreOutcome {
  /** One per input, in order: new, or stored earlier under the same eventId. */
  events: LineEvent[];
  /** The newly stored events, in seq order (what subscribers get). */
  stored: LineEvent[];
}

/** The status a line takes from its events: kept on the line row, in the same transaction. */
interface LineStatusColumns {
  state: LineStateName;
  stateSeq: number;
  stateReasonCode: string | null;
}

/**
 * A new status starts when the state changes, or when the reason changes within it (DOWN
 * for E-STOP, then DOWN for HYDRAULIC); a progress report in the same state keeps `since`.
 */
export function startsNewStatus(current: LineStatusColumns | undefined, event: { state: LineStateName; reasonCode: string | null }): boolean {
  if (!current || current.stateSeq === 0) return true;
  return current.state !== event.state || (event.reasonCode !== null && event.reasonCode !== current.stateReasonCode);
}

/**
 * Stores a batch of validated events with ONE statement: the database function
 * `store_line_events` (migration 0007) locks the counter row first, so event writers on every
 * replica of this database run one after another: duplicates are found, previous states read and
 * seqs handed out under that lock, and the committed seqs are always 1..n with no gap (a failed
 * batch hands its seqs back). NOTIFY is sent inside it, so Postgres delivers it only if the batch
 * commits. The rules are those of `startsNewStatus` above; `events.store.test.ts` checks them.
 *
 * Latency and CPU (issue 20): an event reaches subscribers only after this commits, and on a
 * busy machine every round trip to Postgres costs a scheduling delay on both sides and a system
 * call on each. The batch used to take four round trips (BEGIN; the lock with the reads; the
 * writes; COMMIT) of statements drizzle built anew each time; it is now one prepared call, as
 * autocommit (a member host wraps it in its firm's transaction: `isPlainRead` knows it writes).
 */
export async function storeLineEvents(db: MemberDatabase, inputs: readonly NewLineEvent[], notifyChannel: string): Promise<StoreOutcome> {
  if (inputs.length === 0) return { events: [], stored: [] };
  const batch = JSON.stringify(
    inputs.map((e) => ({
      eventId: e.eventId,
      lineId: e.lineId,
      state: e.state,
      at: e.at.toISOString(),
      reasonCode: e.reasonCode,
      cycleTimeSeconds: e.cycleTimeSeconds,
      goodCount: e.goodCount,
      scrapCount: e.scrapCount,
      receivedAt: e.receivedAt ? e.receivedAt.toISOString() : null,
    })),
  );
  const rows = await preparedStore(db).execute({ batch, channel: notifyChannel });
  const events: LineEvent[] = [];
  const stored: LineEvent[] = [];
  for (const { storedNow, ...event } of rows) {
    events.push(event);
    if (storedNow) stored.push(event);
  }
  if (events.length !== inputs.length) throw new Error(`store_line_events answered ${events.length} events for ${inputs.length}`);
  stored.sort((a, b) => a.seq - b.seq);
  return { events, stored };
}

/** The function's answer, mapped as drizzle maps `line_events` (dates, numbers, enums). */
function preparedStore(db: MemberDatabase) {
  const column = <T>(name: string, mapping: Parameters<SQL['mapWith']>[0]) => sql<T>`${sql.identifier(name)}`.mapWith(mapping) as SQL<T>;
  return prepared(db, 'member_store_line_events', (d) =>
    d
      .select({
        storedNow: column<boolean>('stored_now', Boolean),
        seq: column<number>('seq', lineEvents.seq),
        eventId: column<string>('event_id', String),
        lineId: column<string>('line_id', String),
        state: column<LineStateName>('state', String),
        previousState: column<LineStateName | null>('previous_state', String),
        at: column<Date>('at', lineEvents.at),
        reasonCode: column<string | null>('reason_code', String),
        cycleTimeSeconds: column<number | null>('cycle_time_seconds', Number),
        goodCount: column<number | null>('good_count', Number),
        scrapCount: column<number | null>('scrap_count', Number),
        receivedAt: column<Date>('received_at', lineEvents.receivedAt),
      })
      .from(sql`store_line_events(${sql.placeholder('batch')}::jsonb, ${sql.placeholder('channel')}::text)`)
      .prepare('member_store_line_events'),
  );
}

/** The last seq handed out (0 before any event). */
export async function readLastSeq(db: MemberDatabase): Promise<number> {
  const [row] = await db.select({ lastSeq: lineEventCounter.lastSeq }).from(lineEventCounter).where(eq(lineEventCounter.id, 1));
  return row?.lastSeq ?? 0;
}

export interface EventFilter {
  lineIds?: readonly string[] | null | undefined;
  states?: readonly LineStateName[] | null | undefined;
}

/** Stored events after `afterSeq`, in seq order, optionally narrowed (replay and catch-up). */
export function readEventsAfter(db: MemberDatabase, afterSeq: number, limit: number, filter: EventFilter = {}): Promise<LineEvent[]> {
  const conditions = [gt(lineEvents.seq, afterSeq)];
  if (filter.lineIds) conditions.push(inArray(lineEvents.lineId, [...filter.lineIds]));
  if (filter.states) conditions.push(inArray(lineEvents.state, [...filter.states]));
  return db
    .select()
    .from(lineEvents)
    .where(and(...conditions))
    .orderBy(asc(lineEvents.seq))
    .limit(limit);
}
