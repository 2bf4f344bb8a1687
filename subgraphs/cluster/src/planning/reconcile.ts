import { isoWeekLabel, type Logger } from '@clustergraph/runtime';
import type { JointOrderRow, PlannedAllocationRow, ProductionPlanRow } from '../db/planning.ts';
import type { GatewayClient } from './gatewayClient.ts';
import { readClusterCapacity, readMemberAllocations, type CapacityBucketData } from './memberData.ts';
import { brokenAllocations, orderStatusFromAllocations } from './orderStatus.ts';
import { runPlanner, savePlanRun, type PlanRun, type StoredPlanOptions } from './planRunner.ts';
import { COMMITTED_STATUSES, type PlanningStore } from './planningStore.ts';
import { proposePlanAllocations } from './proposals.ts';

/** Re-plans after a decline get at most this long (the members are waiting). */
const REPLAN_TIME_LIMIT_SECONDS = 10;

export interface ReconcileDeps {
  gateway: GatewayClient;
  store: PlanningStore;
  logger: Logger;
}

/**
 * Follows one proposed plan: reads the members' answers and progress through the gateway,
 * stores them, re-plans what a decline (or, with `checkCapacity`, a capacity cut under an
 * accepted allocation) broke, and moves the orders' status along. The caller holds the
 * orders' lock.
 */
export async function reconcilePlan(deps: ReconcileDeps, plan: ProductionPlanRow, options: { checkCapacity: boolean }): Promise<void> {
  const { store, gateway, logger } = deps;
  const orders = (await store.findOrders(plan.jointOrderIds)).filter((o) => o.currentPlanId === plan.id && ['PROPOSED', 'CONFIRMED', 'IN_PRODUCTION'].includes(o.status));
  if (orders.length === 0) return;
  // A re-plan whose proposal failed half-way: finish sending it first.
  if (plan.status === 'DRAFT' && plan.infeasibleOrderIds.length === 0) await proposePlanAllocations(gateway, store, plan);
  const rows = await store.allocationsOfPlan(plan.id);
  const sent = rows.filter((r) => r.status !== 'NOT_PROPOSED');
  const read = await readMemberAllocations(gateway, [...new Set(sent.map((r) => r.memberId))]);
  if (read.unreadable.size > 0) logger.debug({ planId: plan.id, unreadable: Object.fromEntries(read.unreadable) }, 'some members’ allocations could not be read');
  const answers = new Map(read.allocations.map((a) => [`${a.memberId}|${a.id}`, a]));
  const now = new Date();
  for (const row of sent) {
    const answer = answers.get(`${row.memberId}|${row.allocationId}`);
    if (!answer) continue;
    if (answer.status === row.status && answer.goodQuantity === row.goodQuantity && answer.scrapQuantity === row.scrapQuantity && answer.declineReason === row.declineReason) continue;
    Object.assign(row, { status: answer.status, goodQuantity: answer.goodQuantity, scrapQuantity: answer.scrapQuantity, declineReason: answer.declineReason, syncedAt: now });
    await store.updateAllocation(row.planId, row.position, { status: row.status, goodQuantity: row.goodQuantity, scrapQuantity: row.scrapQuantity, declineReason: row.declineReason, syncedAt: now });
  }

  const declined = rows.filter((r) => r.status === 'DECLINED');
  const broken = options.checkCapacity ? brokenAllocations(rows, await readAcceptedCapacity(gateway, rows)) : [];
  if (declined.length > 0 || broken.length > 0) {
    await replanAffected(deps, plan, orders, rows, declined, broken);
    return;
  }
  for (const order of orders) {
    const status = orderStatusFromAllocations(rows.filter((r) => r.jointOrderId === order.id));
    if (status && status !== order.status) {
      await store.setOrderStatus([order.id], status, ['PROPOSED', 'CONFIRMED', 'IN_PRODUCTION']);
      logger.info({ jointOrderId: order.id, code: order.code, from: order.status, to: status }, 'joint order status changed');
    }
  }
}

/** Capacity of the members holding accepted allocations, over the weeks of those allocations. */
async function readAcceptedCapacity(gateway: GatewayClient, rows: readonly PlannedAllocationRow[]): Promise<Map<string, CapacityBucketData[]>> {
  const accepted = rows.filter((r) => r.status === 'ACCEPTED');
  const result = new Map<string, CapacityBucketData[]>();
  if (accepted.length === 0) return result;
  const weeks = accepted.map((r) => r.weekStart).sort();
  const capacity = await readClusterCapacity(gateway, { from: weeks[0]!, to: weeks[weeks.length - 1]! });
  const holders = new Set(accepted.map((r) => r.memberId));
  for (const member of capacity.members) if (holders.has(member.id)) result.set(member.id, member.capacity);
  return result;
}

const describe = (r: PlannedAllocationRow) => `${r.quantity} × operation ${r.operationIndex + 1} (${r.process}) of ${r.jointOrderId} in ${isoWeekLabel(r.weekStart)}`;

/**
 * A new plan version that re-plans only what broke: every other allocation of the current
 * version is pinned (fixedAllocations, member-side ids kept), the decliner gets no new work
 * of that process. If that leaves an order infeasible (the pinned neighbours leave no room
 * for the moved work), a second try pins only what members accepted. The new version is
 * proposed at once; an infeasible one is stored (with why) and its orders go back to PLANNED.
 */
export async function replanAffected(
  deps: ReconcileDeps,
  plan: ProductionPlanRow,
  orders: JointOrderRow[],
  rows: PlannedAllocationRow[],
  declined: PlannedAllocationRow[],
  broken: PlannedAllocationRow[],
): Promise<ProductionPlanRow> {
  const { store, gateway, logger } = deps;
  const affected = new Set([...declined, ...broken]);
  const kept = rows.filter((r) => !affected.has(r));
  const preface = [
    ...declined.map((r) => `Re-plan: ${r.memberId} declined ${describe(r)}${r.declineReason ? ` (“${r.declineReason}”)` : ''}; its other allocations stay as they are.`),
    ...broken.map((r) => `Re-plan: ${r.memberId} no longer has the hours for ${describe(r)} it had accepted (committed exceeds actual capacity).`),
  ];
  const stored = plan.options as StoredPlanOptions;
  const run: PlanRun = {
    orders,
    options: { ...stored, timeLimitSeconds: Math.min(stored.timeLimitSeconds ?? REPLAN_TIME_LIMIT_SECONDS, REPLAN_TIME_LIMIT_SECONDS) },
    createdBy: 'service:planner',
    trigger: declined.length > 0 ? 'DECLINE' : 'CAPACITY_CHANGE',
    previous: { plan, rows },
    kept,
    blocked: new Set(declined.map((r) => `${r.memberId}|${r.process}`)),
    preface,
  };
  let outcome = await runPlanner(gateway, store, run);
  const committedOnly = kept.filter((r) => COMMITTED_STATUSES.has(r.status) || r.status === 'DONE');
  if (outcome.result.infeasibleOrderIds.length > 0 && committedOnly.length < kept.length) {
    run.kept = committedOnly;
    run.preface = [...preface, 'The moved work did not fit around the unanswered allocations; only accepted allocations were kept.'];
    outcome = await runPlanner(gateway, store, run);
  }
  const saved = await savePlanRun(store, run, outcome);
  logger.info({ jointOrderIds: plan.jointOrderIds, from: plan.id, to: saved.id, version: saved.version, trigger: saved.trigger, changes: saved.changes.length }, 'joint orders re-planned');
  if (saved.infeasibleOrderIds.length > 0) {
    await store.setOrderStatus(saved.jointOrderIds, 'PLANNED', ['PROPOSED', 'CONFIRMED', 'IN_PRODUCTION']);
    return saved;
  }
  try {
    await proposePlanAllocations(gateway, store, saved);
  } catch (error) {
    // The next reconcile pass sends what is missing.
    logger.warn({ err: error, planId: saved.id }, 're-plan stored, proposing it failed for now');
  }
  return saved;
}
