import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { lineEventCounter, lineEvents, lines, type LineStateName } from '../db/schema.ts';
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
 * Stores a batch of validated events in one transaction. The first statement locks the
 * counter row, so event writers on every replica of this database run one after another:
 * duplicates are found, previous states read and seqs handed out under that lock, and the
 * committed seqs are always 1..n with no gap (a rolled-back batch hands its seqs back).
 * NOTIFY is sent inside the transaction, so Postgres delivers it only if the batch commits.
 *
 * Latency: an event reaches subscribers only after this commits, and on a busy machine every
 * round trip to Postgres costs a scheduling delay on both sides. So the statements that do not
 * depend on each other are pipelined (sent together, answered in order, one round trip): the
 * lock with the reads, then every write. Begin, lock and reads, writes, commit: four round trips
 * whatever the number of lines, where one statement per line and per status change took ten
 * or more for a single event.
 */
export async function storeLineEvents(db: MemberDatabase, inputs: readonly NewLineEvent[], notifyChannel: string): Promise<StoreOutcome> {
  if (inputs.length === 0) return { events: [], stored: [] };
  return db.transaction(async (tx) => {
    // The lock and the reads go out together (one round trip): Postgres runs them in order on
    // this connection, and under READ COMMITTED each read takes its snapshot when it starts,
    // that is after the lock is held, so it sees every batch committed before ours.
    const eventIds = [...new Set(inputs.map((e) => e.eventId))];
    const lineIds = [...new Set(inputs.map((e) => e.lineId))];
    const [[counter], earlier, statusRows, ...lastStates] = await Promise.all([
      tx
        .insert(lineEventCounter)
        .values({ id: 1, lastSeq: 0 })
        .onConflictDoUpdate({ target: lineEventCounter.id, set: { lastSeq: sql`${lineEventCounter.lastSeq}` } })
        .returning({ lastSeq: lineEventCounter.lastSeq }),
      tx.select().from(lineEvents).where(inArray(lineEvents.eventId, eventIds)),
      tx
        .select({ id: lines.id, state: lines.state, stateSeq: lines.stateSeq, stateReasonCode: lines.stateReasonCode })
        .from(lines)
        .where(inArray(lines.id, lineIds)),
      ...lineIds.map((lineId) =>
        tx.select({ state: lineEvents.state }).from(lineEvents).where(eq(lineEvents.lineId, lineId)).orderBy(desc(lineEvents.seq)).limit(1),
      ),
    ]);
    let seq = counter!.lastSeq;
    const byEventId = new Map(earlier.map((row) => [row.eventId, row]));
    const status = new Map<string, LineStatusColumns>(statusRows.map((r) => [r.id, r]));
    const previous = new Map<string, LineStateName>();
    lineIds.forEach((lineId, i) => {
      const last = lastStates[i]?.[0];
      if (last) previous.set(lineId, last.state);
    });

    const fresh: Array<typeof lineEvents.$inferInsert> = [];
    const freshIds = new Set<string>();
    const changedLines = new Map<string, { state: LineStateName; stateSince: Date; stateSeq: number; stateReasonCode: string | null }>();
    for (const input of inputs) {
      if (byEventId.has(input.eventId) || freshIds.has(input.eventId)) continue;
      freshIds.add(input.eventId);
      seq += 1;
      fresh.push({ ...input, seq, previousState: previous.get(input.lineId) ?? null });
      previous.set(input.lineId, input.state);
      const current = changedLines.get(input.lineId) ?? status.get(input.lineId);
      if (startsNewStatus(current, input)) {
        changedLines.set(input.lineId, { state: input.state, stateSince: input.at, stateSeq: seq, stateReasonCode: input.reasonCode });
      }
    }
    if (fresh.length === 0) return { events: inputs.map((e) => byEventId.get(e.eventId)!), stored: [] };

    const firstSeq = seq - fresh.length + 1;
    const [stored] = await Promise.all([
      tx.insert(lineEvents).values(fresh).returning(),
      ...[...changedLines].map(([lineId, columns]) => tx.update(lines).set(columns).where(eq(lines.id, lineId))),
      tx.update(lineEventCounter).set({ lastSeq: seq }).where(eq(lineEventCounter.id, 1)),
      tx.execute(sql`select pg_notify(${notifyChannel}, ${`${firstSeq}-${seq}`})`),
    ]);
    stored.sort((a, b) => a.seq - b.seq);
    for (const row of stored) byEventId.set(row.eventId, row);
    return { events: inputs.map((e) => byEventId.get(e.eventId)!), stored };
  });
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
