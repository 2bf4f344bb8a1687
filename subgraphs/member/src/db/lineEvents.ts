import { sql } from 'drizzle-orm';
import { bigint, check, doublePrecision, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { lineState } from './lineState.ts';

// Live line status (issue 4): every state change or progress report of a line, numbered per
// member. `seq` grows by one per stored event with no gaps, so a subscriber that knows the
// last seq it saw can resume with neither loss nor duplicates. No foreign key to `lines`: an
// event is history and outlives a line that is later removed.

/**
 * One row (id = 1) holding the last seq handed out. Writers lock it (`INSERT … ON CONFLICT DO
 * UPDATE … RETURNING`) at the start of their transaction, which serialises event writers across
 * every replica on this database and makes the committed seqs always a prefix 1..n.
 */
export const lineEventCounter = pgTable(
  'line_event_counter',
  {
    id: integer('id').primaryKey().default(1),
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
  },
  (t) => [check('line_event_counter_single_row', sql`${t.id} = 1`)],
);

export const lineEvents = pgTable(
  'line_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    /** Chosen by the sender (machine gateway, MES, simulator): resending an event is a no-op. */
    eventId: text('event_id').notNull().unique(),
    lineId: text('line_id').notNull(),
    state: lineState('state').notNull(),
    /** State of the line's previous event (null for its first event). */
    previousState: lineState('previous_state'),
    /** When it happened on the shop floor (the sender's clock; received time when not given). */
    at: timestamp('at', { withTimezone: true }).notNull(),
    reasonCode: text('reason_code'),
    cycleTimeSeconds: doublePrecision('cycle_time_seconds'),
    /** Good and scrap units since the line's previous event. */
    goodCount: integer('good_count'),
    scrapCount: integer('scrap_count'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('line_events_line_seq').on(t.lineId, t.seq),
    index('line_events_at').on(t.at),
    check('line_events_counts', sql`coalesce(${t.goodCount}, 0) >= 0 and coalesce(${t.scrapCount}, 0) >= 0`),
  ],
);

export const lineEventsSchema = { lineEventCounter, lineEvents };

export type LineEventRow = typeof lineEvents.$inferSelect;
