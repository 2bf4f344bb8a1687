/**
 * Lower bound by decomposition. The objective is a sum over orders and orders are coupled only
 * by capacity, so dropping the coupling (each order may use every member's full free hours) is
 * a relaxation: Σ_o LB_o ≤ optimum, for any valid lower bound LB_o of order o's own model
 * (Lagrangian relaxation with zero multipliers). Per order we take the better of
 *   - the LP relaxation of its full model (all members, all weeks; lots projected out), and
 *   - HiGHS' dual bound of its full MIP (time-limited, started from the incumbent plan).
 * The model's transport (region flows through a timed pool) never costs more than the real
 * routing of the same allocations, so these are bounds of the evaluator's objective too.
 */
import type { IndexedAllocation } from './greedy.ts';
import type { Instance } from './instance.ts';
import { subInstance } from './lns.ts';
import { buildPlanModel } from './model.ts';
import { HIGHS_STATUS, type HighsWorker } from './solver-client.ts';
import { greedyStart } from './warm-start.ts';

export interface OrderBound {
  lp: number | null;
  mip: number | null;
  /** Objective of the MIP's incumbent (order alone, full capacity) and its allocations. */
  alone: { objective: number; allocations: IndexedAllocation[] } | null;
}

export function bestOrderBound(bound: OrderBound): number | null {
  const values = [bound.lp, bound.mip].filter((value): value is number => value !== null && Number.isFinite(value));
  return values.length === 0 ? null : Math.max(...values);
}

export function totalBound(bounds: OrderBound[]): number | null {
  let total = 0;
  for (const bound of bounds) {
    const value = bestOrderBound(bound);
    if (value === null) return null;
    total += value;
  }
  return total;
}

export async function orderLpBound(worker: HighsWorker, instance: Instance, order: number, deadline: number): Promise<number | null> {
  const model = buildPlanModel(subInstance(instance, [order], []), { relaxLots: true });
  await worker.load(model.lp);
  const seconds = (deadline - performance.now()) / 1000;
  if (seconds < 0.02) return null;
  const reply = await worker.solve({ timeLimitSeconds: seconds, mipGap: 0, relaxation: true, extraOptions: { solver: 'simplex' } });
  return reply.status === HIGHS_STATUS.optimal ? reply.dualBound : null;
}

export async function orderMipBound(
  worker: HighsWorker,
  instance: Instance,
  order: number,
  incumbent: { allocations: IndexedAllocation[]; cost: number } | null,
  timeLimitSeconds: number,
): Promise<{ bound: number | null; alone: OrderBound['alone'] }> {
  const sub = subInstance(instance, [order], []);
  const prepared = sub.orders[0];
  if (!prepared) return { bound: null, alone: null };
  // Horizon cut: finishing after week L costs at least lateness(L+1) ≥ the incumbent's cost U, so
  // optimum ≥ min(bound of the model cut at L, lateness(L+1)) — still a valid bound.
  let tailBound = Infinity;
  if (incumbent && Number.isFinite(incumbent.cost)) {
    const days = prepared.lateDaysByWeek;
    const cut = days.findIndex((value, week) => week + 1 < days.length && prepared.lateRatePerDay * (days[week + 1] ?? 0) >= incumbent.cost);
    if (cut >= 0) {
      prepared.lastWeek = cut;
      tailBound = prepared.lateRatePerDay * (days[cut + 1] ?? 0);
    }
  }
  const model = buildPlanModel(sub);
  await worker.load(model.lp);
  const started = performance.now();
  const inHorizon = (incumbent?.allocations ?? []).every((allocation) => allocation.week <= (prepared.lastWeek ?? Infinity));
  const current = inHorizon ? (incumbent?.allocations ?? []).map((allocation) => ({ ...allocation, order: 0 })) : [];
  const start = current.length > 0 ? await greedyStart(worker, sub, model, { allocations: current, shipments: [], failedOrders: [] }, Math.min(0.5, timeLimitSeconds / 4)) : null;
  const left = timeLimitSeconds - (performance.now() - started) / 1000;
  if (left < 0.05) return { bound: null, alone: null };
  // The start's LP fixed the integer columns: the MIP gets the model's own bounds back.
  const reply = await worker.solve({ timeLimitSeconds: left, mipGap: 1e-4, colLower: model.lp.colLower, colUpper: model.lp.colUpper, ...(start ? { start } : {}) });
  const mipBound = reply.dualBound !== null && Number.isFinite(reply.dualBound) ? reply.dualBound : null;
  const bound = mipBound === null ? null : Math.min(mipBound, tailBound);
  let alone: OrderBound['alone'] = null;
  if (reply.colValue && reply.objective !== null && (reply.colValue[model.shortfallColumn[0] ?? 0] ?? 0) < 0.5) {
    const allocations: IndexedAllocation[] = [];
    for (const entry of model.quantities) {
      const value = reply.colValue[entry.column] ?? 0;
      if (value > 1e-6) allocations.push({ order, operation: entry.operation, member: entry.member, week: entry.week, quantity: value });
    }
    // Continuous quantities: adopt only whole-unit plans.
    if (allocations.every((allocation) => Math.abs(allocation.quantity - Math.round(allocation.quantity)) < 1e-6)) {
      alone = { objective: reply.objective, allocations: allocations.map((allocation) => ({ ...allocation, quantity: Math.round(allocation.quantity) })) };
    }
  }
  return { bound, alone };
}
