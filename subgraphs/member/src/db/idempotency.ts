import { jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Writes answered once per client key (Idempotency-Key): a retry after a lost answer gets the
 * stored answer instead of writing again. Keyed by the caller too, so a key never replays
 * another user's answer. `response` is null while the first request is still running.
 */
export const idempotentWrites = pgTable(
  'idempotent_writes',
  {
    caller: text('caller').notNull(),
    key: text('key').notNull(),
    /** sha256 of the operation and its variables: the same key with another request is refused. */
    fingerprint: text('fingerprint').notNull(),
    response: jsonb('response'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.caller, t.key] })],
);

export type IdempotentWriteRow = typeof idempotentWrites.$inferSelect;

export const idempotencySchema = { idempotentWrites };
