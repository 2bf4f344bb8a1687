import { isoWeekLabel, type Logger } from '@clustergraph/runtime';
import type { JointOrderRow, PlannedAllocationRow, ProductionPlanRow } from '../db/planning.ts';
import type { GatewayClient } from './gatewayClient.ts';
import { readMemberAllocations } from './memberData.ts';
import { orderStatusFromAllocations } from './orderStatus.ts';
import { runPlanner, savePlanRun, type PlanRun, type StoredPlanOptions } from './planRunner.ts';
import { COMMITTED_STATUSES, type PlanningStore } from './planningStore.ts';
import { proposePlanAllocations } from './proposals.ts';
import { droppedAllocations, withdrawAllocations } from './withdrawals.ts';

/** Re-plans after a decline get at most this long (the members are waiting). */
const REPLAN_TIME_LIMIT_SECONDS = 10;

export interface ReconcileDeps {
  gateway: GatewayClient;
  store: PlanningStore;
  logger: Logger;
  /** The clock plans are made and checked against (injectable for tests). */
  now?: () => Date;
  /** The solver's progress on stderr (config PLANNER_DEBUG). */
  solverDebug?: boolean;
}

/**
 * Follows one proposed plan: reads the members' answers, progress and capacity-conflict marks
 * through the gateway, stores them, re-plans what a decline or a capacity conflict (an accepted
 * allocation the member's capacity no longer covers) broke, and moves the orders' status along.
 * The caller holds the orders' lock.
 */
export async function reconcilePlan(deps: ReconcileDeps, plan: ProductionPlanRow): Promise<void> {
  const { store, gateway, logger } = deps;
  const orders = (await store.findOrders(plan.jointOrderIds)).filter(
    (o) => o.currentPlanId === plan.id && ['PROPOSED', 'CONFIRMED', 'IN_PRODUCTION'].includes(o.status),
  );
  if (orders.length === 0) return;
  // A re-plan whose proposal failed half-way: finish sending it first.
  if (plan.status === 'DRAFT' && plan.infeasibleOrderIds.length === 0) await proposePlanAllocations(gateway, store, plan, deps.now?.());
  const rows = await store.allocationsOfPlan(plan.id);
  const sent = rows.filter((r) => r.status !== 'NOT_PROPOSED');
  const read = await readMemberAllocations(gateway, [...new Set(sent.map((r) => r.memberId))]);
  if (read.unreadable.size > 0)
    logger.debug({ planId: plan.id, unreadable: Object.fromEntries(read.unreadable) }, 'some members’ allocations could not be read');
  const answers = new Map(read.allocations.map((a) => [`${a.memberId}|${a.id}`, a]));
  const now = new Date();
  for (const row of sent) {
    const answer = answers.get(`${row.memberId}|${row.allocationId}`);
    if (!answer) continue;
    // Taken back on the member's side (not by this plan): the work needs a new home, like a decline.
    const status = answer.status === 'WITHDRAWN' ? 'DECLINED' : answer.status;
    const declineReason =
      answer.status === 'WITHDRAWN' ? `withdrawn on the member${answer.withdrawReason ? `: ${answer.withdrawReason}` : ''}` : answer.declineReason;
    const conflictCause = answer.capacityConflict?.cause ?? null;
    const conflictReason = answer.capacityConflict?.reason ?? null;
    if (
      status === row.status &&
      answer.goodQuantity === row.goodQuantity &&
      answer.scrapQuantity === row.scrapQuantity &&
      declineReason === row.declineReason &&
      conflictCause === row.conflictCause &&
      conflictReason === row.conflictReason
    ) {
      continue;
    }
    const values = {
      status,
      goodQuantity: answer.goodQuantity,
      scrapQuantity: answer.scrapQuantity,
      declineReason,
      conflictCause,
      conflictReason,
      syncedAt: now,
    };
    Object.assign(row, values);
    await store.updateAllocation(row.planId, row.position, values);
  }

  const declined = rows.filter((r) => r.status === 'DECLINED');
  // Only ACCEPTED work is re-planned on a conflict: work under way stays where it is.
  const broken = rows.filter((r) => r.status === 'ACCEPTED' && r.conflictCause !== null);
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

/** Operations are numbered from 0, as in the routing's `index` and every table's `operationIndex`. */
export const describeAllocation = (r: Pick<PlannedAllocationRow, 'quantity' | 'operationIndex' | 'process' | 'jointOrderId' | 'weekStart'>) =>
  `${r.quantity} × operation ${r.operationIndex} (${r.process}) of ${r.jointOrderId} in ${isoWeekLabel(r.weekStart)}`;
const describe = describeAllocation;

/**
 * A new plan version that re-plans only what broke: every other allocation of the current
 * version is pinned (fixedAllocations, member-side ids kept), the decliner (and a member whose
 * line of the process is down) gets no new work of that process; the hours of broken accepted
 * allocations count as free again (they are withdrawn right after). If that leaves an order infeasible (the pinned neighbours leave no room
 * for the moved work), a second try pins only what members accepted. The new version is
 * proposed at once; an infeasible one is stored (with why) and its orders go back to PLANNED.
 * Either way, allocations of the old version the new one no longer holds are withdrawn.
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
    ...declined.map(
      (r) => `Re-plan: ${r.memberId} declined ${describe(r)}${r.declineReason ? ` (“${r.declineReason}”)` : ''}; its other allocations stay as they are.`,
    ),
    ...broken.map(
      (r) =>
        `Re-plan: ${r.memberId} no longer has the hours for ${describe(r)} it had accepted (${r.conflictReason ?? 'capacity conflict'}); it is withdrawn there.`,
    ),
  ];
  const stored = plan.options as StoredPlanOptions;
  const run: PlanRun = {
    orders,
    options: { ...stored, timeLimitSeconds: Math.min(stored.timeLimitSeconds ?? REPLAN_TIME_LIMIT_SECONDS, REPLAN_TIME_LIMIT_SECONDS) },
    createdBy: 'service:planner',
    trigger: declined.length > 0 ? 'DECLINE' : 'CAPACITY_CHANGE',
    previous: { plan, rows },
    kept,
    released: broken,
    // A decliner, and a member whose line of the process is down, get no new work of that process.
    blocked: new Set([...declined, ...broken.filter((r) => r.conflictCause === 'LINE_DOWN')].map((r) => `${r.memberId}|${r.process}`)),
    preface,
  };
  let outcome = await runPlanner(gateway, store, run, deps.now?.(), deps.solverDebug);
  const committedOnly = kept.filter((r) => COMMITTED_STATUSES.has(r.status) || r.status === 'DONE');
  if (outcome.result.infeasibleOrderIds.length > 0 && committedOnly.length < kept.length) {
    run.kept = committedOnly;
    run.preface = [...preface, 'The moved work did not fit around the unanswered allocations; only accepted allocations were kept.'];
    outcome = await runPlanner(gateway, store, run, deps.now?.(), deps.solverDebug);
  }
  const saved = await savePlanRun(store, run, outcome);
  logger.info(
    { jointOrderIds: plan.jointOrderIds, from: plan.id, to: saved.id, version: saved.version, trigger: saved.trigger, changes: saved.changes.length },
    'joint orders re-planned',
  );
  // What the new version no longer holds is taken back from its members (the broken allocations, unanswered proposals it moved).
  const dropped = droppedAllocations(rows, outcome.rows);
  try {
    await withdrawAllocations(deps, dropped, `re-planned in ${saved.id} (version ${saved.version}, ${saved.trigger})`);
  } catch (error) {
    // Stored as PENDING: the next reconcile pass sends what is missing.
    logger.warn({ err: error, planId: saved.id }, 'withdrawing the replaced allocations failed for now');
  }
  if (saved.infeasibleOrderIds.length > 0) {
    await store.setOrderStatus(saved.jointOrderIds, 'PLANNED', ['PROPOSED', 'CONFIRMED', 'IN_PRODUCTION']);
    return saved;
  }
  try {
    await proposePlanAllocations(gateway, store, saved, deps.now?.());
  } catch (error) {
    // The next reconcile pass sends what is missing.
    logger.warn({ err: error, planId: saved.id }, 're-plan stored, proposing it failed for now');
  }
  return saved;
}
