import type { JointOrderStatusValue, PlannedAllocationRow, StoredOperation } from '../db/planning.ts';

type AllocationState = Pick<PlannedAllocationRow, 'status' | 'goodQuantity'>;

/**
 * The order's status from its current plan's allocations as the members answered them:
 * anything unanswered (or declined, a re-plan follows) → PROPOSED; every one DONE → DONE;
 * work reported or under way → IN_PRODUCTION; all accepted → CONFIRMED.
 */
export function orderStatusFromAllocations(rows: readonly AllocationState[]): JointOrderStatusValue | null {
  if (rows.length === 0) return null;
  if (rows.some((r) => r.status === 'NOT_PROPOSED' || r.status === 'PROPOSED' || r.status === 'DECLINED')) return 'PROPOSED';
  if (rows.every((r) => r.status === 'DONE')) return 'DONE';
  if (rows.some((r) => r.status === 'IN_PROGRESS' || r.status === 'DONE' || r.goodQuantity > 0)) return 'IN_PRODUCTION';
  return 'CONFIRMED';
}

export interface OperationProgressValue {
  operationIndex: number;
  process: StoredOperation['process'];
  quantity: number;
  plannedQuantity: number;
  acceptedQuantity: number;
  goodQuantity: number;
  scrapQuantity: number;
  progress: number;
}

/** Per operation of the routing: planned, accepted and reported quantities of the current plan. */
export function operationProgress(
  order: { quantity: number; routing: readonly StoredOperation[] },
  rows: readonly Pick<PlannedAllocationRow, 'operationIndex' | 'quantity' | 'status' | 'goodQuantity' | 'scrapQuantity'>[],
): OperationProgressValue[] {
  return order.routing.map((operation, operationIndex) => {
    const mine = rows.filter((r) => r.operationIndex === operationIndex && r.status !== 'DECLINED');
    const goodQuantity = mine.reduce((s, r) => s + r.goodQuantity, 0);
    return {
      operationIndex,
      process: operation.process,
      quantity: order.quantity,
      plannedQuantity: mine.reduce((s, r) => s + r.quantity, 0),
      acceptedQuantity: mine.filter((r) => r.status === 'ACCEPTED' || r.status === 'IN_PROGRESS' || r.status === 'DONE').reduce((s, r) => s + r.quantity, 0),
      goodQuantity,
      scrapQuantity: mine.reduce((s, r) => s + r.scrapQuantity, 0),
      progress: order.quantity > 0 ? Math.min(1, goodQuantity / order.quantity) : 0,
    };
  });
}
