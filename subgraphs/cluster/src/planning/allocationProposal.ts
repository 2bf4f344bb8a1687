import { ForbiddenError, type ForwardedAuth } from '@clustergraph/runtime';
import type { JointOrderRow, PlannedAllocationRow, ProductionPlanRow } from '../db/planning.ts';
import type { ProcessType } from '../solver/index.ts';

/** Who does a neighbouring operation of an allocation, when and how much (resolved to a Member by the resolver). */
export interface NeighbourAssignmentValue {
  memberId: string;
  weekStart: string;
  quantity: number;
}

export interface NeighbourOperationValue {
  operationIndex: number;
  process: ProcessType;
  transportDaysToNext: number;
  assignments: NeighbourAssignmentValue[];
}

export interface AllocationProposalValue {
  jointOrderId: string;
  orderCode: string;
  customer: string;
  product: string;
  orderQuantity: number;
  dueDate: string;
  planId: string;
  planVersion: number;
  price: number;
  pricePerHour: number;
  previousOperation: NeighbourOperationValue | null;
  nextOperation: NeighbourOperationValue | null;
}

/**
 * The allocated firm decides on the work, and the leader made the plan: only their users read
 * what the plan says about it. Another firm (even one that may read the allocation itself under
 * an ORDERS grant) learns nothing of the leader's order from it.
 */
export function requireAllocationReader(auth: ForwardedAuth, allocationMemberId: string, leaderId: string | null): void {
  if (auth.system) return;
  const viewer = auth.viewer;
  if (viewer && (viewer.memberId === allocationMemberId || (leaderId !== null && viewer.memberId === leaderId))) return;
  throw new ForbiddenError("an allocation's proposal is visible to the allocated firm's users and the cluster leader's only", {
    required: 'ALLOCATED_FIRM_OR_LEADER',
  });
}

/** Declined allocations of the version are not work anyone does; they are left out of the neighbours. */
function neighbour(order: JointOrderRow, planRows: readonly PlannedAllocationRow[], operationIndex: number): NeighbourOperationValue | null {
  const operation = order.routing[operationIndex];
  if (!operation) return null;
  const assignments = planRows
    .filter((r) => r.jointOrderId === order.id && r.operationIndex === operationIndex && r.status !== 'DECLINED')
    .sort((a, b) => a.weekStart.localeCompare(b.weekStart) || a.memberId.localeCompare(b.memberId))
    .map((r) => ({ memberId: r.memberId, weekStart: r.weekStart, quantity: r.quantity }));
  return { operationIndex, process: operation.process, transportDaysToNext: operation.transportDaysToNext, assignments };
}

/** The proposal of one allocation, from the plan version that sent it and that version's other rows. */
export function allocationProposal(
  order: JointOrderRow,
  plan: ProductionPlanRow,
  row: PlannedAllocationRow,
  planRows: readonly PlannedAllocationRow[],
): AllocationProposalValue {
  return {
    jointOrderId: order.id,
    orderCode: order.code,
    customer: order.customer,
    product: order.product,
    orderQuantity: order.quantity,
    dueDate: order.dueDate,
    planId: plan.id,
    planVersion: plan.version,
    price: row.cost,
    pricePerHour: row.hours > 0 ? row.cost / row.hours : 0,
    previousOperation: neighbour(order, planRows, row.operationIndex - 1),
    nextOperation: neighbour(order, planRows, row.operationIndex + 1),
  };
}
