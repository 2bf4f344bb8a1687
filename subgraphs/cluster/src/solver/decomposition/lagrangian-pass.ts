/**
 * The bound stream's last phase: one pass of per-order MIPs at the best prices λ.
 *
 * L(λ) = Σ_o LB_o(λ) − Σ λ·free, LB_o = max(LP, MIP dual bound) of order o's Lagrangian
 * sub-problem (its own model, all capacity, hour prices + λ). Each order's MIP is split by
 * completion week (orderDisjunctiveMipBound: one MIP per week the order could still finish in,
 * from its strong LP_f) and given time in proportion to how far its bound could still rise (its
 * priced plan minus its LP term), smallest model first; an order without a MIP bound keeps its
 * LP. An order's MIP incumbent (alone, full capacity) is adopted when it fits.
 */
import { orderDisjunctiveMipBound, orderMipBound, type OrderBound } from '../bound.ts';
import { orderObjective } from '../evaluate.ts';
import type { IndexedAllocation } from '../greedy.ts';
import { lambdaCapacity, priceOf, slotHours } from '../lagrange.ts';
import { tryReplace } from '../search.ts';
import type { DecompositionRun } from './run.ts';

interface PricedPlan {
  allocations: IndexedAllocation[];
  cost: number;
}

interface OrderMipOutcome {
  bound: number | null;
  alone: OrderBound['alone'];
  optimal: boolean;
}

/** L(λ) at the end of the pass (null when the LPs could not all be solved or no time was left), by `until`. */
export async function lagrangianPass(run: DecompositionRun, lambda: Float64Array, until: number): Promise<number | null> {
  const { instance, pool, counters, state } = run;
  const left = (): number => (until - performance.now()) / 1000;
  const constant = lambdaCapacity(instance, lambda);
  const lower: number[] = [];
  const floors: number[] = [];
  if (left() < 0.2) return null;
  const all = await run.disjunctive.solveAll(
    instance,
    instance.orders.map((prepared) => prepared.index),
    run.deadline - 100,
    lambda,
  );
  for (const prepared of instance.orders) {
    const solved = all[prepared.index];
    if (!solved) return null;
    lower[prepared.index] = solved.value;
    floors[prepared.index] = solved.floor;
  }
  const current = (): number => lower.reduce((sum, value) => sum + value, 0) - constant;
  run.raiseLambdaBound(current());
  // An order whose cheapest known plan at λ (incumbent or pool) already meets its LP bound
  // gains nothing from a MIP: skipped, its time goes to the others.
  const upper = (order: number): number => cheapestPlan(run, order, lambda)?.cost ?? Infinity;
  const sequence = instance.orders
    .map((prepared) => prepared.index)
    .filter((order) => upper(order) - (lower[order] ?? -Infinity) > 1e-4 * Math.max(1, Math.abs(upper(order))))
    .sort((a, b) => run.modelSize(a) - run.modelSize(b));
  const potential = new Float64Array(instance.orders.length);
  for (const order of sequence) potential[order] = Math.max(0, upper(order) - (lower[order] ?? 0));
  run.debug(`Lagrangian pass: L_LP ${Math.round(current())}, ${sequence.length} order MIPs, ${left().toFixed(1)} s left`);
  const unsolved: { order: number; seconds: number }[] = [];
  for (let i = 0; i < sequence.length; i++) {
    const order = sequence[i] ?? 0;
    // Time in proportion to what the order's bound could still rise (its priced plan − its LP
    // term), at least 0.2 s: a near-tight order gets little, the far ones most.
    let remaining = 0;
    for (let j = i; j < sequence.length; j++) remaining += potential[sequence[j] ?? 0] ?? 0;
    const share = Math.max(0.2 / Math.max(0.2, left() - 0.3), (potential[order] ?? 0) / Math.max(1e-9, remaining));
    const seconds = Math.min(left() - 0.3, (left() - 0.3) * share);
    if (seconds < 0.05) break;
    const lpLower = lower[order] ?? 0;
    const result = await orderMip(run, order, lambda, floors[order] ?? 0, seconds);
    counters.mipBounds++;
    if (result.bound !== null) lower[order] = Math.max(lower[order] ?? -Infinity, result.bound);
    if (run.prices === lambda) run.pricedLower[order] = Math.max(run.pricedLower[order] ?? -Infinity, lower[order] ?? -Infinity);
    if (result.alone) {
      const cost = orderObjective(instance, order, result.alone.allocations);
      pool.add(order, result.alone.allocations, cost);
      const plans = new Map([[order, result.alone.allocations]]);
      if (run.credit('adopt', () => tryReplace(instance, state, [order], plans, new Map([[order, cost]])))) counters.adopted++;
    }
    if (!result.optimal) unsolved.push({ order, seconds });
    run.raiseLambdaBound(current());
    run.debug(
      `order MIP ${order} (${i + 1}/${sequence.length}): ${seconds.toFixed(2)} s, lp ${Math.round(lpLower)}→${Math.round(lower[order] ?? 0)} (mip ${result.bound === null ? '-' : Math.round(result.bound)}, upper ${Math.round(upper(order))}, ${result.optimal ? 'optimal' : 'open'}); L ${Math.round(current())}, ${left().toFixed(1)} s left`,
    );
  }
  // Time left: the orders HiGHS did not close get it again, shortest first, with a longer limit.
  unsolved.sort((a, b) => a.seconds - b.seconds);
  for (let i = 0; i < unsolved.length; i++) {
    const { order, seconds: before } = unsolved[i] ?? { order: 0, seconds: 0 };
    const seconds = (left() - 0.3) / (unsolved.length - i);
    if (seconds < Math.max(0.3, 1.5 * before)) continue;
    const result = await orderMip(run, order, lambda, floors[order] ?? 0, seconds);
    counters.mipBounds++;
    if (result.bound !== null) lower[order] = Math.max(lower[order] ?? -Infinity, result.bound);
    run.raiseLambdaBound(current());
  }
  run.debug(`Lagrangian pass: ${Math.round(current())} at ${left().toFixed(1)} s left`);
  return current();
}

/** Order o's current plan with its cost at prices λ. */
function pricedPlan(run: DecompositionRun, order: number, lambda: Float64Array): PricedPlan | null {
  const planned = run.state.byOrder[order];
  return planned ? { allocations: planned, cost: (run.state.cost[order] ?? Infinity) + priceOf(slotHours(run.instance, planned), lambda) } : null;
}

/** Order o's cheapest known plan at prices λ: its current plan or one of the pool's. */
function cheapestPlan(run: DecompositionRun, order: number, lambda: Float64Array): PricedPlan | null {
  let best = pricedPlan(run, order, lambda);
  for (const column of run.pool.byOrder[order] ?? []) {
    const cost = column.cost + priceOf(column.slots, lambda);
    if (!best || cost < best.cost) best = { allocations: column.allocations, cost };
  }
  return best;
}

/** Order o's sub-problem bound at λ in `seconds`: the disjunctive MIP (bound.ts) when a plan is known, else its whole MIP above `floor`. */
async function orderMip(run: DecompositionRun, order: number, lambda: Float64Array, floor: number, seconds: number): Promise<OrderMipOutcome> {
  const { instance, boundWorker } = run;
  const known = cheapestPlan(run, order, lambda);
  if (known && Number.isFinite(known.cost)) {
    const started = performance.now();
    const weeks = await run.disjunctive.weeks(instance, order, lambda, known.cost, Math.min(run.deadline - 100, started + 1000 * seconds));
    const rest = seconds - (performance.now() - started) / 1000;
    if (weeks && rest > 0.05) return orderDisjunctiveMipBound(boundWorker, instance, order, known, weeks, rest, lambda);
  }
  return orderMipBound(boundWorker, instance, order, pricedPlan(run, order, lambda), seconds, lambda, floor);
}
