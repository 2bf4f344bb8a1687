import { date, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * AI-transition support programmes (issue 6): an ANCHOR member follows its suppliers'
 * progress. Only the programme itself lives here — who, since when, compared with which
 * weeks. The suppliers' levels and KPIs stay on their own subgraphs (and the baseline
 * figures are frozen there), read per request under the reader's identity.
 */
export const supportProgrammes = pgTable(
  'support_programmes',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    anchorId: text('anchor_id').notNull(),
    /** A Monday: the baseline is the `baseline_weeks` weeks before it. */
    startDate: date('start_date', { mode: 'string' }).notNull(),
    baselineWeeks: integer('baseline_weeks').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('support_programmes_anchor').on(t.anchorId)],
);

export const programmeSuppliers = pgTable(
  'programme_suppliers',
  {
    programmeId: text('programme_id')
      .notNull()
      .references(() => supportProgrammes.id),
    memberId: text('member_id').notNull(),
    /** Order the anchor listed them in. */
    position: integer('position').notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.memberId] }), index('programme_suppliers_member').on(t.memberId)],
);

export const programmesSchema = { supportProgrammes, programmeSuppliers };

export type SupportProgrammeRow = typeof supportProgrammes.$inferSelect;
export type ProgrammeSupplierRow = typeof programmeSuppliers.$inferSelect;
