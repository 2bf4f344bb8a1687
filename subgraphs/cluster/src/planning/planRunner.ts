import { planJointOrders, validatePlan, type Allocation, type PlanOptions, type PlanResult } from '../solver/index.ts';
import type { JointOrderRow, NewPlannedAllocationRow, PlannedAllocationRow, PlanTriggerValue, ProductionPlanRow } from '../db/planning.ts';
import type { GatewayClient } from './gatewayClient.ts';
import { readClusterCapacity } from './memberData.ts';
import { buildPlanInput, capacityKey, planningWeeks, toFixedAllocations } from './planInput.ts';
import type { PlanInput } from '../solver/index.ts';
import { diffPlans } from './planDiff.ts';
import { allocationIdOf, COMMITTED_STATUSES, newPlanId, type PlanningStore } from './planningStore.ts';
import { todayIso } from './orderInput.ts';
import { recordPlannerRun } from '../observability.ts';

/** Options as stored on a plan and reused by its re-plans (fixed allocations and the debug switch are per run). */
export type StoredPlanOptions = Omit<PlanOptions, 'fixedAllocations' | 'debug'>;

export interface PlanRun {
  orders: JointOrderRow[];
  options: StoredPlanOptions;
  createdBy: string;
  trigger: PlanTriggerValue;
  /** The version this run replaces (diff, version lineage). */
  previous?: { plan: ProductionPlanRow; rows: PlannedAllocationRow[] } | undefined;
  /** Allocations of the previous version that stay (pinned, their member-side ids kept). */
  kept?: PlannedAllocationRow[] | undefined;
  /** Allocations of the previous version this run takes back (withdrawn after it): their hours are free again. */
  released?: PlannedAllocationRow[] | undefined;
  /** `memberId|process` pairs that get no new work (they declined it). */
  blocked?: ReadonlySet<string> | undefined;
  /** Lines put before the planner's own explanation (why this re-plan happened). */
  preface?: string[] | undefined;
}

export interface PlanRunOutcome {
  planId: string;
  result: PlanResult;
  rows: Array<Omit<NewPlannedAllocationRow, 'planId'> & { allocationId: string; position: number }>;
  explanation: string[];
  changes: ReturnType<typeof diffPlans>;
}

/** Reads capacity through the gateway and runs the planner (in worker threads) for the orders. */
export async function runPlanner(gateway: GatewayClient, store: PlanningStore, run: PlanRun, now = new Date(), solverDebug = false): Promise<PlanRunOutcome> {
  const started = performance.now();
  const today = todayIso(now);
  const kept = run.kept ?? [];
  // From the current week (kept work in a week already over stays where it is, pinned).
  const weeks = planningWeeks(
    run.orders,
    today,
    kept.map((row) => row.weekStart),
  );
  const orderIds = run.orders.map((o) => o.id);
  const capacity = await readClusterCapacity(gateway, { from: weeks[0]!, to: weeks[weeks.length - 1]! });
  const ownCommittedHours = new Map<string, number>();
  for (const row of kept) {
    if (!COMMITTED_STATUSES.has(row.status)) continue;
    const key = capacityKey(row.memberId, row.process, row.weekStart);
    ownCommittedHours.set(key, (ownCommittedHours.get(key) ?? 0) + row.hours);
  }
  const releasedHours = new Map<string, number>();
  for (const row of run.released ?? []) {
    if (!COMMITTED_STATUSES.has(row.status)) continue;
    const key = capacityKey(row.memberId, row.process, row.weekStart);
    releasedHours.set(key, (releasedHours.get(key) ?? 0) + row.hours);
  }
  const input = buildPlanInput({
    orders: run.orders,
    members: capacity.members,
    weeks,
    ownCommittedHours,
    releasedHours,
    reservedHours: await store.reservedHours(orderIds),
    ...(run.blocked ? { blocked: run.blocked } : {}),
  });
  input.now = now.toISOString();
  const options: PlanOptions = { ...run.options, fixedAllocations: toFixedAllocations(kept), debug: solverDebug };
  const result = checked(input, options, await planJointOrders(input, options));
  recordPlannerRun(result, (performance.now() - started) / 1000);
  const planId = newPlanId();
  const rows = assignAllocationIds(planId, result.allocations, kept);
  // An order the planner could not serve keeps what it pinned for it: those allocations are on
  // the members (some accepted) and stay in this version, for the next plan to pin again.
  const infeasible = new Set(result.infeasibleOrderIds);
  for (const pin of kept.filter((row) => infeasible.has(row.jointOrderId))) {
    rows.push({
      memberId: pin.memberId,
      jointOrderId: pin.jointOrderId,
      operationIndex: pin.operationIndex,
      process: pin.process,
      weekStart: pin.weekStart,
      quantity: pin.quantity,
      hours: pin.hours,
      cost: pin.cost,
      status: pin.status,
      goodQuantity: pin.goodQuantity,
      scrapQuantity: pin.scrapQuantity,
      declineReason: pin.declineReason,
      syncedAt: pin.syncedAt,
      position: rows.length,
      allocationId: pin.allocationId,
    });
  }
  const unreadable = [...capacity.unreadable].map(([memberId, why]) => `Capacity of ${memberId} was not available to the planner: ${why}`);
  const explanation = [...(run.preface ?? []), ...unreadable, ...result.explanation];
  const changes = run.previous ? diffPlans(run.previous.rows, rows) : [];
  return { planId, result, rows, explanation, changes };
}

/**
 * The planner validates what it returns; this is the same validator once more at the door of the
 * store, on the service's own input and clock, so no solver path can slip a broken plan past it.
 * An order it finds broken loses its allocations here and is reported infeasible.
 */
function checked(input: PlanInput, options: PlanOptions, result: PlanResult): PlanResult {
  const violations = validatePlan(input, options, result);
  if (violations.length === 0) return result;
  const broken = new Set(violations.map((v) => v.jointOrderId));
  return {
    ...result,
    solverStatus: 'INFEASIBLE',
    gap: null,
    allocations: result.allocations.filter((a) => !broken.has(a.jointOrderId)),
    orders: result.orders.map((o) => (broken.has(o.jointOrderId) ? { ...o, planned: false, completionDate: null, lateDays: 0 } : o)),
    infeasibleOrderIds: [...new Set([...result.infeasibleOrderIds, ...broken])],
    violations: [...result.violations, ...violations],
    explanation: [...result.explanation, ...violations.map((v) => `INVALID plan for order ${v.jointOrderId} (${v.kind}): ${v.message}; not proposed.`)],
  };
}

/** Stores the outcome as the orders' current plan version. */
export async function savePlanRun(store: PlanningStore, run: PlanRun, outcome: PlanRunOutcome): Promise<ProductionPlanRow> {
  const { result } = outcome;
  const orderIds = run.orders.map((o) => o.id);
  return store.savePlan(
    {
      id: outcome.planId,
      version: await store.nextVersion(orderIds),
      jointOrderIds: orderIds,
      // A plan leaving an order without a valid plan is stored to say why, never to be proposed.
      status: result.infeasibleOrderIds.length > 0 ? 'INFEASIBLE' : 'DRAFT',
      trigger: run.trigger,
      solverStatus: result.solverStatus,
      gap: result.gap,
      bestBound: result.bestBound,
      objective: result.objective,
      totalCost: result.totalCost,
      costBreakdown: result.costBreakdown,
      lateDays: Math.round(result.lateDays),
      maxLateDays: Math.round(result.maxLateDays),
      completionDate: result.completionDate,
      orders: result.orders.map((o) => ({
        jointOrderId: o.jointOrderId,
        planned: o.planned,
        completionDate: o.completionDate,
        lateDays: Math.round(o.lateDays),
      })),
      infeasibleOrderIds: result.infeasibleOrderIds,
      explanation: outcome.explanation,
      violations: result.violations,
      suggestions: result.suggestions,
      previousPlanId: run.previous?.plan.id ?? null,
      changes: outcome.changes,
      options: run.options as Record<string, unknown>,
      createdBy: run.createdBy,
    },
    outcome.rows,
    // A re-plan of a proposed order stays PROPOSED (its new allocations are proposed next).
    run.trigger === 'MANUAL' ? { planned: 'PLANNED', from: ['DRAFT', 'PLANNED'] } : { planned: 'PROPOSED', from: ['PROPOSED', 'CONFIRMED', 'PLANNED'] },
  );
}

/**
 * Turns the planner's allocations into stored rows. Work a kept allocation already covers
 * keeps that allocation's member-side id and status (the member has it, maybe accepted it);
 * anything beyond it in the same member, operation and week becomes a new allocation with
 * an id derived from the plan id and position, so proposing twice is idempotent.
 */
export function assignAllocationIds(
  planId: string,
  allocations: readonly Allocation[],
  kept: readonly PlannedAllocationRow[],
): Array<Omit<NewPlannedAllocationRow, 'planId'> & { allocationId: string; position: number }> {
  const keyOf = (a: { memberId: string; jointOrderId: string; operationIndex: number; weekStart: string }) =>
    `${a.memberId}|${a.jointOrderId}|${a.operationIndex}|${a.weekStart}`;
  const keptByKey = new Map<string, PlannedAllocationRow[]>();
  for (const row of kept) keptByKey.set(keyOf(row), [...(keptByKey.get(keyOf(row)) ?? []), row]);
  const rows: Array<Omit<NewPlannedAllocationRow, 'planId'> & { allocationId: string; position: number }> = [];
  const push = (row: Omit<NewPlannedAllocationRow, 'planId' | 'position' | 'allocationId'>, allocationId?: string) => {
    const position = rows.length;
    rows.push({ ...row, position, allocationId: allocationId ?? allocationIdOf(planId, position) });
  };
  const sorted = [...allocations].sort(
    (a, b) =>
      a.jointOrderId.localeCompare(b.jointOrderId) ||
      a.operationIndex - b.operationIndex ||
      a.weekStart.localeCompare(b.weekStart) ||
      a.memberId.localeCompare(b.memberId),
  );
  for (const allocation of sorted) {
    const quantity = Math.round(allocation.quantity);
    if (quantity <= 0) continue;
    const base = {
      memberId: allocation.memberId,
      jointOrderId: allocation.jointOrderId,
      operationIndex: allocation.operationIndex,
      process: allocation.process,
      weekStart: allocation.weekStart,
    };
    const pins = keptByKey.get(keyOf(allocation)) ?? [];
    const pinnedQuantity = pins.reduce((sum, row) => sum + row.quantity, 0);
    if (pins.length === 0 || pinnedQuantity > quantity) {
      push({ ...base, quantity, hours: allocation.hours, cost: allocation.cost });
      continue;
    }
    const pricePerHour = allocation.hours > 0 ? allocation.cost / allocation.hours : 0;
    let hoursLeft = allocation.hours;
    for (const pin of pins) {
      push(
        {
          ...base,
          quantity: pin.quantity,
          hours: pin.hours,
          cost: pin.hours * pricePerHour,
          status: pin.status,
          goodQuantity: pin.goodQuantity,
          scrapQuantity: pin.scrapQuantity,
          declineReason: pin.declineReason,
          syncedAt: pin.syncedAt,
        },
        pin.allocationId,
      );
      hoursLeft -= pin.hours;
    }
    if (quantity > pinnedQuantity) {
      const hours = Math.max(0, hoursLeft);
      push({ ...base, quantity: quantity - pinnedQuantity, hours, cost: hours * pricePerHour });
    }
  }
  return rows;
}
