import { date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { JointOrderStatus, PlanChangeKind, PlannedAllocationStatus, PlanStatus, PlanTrigger, WithdrawalState } from '@clustergraph/schema/values';
import type { PlanSuggestion, PlanViolation, ProcessType } from '../solver/index.ts';

/**
 * Joint production planning: joint orders, plan versions and their allocations.
 * The routing is stored on the order (always read whole, never queried by operation);
 * allocations are rows because the reconciler updates them one by one.
 */

// The standard's values (generated from its SDL); the columns below store them as text.
export { JOINT_ORDER_STATUSES, PLANNED_ALLOCATION_STATUSES, PLAN_STATUSES, PLAN_TRIGGERS, WITHDRAWAL_STATES } from '@clustergraph/schema/values';
export type JointOrderStatusValue = JointOrderStatus;
/** INFEASIBLE: some order has no valid plan in it (validatePlan); never proposed. */
export type PlanStatusValue = PlanStatus;
export type PlanTriggerValue = PlanTrigger;
/** A planned allocation the cluster takes back from its member (dropped by a re-plan, or its order cancelled). */
export type WithdrawalStateValue = WithdrawalState;
export type PlannedAllocationStatusValue = PlannedAllocationStatus;

/** One operation of a routing as stored (defaults applied). */
export interface StoredOperation {
  process: ProcessType;
  hoursPerUnit: number;
  setupHours: number;
  minLotSize: number;
  certification: string | null;
  transportDaysToNext: number;
}

export interface StoredCostBreakdown {
  production: number;
  transport: number;
  lateness: number;
  split: number;
}

export interface StoredOrderOutcome {
  jointOrderId: string;
  planned: boolean;
  completionDate: string | null;
  lateDays: number;
}

export type StoredPlanViolation = PlanViolation;
export type StoredPlanSuggestion = PlanSuggestion;

export interface StoredPlanChange {
  kind: PlanChangeKind;
  jointOrderId: string;
  operationIndex: number;
  process: ProcessType;
  memberId: string;
  weekStart: string;
  quantityBefore: number;
  quantityAfter: number;
  hoursBefore: number;
  hoursAfter: number;
}

export const jointOrders = pgTable(
  'joint_orders',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    customer: text('customer').notNull(),
    product: text('product').notNull(),
    quantity: integer('quantity').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    priority: integer('priority').notNull().default(1),
    status: text('status').$type<JointOrderStatusValue>().notNull().default('DRAFT'),
    routing: jsonb('routing').$type<StoredOperation[]>().notNull(),
    currentPlanId: text('current_plan_id'),
    cancelReason: text('cancel_reason'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('joint_orders_code_idx').on(table.code), index('joint_orders_status_idx').on(table.status)],
);

export const productionPlans = pgTable(
  'production_plans',
  {
    id: text('id').primaryKey(),
    version: integer('version').notNull(),
    jointOrderIds: text('joint_order_ids').array().notNull(),
    status: text('status').$type<PlanStatusValue>().notNull().default('DRAFT'),
    trigger: text('trigger').$type<PlanTriggerValue>().notNull().default('MANUAL'),
    solverStatus: text('solver_status').notNull(),
    gap: doublePrecision('gap'),
    bestBound: doublePrecision('best_bound'),
    objective: doublePrecision('objective').notNull(),
    totalCost: doublePrecision('total_cost').notNull(),
    costBreakdown: jsonb('cost_breakdown').$type<StoredCostBreakdown>().notNull(),
    lateDays: integer('late_days').notNull(),
    maxLateDays: integer('max_late_days').notNull(),
    completionDate: date('completion_date', { mode: 'string' }),
    orders: jsonb('orders').$type<StoredOrderOutcome[]>().notNull(),
    infeasibleOrderIds: text('infeasible_order_ids').array().notNull(),
    explanation: jsonb('explanation').$type<string[]>().notNull(),
    /** What validatePlan found wrong with the candidate plan (its orders are in infeasibleOrderIds). */
    violations: jsonb('violations').$type<StoredPlanViolation[]>().notNull().default([]),
    /** What the leader can do about the infeasible orders. */
    suggestions: jsonb('suggestions').$type<StoredPlanSuggestion[]>().notNull().default([]),
    previousPlanId: text('previous_plan_id'),
    changes: jsonb('changes').$type<StoredPlanChange[]>().notNull(),
    /** The options the planner ran with (re-plans reuse them). */
    options: jsonb('options').$type<Record<string, unknown>>().notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    proposedAt: timestamp('proposed_at', { withTimezone: true }),
  },
  (table) => [index('production_plans_created_idx').on(table.createdAt)],
);

export const plannedAllocations = pgTable(
  'planned_allocations',
  {
    planId: text('plan_id')
      .notNull()
      .references(() => productionPlans.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** The Allocation id on the member: `<planId>-a<position>`, or the kept allocation's id. */
    allocationId: text('allocation_id').notNull(),
    memberId: text('member_id').notNull(),
    jointOrderId: text('joint_order_id').notNull(),
    operationIndex: integer('operation_index').notNull(),
    process: text('process').$type<ProcessType>().notNull(),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    quantity: integer('quantity').notNull(),
    hours: doublePrecision('hours').notNull(),
    cost: doublePrecision('cost').notNull(),
    status: text('status').$type<PlannedAllocationStatusValue>().notNull().default('NOT_PROPOSED'),
    goodQuantity: integer('good_quantity').notNull().default(0),
    scrapQuantity: integer('scrap_quantity').notNull().default(0),
    declineReason: text('decline_reason'),
    /** The member's capacityConflict mark as last read (cause, reason), while it stands. */
    conflictCause: text('conflict_cause'),
    conflictReason: text('conflict_reason'),
    syncedAt: timestamp('synced_at', { withTimezone: true }),
    /** Set when this version's allocation is taken back from the member (see planning/withdrawals.ts). */
    withdrawalState: text('withdrawal_state').$type<WithdrawalStateValue>(),
    withdrawReason: text('withdraw_reason'),
    withdrawRequestedAt: timestamp('withdraw_requested_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    /** Why the last attempt failed (REFUSED: the member said no, e.g. work under way). */
    withdrawError: text('withdraw_error'),
  },
  (table) => [
    primaryKey({ columns: [table.planId, table.position] }),
    index('planned_allocations_order_idx').on(table.jointOrderId),
    index('planned_allocations_member_idx').on(table.memberId, table.allocationId),
    index('planned_allocations_withdrawal_idx').on(table.withdrawalState),
  ],
);

export type JointOrderRow = typeof jointOrders.$inferSelect;
export type NewJointOrderRow = typeof jointOrders.$inferInsert;
export type ProductionPlanRow = typeof productionPlans.$inferSelect;
export type NewProductionPlanRow = typeof productionPlans.$inferInsert;
export type PlannedAllocationRow = typeof plannedAllocations.$inferSelect;
export type NewPlannedAllocationRow = typeof plannedAllocations.$inferInsert;

export const planningSchema = { jointOrders, productionPlans, plannedAllocations };
