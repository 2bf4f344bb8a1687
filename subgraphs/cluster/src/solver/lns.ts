/**
 * Neighbourhood helpers shared by the decomposition: a sub-instance of chosen orders on the
 * capacity the other orders leave free, and the penalty that keeps unplanned orders expensive.
 * (The search itself lives in search.ts, polish.ts, decompose.ts and decomposition/.)
 */
import type { IndexedAllocation } from './greedy.ts';
import { capacityIndex, type Instance } from './instance.ts';

/** The chosen orders only, on the capacity the other orders' incumbent plans leave free. */
export function subInstance(instance: Instance, chosen: number[], allocations: IndexedAllocation[]): Instance {
  const chosenSet = new Set(chosen);
  const freeHours = Float64Array.from(instance.freeHours);
  for (const allocation of allocations) {
    if (chosenSet.has(allocation.order)) continue;
    const operation = instance.orders[allocation.order]?.operations[allocation.operation];
    if (!operation) continue;
    const at = capacityIndex(instance, allocation.member, operation.processIndex, allocation.week);
    freeHours[at] = Math.max(0, (freeHours[at] ?? 0) - allocation.quantity * operation.hoursPerUnit - operation.setupHours);
  }
  return {
    ...instance,
    freeHours,
    orders: chosen.map((order, index) => {
      const prepared = instance.orders[order];
      if (!prepared) throw new Error(`unknown order index ${order}`);
      return { ...prepared, index };
    }),
    rejected: [],
    warnings: [],
    fixed: instance.fixed.filter((pin) => chosenSet.has(pin.orderIndex)).map((pin) => ({ ...pin, orderIndex: chosen.indexOf(pin.orderIndex) })),
  };
}

/** Unplanned orders must never look cheap: count them at a prohibitive price. */
export function unplannedPenalty(instance: Instance, unplanned: Set<number>): number {
  let penalty = 0;
  for (const order of unplanned) penalty += 1e9 * Math.max(1, instance.orders[order]?.order.quantity ?? 1);
  return penalty;
}
