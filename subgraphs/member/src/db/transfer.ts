import { sql } from 'drizzle-orm';
import { bigint, check, integer, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { MEMBER_TRANSFER_STATES } from '@clustergraph/schema/values';

// Leaving with its data (issue 18). One row (id = 1, written by the migration) says whether this
// database still serves the firm, is MOVING (every write refused by a trigger, reads served) or
// was deleted after a MOVE. It is not part of an export: each server has its own. The trigger
// (drizzle/0006_member_transfer.sql) takes a share lock on this row in every write to the firm's
// tables, so a move that locks it for update waits for writes under way and none comes after it.

export { MEMBER_TRANSFER_STATES };
export const memberTransferState = pgEnum('member_transfer_state', MEMBER_TRANSFER_STATES);

export const memberTransfer = pgTable(
  'member_transfer',
  {
    id: integer('id').primaryKey().default(1),
    state: memberTransferState('state').notNull().default('SERVING'),
    since: timestamp('since', { withTimezone: true }).notNull().defaultNow(),
    reason: text('reason'),
    changedBy: text('changed_by'),
    /** The last line-event seq when the move began (MOVING) or when the copy was deleted (MOVED). */
    lastEventSeq: bigint('last_event_seq', { mode: 'number' }).notNull().default(0),
    /** What the deletion removed, as JSON (tables and row counts), once MOVED. */
    deletionRecord: text('deletion_record'),
  },
  (t) => [check('member_transfer_single_row', sql`${t.id} = 1`)],
);

export const transferSchema = { memberTransfer, memberTransferState };

export type MemberTransferRow = typeof memberTransfer.$inferSelect;
export type MemberTransferStateName = (typeof MEMBER_TRANSFER_STATES)[number];
