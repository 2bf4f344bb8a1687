/**
 * MIP polish of a few orders (1–4) on the hours the other orders leave free: the exact model
 * (splits, pipelined shipments, lots) restricted to a neighbourhood of the incumbent — weeks up
 * to a little past the due date (or the incumbent's completion), and per operation the members
 * the incumbent uses, the cheapest few, and those that also run an adjacent operation of the
 * incumbent (no transport, no lead time). Whole units. HiGHS starts from the incumbent
 * (setSolution); the result is re-priced by the independent evaluator before it is accepted.
 */
import { orderObjective } from './evaluate.ts';
import { readModelSolution } from './evaluate.ts';
import type { IndexedAllocation } from './greedy.ts';
import { capacityIndex, type Instance, type PreparedOrder } from './instance.ts';
import { buildPlanModel } from './model.ts';
import type { HighsWorker } from './solver-client.ts';
import { greedyStart } from './warm-start.ts';

export interface PolishOptions {
  timeLimitSeconds: number;
  /** Cheapest members kept per operation besides the incumbent's (Infinity: every candidate). */
  cheapest?: number;
  /** Weeks allowed past the first late week. */
  lateSlackWeeks?: number;
  seed?: number;
}

export interface PolishResult {
  /** New allocations per order of the group (same order indices as the instance). */
  byOrder: Map<number, IndexedAllocation[]>;
  cost: Map<number, number>;
  seconds: number;
  status: number;
  /** The sub-MIP's own objective (for diagnostics; the evaluator's cost is what counts). */
  modelObjective: number | null;
}

export async function polishOrders(
  worker: HighsWorker,
  instance: Instance,
  group: number[],
  free: Float64Array,
  incumbent: Map<number, IndexedAllocation[]>,
  options: PolishOptions,
): Promise<PolishResult | null> {
  const started = performance.now();
  const weekCount = instance.weeks.length;
  const orders: PreparedOrder[] = [];
  group.forEach((order, index) => {
    const prepared = instance.orders[order];
    if (!prepared) return;
    const mine = incumbent.get(order) ?? [];
    const last = prepared.operations.length - 1;
    const finish = Math.max(-1, ...mine.filter((a) => a.operation === last).map((a) => a.week));
    const firstLate = prepared.lateDaysByWeek.findIndex((days) => days > 0);
    const lateEdge = firstLate < 0 ? weekCount - 1 : firstLate + (options.lateSlackWeeks ?? 1);
    const lastWeek = Math.min(weekCount - 1, Math.max(lateEdge, finish));
    const usedBy = (k: number): Set<number> => new Set(mine.filter((a) => a.operation === k).map((a) => a.member));
    const operations = prepared.operations.map((operation, k) => {
      const keep = new Set<number>([...usedBy(k)]);
      const price = (member: number): number => {
        let total = 0;
        for (let t = 0; t <= lastWeek; t++) total += instance.pricePerHour[capacityIndex(instance, member, operation.processIndex, t)] ?? 0;
        return total;
      };
      const byPrice = [...operation.candidates].sort((a, b) => price(a) - price(b));
      for (const member of byPrice.slice(0, options.cheapest ?? 4)) keep.add(member);
      for (const neighbour of [k - 1, k + 1]) for (const member of usedBy(neighbour)) if (operation.candidates.includes(member)) keep.add(member);
      return { ...operation, candidates: operation.candidates.filter((member) => keep.has(member)) };
    });
    orders.push({ ...prepared, index, operations, lastWeek });
  });
  const sub: Instance = {
    ...instance,
    freeHours: free,
    orders,
    rejected: [],
    warnings: [],
    fixed: instance.fixed.filter((pin) => group.includes(pin.orderIndex)).map((pin) => ({ ...pin, orderIndex: group.indexOf(pin.orderIndex) })),
  };
  const model = buildPlanModel(sub, { integerQuantities: true });
  await worker.load(model.lp);
  const current = group.flatMap((order, index) => (incumbent.get(order) ?? []).map((a) => ({ ...a, order: index })));
  const start = await greedyStart(worker, sub, model, { allocations: current, shipments: [], failedOrders: [] }, Math.max(0.05, options.timeLimitSeconds / 4));
  const left = options.timeLimitSeconds - (performance.now() - started) / 1000;
  if (left < 0.05) return null;
  const reply = await worker.solve({
    timeLimitSeconds: left,
    mipGap: 1e-4,
    colLower: model.lp.colLower,
    colUpper: model.lp.colUpper,
    ...(start ? { start } : {}),
    seed: options.seed ?? 0,
  });
  if (!reply.colValue) return null;
  const solution = readModelSolution(sub, model, reply.colValue);
  if (solution.unplanned.size > 0) return null;
  const byOrder = new Map<number, IndexedAllocation[]>();
  const cost = new Map<number, number>();
  group.forEach((order, index) => {
    const allocations = solution.allocations
      .filter((a) => a.order === index)
      .map((a) => ({ ...a, order, quantity: Math.round(a.quantity) }))
      .filter((a) => a.quantity > 0);
    byOrder.set(order, allocations);
    cost.set(order, orderObjective(instance, order, allocations));
  });
  return { byOrder, cost, seconds: (performance.now() - started) / 1000, status: reply.status, modelObjective: reply.objective };
}
