/**
 * What the search and the LNS streams share: a group of orders re-planned as one MIP on the hours
 * the rest leaves free (polishAndKeep), and the orders in a target's way (blockers).
 */
import type { IndexedAllocation } from '../greedy.ts';
import type { Instance } from '../instance.ts';
import { polishOrders, type PolishOptions, type PolishResult } from '../polish.ts';
import { freeWithout, hoursOf, slotOf, tryReplace, type PlanState } from '../search.ts';
import type { HighsWorker } from '../solver-client.ts';
import type { DecompositionRun } from './run.ts';

/**
 * MIP polish of `group` on `worker` from `incumbent`, on the hours the rest leaves free (polish.ts);
 * its plans join the master's pool and replace the group's if the evaluator prices them cheaper.
 * The group is busy meanwhile, so the other stream leaves it alone.
 */
export async function polishAndKeep(
  run: DecompositionRun,
  worker: HighsWorker,
  group: number[],
  incumbent: Map<number, IndexedAllocation[]>,
  options: PolishOptions,
  source: string,
): Promise<PolishResult | null> {
  const { instance, state, busy, pool, counters } = run;
  for (const order of group) busy.add(order);
  try {
    const result = await polishOrders(worker, instance, group, freeWithout(instance, state, group), incumbent, options);
    counters.polished++;
    if (result) for (const [order, allocations] of result.byOrder) pool.add(order, allocations, result.cost.get(order));
    if (result && run.credit(source, () => tryReplace(instance, state, group, result.byOrder, result.cost))) counters.polishAccepted++;
    return result;
  } finally {
    for (const order of group) busy.delete(order);
  }
}

/** The group's current plans, the polish's starting point. */
export function incumbentOf(state: PlanState, group: number[]): Map<number, IndexedAllocation[]> {
  return new Map<number, IndexedAllocation[]>(group.map((order) => [order, state.byOrder[order] ?? []]));
}

/**
 * Up to two orders using the capacity slots (member, process, week ± 1) of the target's plan:
 * with prices λ, those booking the most priced (congested) hours there, else at random.
 */
export function blockers(instance: Instance, state: PlanState, target: number, random: () => number, prices: Float64Array | null = null): number[] {
  const slots = new Set<number>();
  for (const allocation of state.byOrder[target] ?? []) {
    for (const shift of [-1, 0, 1]) {
      const week = allocation.week + shift;
      if (week >= 0 && week < instance.weeks.length) slots.add(slotOf(instance, { ...allocation, week }));
    }
  }
  const score = new Map<number, number>();
  state.byOrder.forEach((allocations, order) => {
    if (order === target) return;
    for (const allocation of allocations ?? []) {
      const slot = slotOf(instance, allocation);
      if (!slots.has(slot)) continue;
      score.set(order, (score.get(order) ?? 0) + (prices ? (prices[slot] ?? 0) * hoursOf(instance, allocation) : 0));
    }
  });
  const noise = new Map([...score.keys()].map((order) => [order, random()]));
  return [...score.keys()].sort((a, b) => (score.get(b) ?? 0) - (score.get(a) ?? 0) || (noise.get(a) ?? 0) - (noise.get(b) ?? 0)).slice(0, 2);
}
