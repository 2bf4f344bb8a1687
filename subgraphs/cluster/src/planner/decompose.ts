/**
 * Big instances, decomposed by order, on both cores:
 *
 * - main thread: the chain search builds a plan (constructPlan) and improves it by regret-driven
 *   rip-up-and-re-insert (regretSearch) in short bursts;
 * - search worker: MIP polish of one order, then of an order with the orders blocking it, on the
 *   hours the rest leaves free (polish.ts), worst (objective − bound) first;
 * - bound worker: per-order LP bounds, then per-order MIP bounds for the orders with the
 *   largest gap; an order's MIP incumbent (alone, full capacity) is adopted when it fits.
 *
 * Every plan change is priced by the independent evaluator and kept only if cheaper.
 */
import { bestOrderBound, orderLpBound, orderMipBound, totalBound, type OrderBound } from './bound.ts';
import { mulberry32, relativeGap } from './full-mip.ts';
import type { IndexedAllocation } from './greedy.ts';
import type { Instance } from './instance.ts';
import { polishOrders } from './polish.ts';
import { constructPlan, freeWithout, regretSearch, slotOf, tryReplace, type PlanState } from './search.ts';
import { orderObjective } from './evaluate.ts';
import { HighsWorker } from './solver-client.ts';

export interface DecompositionOutcome {
  state: PlanState;
  bestBound: number | null;
  orderBounds: OrderBound[];
  iterations: number;
  /** Time of the first (chain-search) plan. */
  constructSeconds: number;
  notes: string[];
}

export async function solveByDecomposition(instance: Instance, options: { deadline: number; mipGap: number; seed: number }): Promise<DecompositionOutcome> {
  const { deadline, mipGap } = options;
  const random = mulberry32(options.seed);
  const [boundWorker, searchWorker] = await Promise.all([HighsWorker.start(), HighsWorker.start()]);
  const bounds: OrderBound[] = instance.orders.map(() => ({ lp: null, mip: null, alone: null }));
  const constructStarted = performance.now();
  const state = constructPlan(instance);
  const constructSeconds = (performance.now() - constructStarted) / 1000;
  const counters = { regretRounds: 0, polished: 0, polishAccepted: 0, adopted: 0, mipBounds: 0 };
  const left = (): number => (deadline - performance.now()) / 1000;
  const objective = (): number => state.cost.reduce((sum, cost) => sum + cost, 0);
  const closed = (): boolean => {
    const bound = totalBound(bounds);
    return bound !== null && relativeGap(objective(), bound) <= mipGap;
  };
  const orderGap = (order: number): number => (state.cost[order] ?? Infinity) - (bestOrderBound(bounds[order] ?? { lp: null, mip: null, alone: null }) ?? 0);

  const boundTask = async (): Promise<void> => {
    for (const prepared of instance.orders) {
      if (left() < 0.1) return;
      const bound = bounds[prepared.index];
      if (bound) bound.lp = await orderLpBound(boundWorker, instance, prepared.index, deadline - 100);
    }
    const done = new Set<number>();
    while (left() > 0.3 && !closed()) {
      const order = instance.orders.map((prepared) => prepared.index).filter((o) => !done.has(o)).sort((a, b) => orderGap(b) - orderGap(a))[0];
      if (order === undefined || orderGap(order) <= 1e-6) return;
      done.add(order);
      const remainingOrders = instance.orders.length - done.size + 1;
      const seconds = Math.min(left() - 0.2, Math.max(0.5, Math.min(6, left() / Math.max(1, remainingOrders / 3))));
      const planned = state.byOrder[order];
      const result = await orderMipBound(boundWorker, instance, order, planned ? { allocations: planned, cost: state.cost[order] ?? Infinity } : null, seconds);
      counters.mipBounds++;
      const bound = bounds[order];
      if (bound && result.bound !== null) bound.mip = Math.max(bound.mip ?? -Infinity, result.bound);
      if (result.alone) {
        const cost = orderObjective(instance, order, result.alone.allocations);
        if (tryReplace(instance, state, [order], new Map([[order, result.alone.allocations]]), new Map([[order, cost]]))) counters.adopted++;
      }
    }
  };

  const searchTask = async (): Promise<void> => {
    let round = 0;
    let ideal: Parameters<typeof regretSearch>[2]['ideal'];
    const tried = new Set<string>();
    while (left() > 0.4 && !closed()) {
      round++;
      const burst = regretSearch(instance, state, { deadline: Math.min(deadline - 300, performance.now() + 250), random, maxRounds: 15, ...(ideal ? { ideal } : {}) });
      ideal = burst.ideal;
      counters.regretRounds += burst.rounds;
      const ranked = instance.orders.map((prepared) => prepared.index).sort((a, b) => orderGap(b) - orderGap(a));
      const target = ranked.find((order) => !tried.has(`${order}|${round % 3 === 0 ? 'g' : 's'}`)) ?? ranked[Math.floor(random() * ranked.length)] ?? 0;
      const grouped = round % 3 === 0;
      tried.add(`${target}|${grouped ? 'g' : 's'}`);
      const group = grouped ? [target, ...blockers(instance, state, target, random)] : [target];
      const incumbent = new Map<number, IndexedAllocation[]>(group.map((order) => [order, state.byOrder[order] ?? []]));
      const seconds = Math.min(left() - 0.3, Math.max(0.6, Math.min(grouped ? 4 : 2.5, left() / 8)));
      if (seconds < 0.2) break;
      const result = await polishOrders(searchWorker, instance, group, freeWithout(instance, state, group), incumbent, { timeLimitSeconds: seconds, seed: round });
      counters.polished++;
      if (result && tryReplace(instance, state, group, result.byOrder, result.cost)) counters.polishAccepted++;
      if (tried.size >= 2 * instance.orders.length) tried.clear();
    }
  };

  try {
    await Promise.all([boundTask(), searchTask()]);
  } finally {
    await Promise.all([boundWorker.close(), searchWorker.close()]);
  }
  const lpOnly = bounds.filter((bound) => bound.mip === null).length;
  return {
    state,
    bestBound: totalBound(bounds),
    orderBounds: bounds,
    constructSeconds,
    iterations: counters.regretRounds + counters.polished,
    notes: [
      `Decomposition by order: chain search + ${counters.regretRounds} rip-up/re-insert rounds; ${counters.polished} MIP polishes (${counters.polishAccepted} improved); ${counters.adopted} single-order optima adopted.`,
      `Bound = Σ per-order bounds (capacity coupling relaxed): ${instance.orders.length - lpOnly} per-order MIP dual bounds, ${lpOnly} LP relaxations.`,
    ],
  };
}

/** Up to two orders using the capacity slots (member, process, week ± 1) of the target's plan. */
function blockers(instance: Instance, state: PlanState, target: number, random: () => number): number[] {
  const slots = new Set<number>();
  for (const allocation of state.byOrder[target] ?? []) {
    for (const shift of [-1, 0, 1]) {
      const week = allocation.week + shift;
      if (week >= 0 && week < instance.weeks.length) slots.add(slotOf(instance, { ...allocation, week }));
    }
  }
  const found = new Set<number>();
  state.byOrder.forEach((allocations, order) => {
    if (order !== target && (allocations ?? []).some((allocation) => slots.has(slotOf(instance, allocation)))) found.add(order);
  });
  return [...found].sort(() => random() - 0.5).slice(0, 2);
}
