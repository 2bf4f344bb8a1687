/**
 * Turns the greedy plan into a full MIP start: integer columns (lots, members used, completion
 * weeks) are fixed to the greedy's choices and HiGHS solves the remaining LP, which fills in
 * stocks and flows and may re-balance quantities ("greedy + LP polish"). HiGHS then receives the
 * vector via setSolution (MIP start).
 */
import type { GreedyPlan } from './greedy.ts';
import type { Instance } from './instance.ts';
import { quantityKey, type PlanModel } from './model.ts';
import type { HighsWorker } from './solver-client.ts';

export async function greedyStart(
  worker: HighsWorker,
  instance: Instance,
  model: PlanModel,
  greedy: GreedyPlan,
  timeLimitSeconds: number,
): Promise<Float64Array | null> {
  const { lp } = model;
  const lower = Float64Array.from(lp.colLower);
  const upper = Float64Array.from(lp.colUpper);
  const placed = new Set<string>();
  const placedQuantity = new Map<string, number>();
  const membersUsed = new Set<string>();
  const completionWeek = new Map<number, number>();
  for (const allocation of greedy.allocations) {
    if (!model.quantityAt.has(quantityKey(allocation.order, allocation.operation, allocation.member, allocation.week))) return null;
    const key = quantityKey(allocation.order, allocation.operation, allocation.member, allocation.week);
    placed.add(key);
    placedQuantity.set(key, (placedQuantity.get(key) ?? 0) + allocation.quantity);
    membersUsed.add(`${allocation.order}|${allocation.operation}|${allocation.member}`);
    const last = (instance.orders[allocation.order]?.operations.length ?? 0) - 1;
    if (allocation.operation === last) completionWeek.set(allocation.order, Math.max(completionWeek.get(allocation.order) ?? -1, allocation.week));
  }
  const fix = (column: number, value: number): void => {
    lower[column] = value;
    upper[column] = value;
  };
  for (const entry of model.quantities) {
    const key = quantityKey(entry.order, entry.operation, entry.member, entry.week);
    if (entry.lotColumn >= 0) fix(entry.lotColumn, placed.has(key) ? 1 : 0);
    // Whole-unit models: the start's quantities are integers already; the LP fills the rest.
    if ((lp.integrality[entry.column] ?? 0) === 1) fix(entry.column, Math.round(placedQuantity.get(key) ?? 0));
  }
  for (const use of model.uses) fix(use.column, membersUsed.has(`${use.order}|${use.operation}|${use.member}`) ? 1 : 0);
  for (const completion of model.completions) {
    const week = completionWeek.get(completion.order);
    fix(completion.column, week !== undefined && completion.week >= week ? 1 : 0);
  }
  const failed = new Set(greedy.failedOrders);
  model.shortfallColumn.forEach((column, order) => fix(column, failed.has(order) ? 1 : 0));
  const reply = await worker.solve({ timeLimitSeconds: Math.max(0.05, timeLimitSeconds), mipGap: 0, relaxation: true, colLower: lower, colUpper: upper });
  if (!reply.colValue) return null;
  const start = reply.colValue;
  for (let column = 0; column < lp.numCols; column++) if ((lp.integrality[column] ?? 0) === 1) start[column] = Math.round(start[column] ?? 0);
  return start;
}
