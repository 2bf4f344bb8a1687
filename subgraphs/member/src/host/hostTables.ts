import { integer, jsonb, pgSchema, serial, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The host's own tables, in schema `member_host` (never a firm's): which firms it serves and
 * the record of every firm it deleted, kept after the firm's data is gone.
 * Migrations: drizzle-host/ (`pnpm --filter @clustergraph/member-subgraph db:generate:host`).
 */
export const memberHost = pgSchema('member_host');

export const hostedFirms = memberHost.table('hosted_firms', {
  memberId: text('member_id').primaryKey(),
  name: text('name').notNull(),
  processes: text('processes').array().notNull(),
  /** `firm_<id>` on PostgreSQL; the folder below DATA_DIR/firms on PGlite. */
  storage: text('storage').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const hostedFirmDeletions = memberHost.table('hosted_firm_deletions', {
  id: serial('id').primaryKey(),
  memberId: text('member_id').notNull(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }).notNull(),
  requestedBy: text('requested_by').notNull(),
  /** Table name → rows removed with the firm. */
  rowsRemoved: jsonb('rows_removed').$type<Record<string, number>>().notNull(),
  totalRows: integer('total_rows').notNull(),
});

export const hostSchema = { hostedFirms, hostedFirmDeletions };
export type HostSchema = typeof hostSchema;
