/**
 * The decomposition's debug report (config `debug`; the cluster subgraph and the planner benchmark
 * set it from PLANNER_DEBUG=1): progress lines of every stream on stderr, where the objective's
 * decrease came from, and at the end the gap at the best prices, split into what the orders pay
 * above their priced optimum and the priced hours the plan leaves idle.
 */
import type { Instance } from '../instance.ts';
import { priceOf, slotHours } from '../lagrange.ts';
import type { PlanState } from '../search.ts';

export function debugWriter(enabled: boolean): (message: string) => void {
  return enabled ? (message) => void process.stderr.write(`[planner] ${message}\n`) : () => {};
}

/** Objective decrease by source (regret, polish, polish-group, lns, master, adopt), rounded. */
export function gainsSummary(gains: Record<string, number>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(gains).map(([source, gain]) => [source, Math.round(gain)])));
}

/** The end of the run: where the objective's decrease came from, and the gap at the best prices when there are any. */
export function reportEnd(
  run: { instance: Instance; state: PlanState; prices: Float64Array | null; pricedLower: Float64Array; gains: Record<string, number> },
  debug: (message: string) => void,
): void {
  const objective = run.state.cost.reduce((sum, cost) => sum + cost, 0);
  debug(`end: incumbent ${Math.round(objective)}; gains ${gainsSummary(run.gains)}`);
  reportPricedGap(run, debug);
}

/**
 * Gap at the best prices: Σ_o [cost_o + λ·hours_o − LB_o(λ)] (orders off their priced optimum)
 * + Σ λ·(free − used) (priced hours the plan leaves idle).
 */
function reportPricedGap(
  run: { instance: Instance; state: PlanState; prices: Float64Array | null; pricedLower: Float64Array },
  debug: (message: string) => void,
): void {
  const { instance, state, prices, pricedLower } = run;
  if (!prices) return;
  let reduced = 0;
  const worst: [number, number][] = [];
  state.byOrder.forEach((allocations, order) => {
    if (!allocations) return;
    const value = (state.cost[order] ?? 0) + priceOf(slotHours(instance, allocations), prices) - (pricedLower[order] ?? 0);
    reduced += value;
    worst.push([order, Math.round(value)]);
  });
  let idle = 0;
  prices.forEach((price, slot) => {
    if (price > 0) idle += price * Math.max(0, state.free[slot] ?? 0);
  });
  worst.sort((a, b) => b[1] - a[1]);
  debug(
    `gap at best λ: orders off their priced optimum ${Math.round(reduced)} (worst ${JSON.stringify(worst.slice(0, 8))}), priced idle hours ${Math.round(idle)}`,
  );
}
