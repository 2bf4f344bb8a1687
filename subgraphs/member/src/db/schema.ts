import { sql } from 'drizzle-orm';
import { ALLOCATION_STATUSES, PROCESS_TYPES } from '@clustergraph/schema/values';
import { check, date, doublePrecision, integer, pgEnum, pgTable, primaryKey, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { sovereigntySchema } from './sovereignty.ts';
import { analyticsSchema } from './analytics.ts';
import { lineEventsSchema } from './lineEvents.ts';
import { idempotencySchema } from './idempotency.ts';
import { transferSchema } from './transfer.ts';
import { lineState } from './lineState.ts';

export * from './sovereignty.ts';
export * from './analytics.ts';
export * from './lineEvents.ts';
export * from './idempotency.ts';
export * from './transfer.ts';
export * from './lineState.ts';

// One database per firm: no table carries a member id, the instance's MEMBER_ID is implied.

// The standard's enums (generated from its SDL by `pnpm codegen`); the pgEnums keep their order.
export { ALLOCATION_STATUSES, PROCESS_TYPES };

export const processType = pgEnum('process_type', PROCESS_TYPES);
export const allocationStatus = pgEnum('allocation_status', ALLOCATION_STATUSES);

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** The firm's own profile: a single row (id = 1), absent until first written. */
export const memberProfile = pgTable(
  'member_profile',
  {
    id: integer('id').primaryKey().default(1),
    name: text('name'),
    smartFactoryLevel: integer('smart_factory_level'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check('member_profile_single_row', sql`${t.id} = 1`), check('member_profile_level_range', sql`${t.smartFactoryLevel} between 1 and 5`)],
);

/** Production lines / work cells. The state columns hold the status until line events exist. */
export const lines = pgTable('lines', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  processes: processType('processes').array().notNull(),
  ratedUnitsPerHour: doublePrecision('rated_units_per_hour'),
  state: lineState('state').notNull().default('IDLE'),
  stateSince: timestamp('state_since', { withTimezone: true }).notNull().defaultNow(),
  stateSeq: integer('state_seq').notNull().default(0),
  stateReasonCode: text('state_reason_code'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** What the firm can do, one row per process; `position` keeps the order the firm gave. */
export const capabilities = pgTable('capabilities', {
  id: serial('id').primaryKey(),
  position: integer('position').notNull(),
  process: processType('process').notNull().unique(),
  materials: text('materials').array().notNull(),
  maxPartSizeMm: doublePrecision('max_part_size_mm'),
  certifications: text('certifications')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  notes: text('notes'),
});

/** The capacity calendar: weekly actual/maximum hours and price per process (Catena-X DCM style). */
export const capacityWeeks = pgTable(
  'capacity_weeks',
  {
    process: processType('process').notNull(),
    /** Monday of the ISO week. */
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    actualHours: doublePrecision('actual_hours').notNull(),
    maximumHours: doublePrecision('maximum_hours').notNull(),
    pricePerHour: doublePrecision('price_per_hour'),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.process, t.weekStart] }),
    check('capacity_weeks_hours', sql`${t.actualHours} >= 0 and ${t.actualHours} <= ${t.maximumHours}`),
  ],
);

/** Per-shift production results; re-reporting a shift replaces it. */
export const productionRecords = pgTable(
  'production_records',
  {
    id: serial('id').primaryKey(),
    lineId: text('line_id')
      .notNull()
      .references(() => lines.id),
    shiftStart: timestamp('shift_start', { withTimezone: true }).notNull(),
    goodQuantity: integer('good_quantity').notNull(),
    scrapQuantity: integer('scrap_quantity').notNull(),
    runMinutes: doublePrecision('run_minutes').notNull(),
    downMinutes: doublePrecision('down_minutes').notNull(),
    energyKwh: doublePrecision('energy_kwh'),
    createdAt: createdAt(),
  },
  (t) => [unique('production_records_line_shift').on(t.lineId, t.shiftStart)],
);

/** Work from joint orders; the id is chosen by the proposing planner so proposals are idempotent. */
export const allocations = pgTable('allocations', {
  id: text('id').primaryKey(),
  jointOrderId: text('joint_order_id').notNull(),
  operationIndex: integer('operation_index').notNull(),
  process: processType('process').notNull(),
  weekStart: date('week_start', { mode: 'string' }).notNull(),
  quantity: integer('quantity').notNull(),
  hours: doublePrecision('hours').notNull(),
  status: allocationStatus('status').notNull().default('PROPOSED'),
  goodQuantity: integer('good_quantity').notNull().default(0),
  scrapQuantity: integer('scrap_quantity').notNull().default(0),
  respondedAt: timestamp('responded_at', { withTimezone: true }),
  declineReason: text('decline_reason'),
  /** Set while accepted work no longer fits the capacity of its week and process (see capacity/conflicts.ts). */
  conflictDetectedAt: timestamp('conflict_detected_at', { withTimezone: true }),
  conflictCause: text('conflict_cause'),
  conflictReason: text('conflict_reason'),
  conflictShortHours: doublePrecision('conflict_short_hours'),
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  withdrawReason: text('withdraw_reason'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const memberSchema = {
  memberProfile,
  lines,
  capabilities,
  capacityWeeks,
  productionRecords,
  allocations,
  processType,
  lineState,
  allocationStatus,
  ...sovereigntySchema,
  ...analyticsSchema,
  ...lineEventsSchema,
  ...idempotencySchema,
  ...transferSchema,
};
export type MemberSchema = typeof memberSchema;

export type ProcessTypeName = (typeof PROCESS_TYPES)[number];
export type AllocationStatusName = (typeof ALLOCATION_STATUSES)[number];

export type MemberProfileRow = typeof memberProfile.$inferSelect;
export type LineRow = typeof lines.$inferSelect;
export type CapabilityRow = typeof capabilities.$inferSelect;
export type CapacityWeekRow = typeof capacityWeeks.$inferSelect;
export type ProductionRecordRow = typeof productionRecords.$inferSelect;
export type AllocationRow = typeof allocations.$inferSelect;
