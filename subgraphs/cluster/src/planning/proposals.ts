import { GraphQLError } from 'graphql';
import { ConflictError } from '@clustergraph/runtime';
import { ClusterErrorCode } from '../errors.ts';
import type { PlannedAllocationStatusValue, ProductionPlanRow } from '../db/planning.ts';
import type { GatewayClient } from './gatewayClient.ts';
import { proposeToMember } from './memberData.ts';
import type { PlanningStore } from './planningStore.ts';
import { validatePlan, type PlanViolation } from '../solver/index.ts';
import { toPlannerOrder } from './planInput.ts';
import type { JointOrderRow, PlannedAllocationRow } from '../db/planning.ts';

/**
 * validatePlan on a stored version, without capacity: what the members already have (sent,
 * answered, under way, done) is fixed; what is still to be sent must fit the routing and the clock.
 */
export function validateStoredPlan(orders: readonly JointOrderRow[], rows: readonly PlannedAllocationRow[], now: Date): PlanViolation[] {
  const own = rows.filter((row) => orders.some((order) => order.id === row.jointOrderId));
  const fixed = own.filter((row) => row.status !== 'NOT_PROPOSED');
  return validatePlan(
    { orders: orders.map(toPlannerOrder), members: [], now: now.toISOString() },
    {
      fixedAllocations: fixed.map((row) => ({
        memberId: row.memberId,
        jointOrderId: row.jointOrderId,
        operationIndex: row.operationIndex,
        weekStart: row.weekStart,
        quantity: row.quantity,
      })),
    },
    { allocations: own },
    { capacity: false },
  );
}

const MEMBER_STATUSES: ReadonlySet<string> = new Set(['PROPOSED', 'ACCEPTED', 'DECLINED', 'IN_PROGRESS', 'DONE']);

/**
 * Sends a plan's allocations that the members do not have yet (NOT_PROPOSED) to them,
 * one proposeAllocations per member, in parallel, through the gateway. The ids are the
 * plan's, so a retry after a partial failure only repeats what is missing and the members
 * treat repeats as no-ops. The plan becomes PROPOSED and its orders too — or, if a member
 * could not be reached, a MEMBER_UNAVAILABLE error names it and a retry finishes the job.
 */
export async function proposePlanAllocations(gateway: GatewayClient, store: PlanningStore, plan: ProductionPlanRow, now: Date = new Date()): Promise<void> {
  if (plan.status === 'SUPERSEDED') throw new ConflictError(`plan ${plan.id} (version ${plan.version}) was superseded by a newer version`, 'planId');
  if (plan.status === 'INFEASIBLE' || plan.infeasibleOrderIds.length > 0) {
    throw new ConflictError(
      `plan ${plan.id} leaves ${plan.infeasibleOrderIds.join(', ')} without a valid plan (see its violations, suggestions and explanation); re-plan before proposing`,
      'planId',
    );
  }
  const orders = await store.findOrders(plan.jointOrderIds);
  for (const order of orders) {
    if (order.currentPlanId !== plan.id) throw new ConflictError(`plan ${plan.id} is not the current plan of ${order.code}`, 'planId');
    if (!['PLANNED', 'PROPOSED', 'CONFIRMED', 'IN_PRODUCTION'].includes(order.status)) {
      throw new ConflictError(`joint order ${order.code} is ${order.status}; only a PLANNED order can be proposed`, 'planId');
    }
  }
  const rows = await store.allocationsOfPlan(plan.id);
  // The plan was valid when stored; time has passed since. Its routing, quantities and weeks are
  // checked again against the clock (capacity was checked against the members' hours then, and
  // each member checks its own on accepting).
  const problems = validateStoredPlan(orders, rows, now);
  if (problems.length > 0) {
    throw new ConflictError(
      `plan ${plan.id} no longer holds: ${problems
        .slice(0, 3)
        .map((p) => p.message)
        .join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}; plan the order again`,
      'planId',
    );
  }
  const pending = rows.filter((row) => row.status === 'NOT_PROPOSED');
  const byMember = new Map<string, typeof pending>();
  for (const row of pending) byMember.set(row.memberId, [...(byMember.get(row.memberId) ?? []), row]);
  const failures: Array<{ memberId: string; message: string }> = [];
  await Promise.all(
    [...byMember].map(async ([memberId, memberRows]) => {
      try {
        const statuses = await proposeToMember(
          gateway,
          memberId,
          memberRows.map((row) => ({
            id: row.allocationId,
            jointOrderId: row.jointOrderId,
            operationIndex: row.operationIndex,
            process: row.process,
            weekStart: row.weekStart,
            quantity: row.quantity,
            hours: row.hours,
          })),
        );
        for (const row of memberRows) {
          const status = statuses.get(row.allocationId);
          await store.updateAllocation(row.planId, row.position, {
            status: status && MEMBER_STATUSES.has(status) ? (status as PlannedAllocationStatusValue) : 'PROPOSED',
            syncedAt: new Date(),
          });
        }
      } catch (error) {
        failures.push({ memberId, message: (error as Error).message });
      }
    }),
  );
  if (failures.length > 0) {
    throw new GraphQLError(
      `allocations could not be proposed to ${failures.map((f) => `${f.memberId} (${f.message})`).join(', ')}; proposing again sends only what is missing`,
      {
        extensions: { code: ClusterErrorCode.MEMBER_UNAVAILABLE, memberIds: failures.map((f) => f.memberId) },
      },
    );
  }
  await store.markPlanProposed(plan.id);
  await store.setOrderStatus(plan.jointOrderIds, 'PROPOSED', ['PLANNED']);
}
