/**
 * Lagrangian relaxation of the member capacity rows, with column generation to find the prices.
 *
 * Orders are coupled only by capacity: Σ_o hours_o(slot) ≤ free(slot) for every (member,
 * process, week) slot. Pricing those rows with λ ≥ 0 (money per hour) gives, for ANY λ ≥ 0,
 *
 *     L(λ) = Σ_o min_{plans p of o} [cost_o(p) + Σ_slot λ_slot·hours_p(slot)] − Σ_slot λ_slot·free(slot)
 *
 * a lower bound on the optimum (weak duality). Each order's minimum is its own MIP with the
 * prices added to the cost of an hour (its own capacity rows stay), so any valid lower bound of
 * that MIP — HiGHS' MIP dual bound, or its LP relaxation — may stand in for it and L stays a
 * valid bound. λ = 0 is the old "capacity coupling dropped" bound. The LP stand-in used during
 * the ascent is the disjunction on the completion week (bound.ts, OrderDisjunctiveLp): min over f
 * of late(f) + LP with the weeks after f closed — a lower bound of the order's MIP that the plain
 * LP (lateness paid only for the late fraction) is not close to.
 *
 * Good prices come from a Dantzig–Wolfe master over a pool of whole-unit per-order plans (the
 * incumbent's, chain-search plans priced at the current duals, MIP polish results): the master
 * LP's capacity duals are λ. The master MIP (one pool plan per order, capacity respected) is also
 * a primal heuristic.
 */
import type { IndexedAllocation } from './greedy.ts';
import { capacityIndex, type Instance } from './instance.ts';
import { LinearModelBuilder, type LinearModel } from './lp-builder.ts';
import { planOrderChain } from './chain.ts';
import { orderObjective } from './evaluate.ts';

export interface PlanColumn {
  order: number;
  allocations: IndexedAllocation[];
  /** True objective of the plan (evaluator). */
  cost: number;
  /** Hours per capacity slot. */
  slots: Map<number, number>;
}

export function slotHours(instance: Instance, allocations: IndexedAllocation[]): Map<number, number> {
  const slots = new Map<number, number>();
  for (const allocation of allocations) {
    const operation = instance.orders[allocation.order]?.operations[allocation.operation];
    if (!operation || allocation.quantity <= 0) continue;
    const slot = capacityIndex(instance, allocation.member, operation.processIndex, allocation.week);
    slots.set(slot, (slots.get(slot) ?? 0) + allocation.quantity * operation.hoursPerUnit + operation.setupHours);
  }
  return slots;
}

/** Σ_slot λ·hours of a plan. */
export function priceOf(slots: Map<number, number>, lambda: Float64Array | null): number {
  if (!lambda) return 0;
  let total = 0;
  for (const [slot, hours] of slots) total += (lambda[slot] ?? 0) * hours;
  return total;
}

/** Σ_slot λ_slot·free(slot): the constant of the Lagrangian function. */
export function lambdaCapacity(instance: Instance, lambda: Float64Array): number {
  let total = 0;
  lambda.forEach((value, slot) => {
    if (value > 0) total += value * (instance.freeHours[slot] ?? 0);
  });
  return total;
}

const planKey = (allocations: IndexedAllocation[]): string =>
  allocations
    .map((a) => `${a.operation}.${a.member}.${a.week}.${a.quantity}`)
    .sort()
    .join(',');

export class ColumnPool {
  readonly byOrder: PlanColumn[][];
  private readonly keys = new Set<string>();

  constructor(private readonly instance: Instance) {
    this.byOrder = instance.orders.map(() => []);
  }

  get size(): number {
    return this.keys.size;
  }

  /** Adds a whole-unit plan of one order (cost from the evaluator); false if known or invalid. */
  add(order: number, allocations: IndexedAllocation[], cost?: number): boolean {
    if (allocations.length === 0 || allocations.some((a) => !Number.isInteger(a.quantity))) return false;
    const key = `${order}|${planKey(allocations)}`;
    if (this.keys.has(key)) return false;
    const value = cost ?? orderObjective(this.instance, order, allocations);
    if (!Number.isFinite(value)) return false;
    const slots = slotHours(this.instance, allocations);
    for (const [slot, hours] of slots) if (hours > (this.instance.freeHours[slot] ?? 0) + 1e-6) return false;
    this.keys.add(key);
    this.byOrder[order]?.push({ order, allocations, cost: value, slots });
    return true;
  }
}

export interface MasterModel {
  lp: LinearModel;
  columns: PlanColumn[];
  /** Capacity slot of each capacity row (rows after the convexity rows). */
  slots: number[];
  orderCount: number;
}

/** min Σ cost·z  s.t.  Σ_p z_op = 1 (each order),  Σ hours·z ≤ free (each slot used),  z ∈ [0, 1]. */
export function buildMaster(instance: Instance, pool: ColumnPool, integer: boolean): MasterModel {
  const builder = new LinearModelBuilder();
  const columns = pool.byOrder.flat();
  const indexOf = columns.map((column) => builder.addColumn(column.cost, 0, 1, integer, column.order));
  const orderCount = instance.orders.length;
  for (let order = 0; order < orderCount; order++) {
    builder.addRow(
      1,
      1,
      columns.flatMap((column, i) => (column.order === order ? [[indexOf[i] ?? 0, 1] as const] : [])),
    );
  }
  const terms = new Map<number, [number, number][]>();
  columns.forEach((column, i) => {
    for (const [slot, hours] of column.slots) {
      const list = terms.get(slot) ?? [];
      terms.set(slot, list);
      list.push([indexOf[i] ?? 0, hours]);
    }
  });
  const slots: number[] = [];
  for (const [slot, list] of terms) {
    // A slot no two plans of different orders could overload needs no row.
    const byOrder = new Map<number, number>();
    list.forEach(([column, hours]) => {
      const order = columns[column]?.order ?? -1;
      byOrder.set(order, Math.max(byOrder.get(order) ?? 0, hours));
    });
    let worst = 0;
    for (const hours of byOrder.values()) worst += hours;
    if (worst <= (instance.freeHours[slot] ?? 0) + 1e-9) continue;
    builder.addRow(-Infinity, instance.freeHours[slot] ?? 0, list);
    slots.push(slot);
  }
  return { lp: builder.build(), columns, slots, orderCount };
}

/** Capacity prices λ = −(row dual) ≥ 0 and convexity duals μ from the master LP's row duals. */
export function masterPrices(instance: Instance, master: MasterModel, rowDual: Float64Array): { lambda: Float64Array; mu: Float64Array } {
  const lambda = new Float64Array(instance.freeHours.length);
  master.slots.forEach((slot, i) => {
    lambda[slot] = Math.max(0, -(rowDual[master.orderCount + i] ?? 0));
  });
  const mu = Float64Array.from({ length: master.orderCount }, (_, order) => rowDual[order] ?? 0);
  return { lambda, mu };
}

/**
 * Pricing by the chain search on full capacity with λ added to the hour price: adds the plan of
 * each order whose reduced cost is negative. Returns the number of columns added.
 */
export function priceColumns(instance: Instance, pool: ColumnPool, lambda: Float64Array, mu: Float64Array): number {
  let added = 0;
  for (const prepared of instance.orders) {
    if (instance.fixed.some((pin) => pin.orderIndex === prepared.index)) continue;
    const chain = planOrderChain(instance, prepared, instance.freeHours, lambda);
    if (!chain) continue;
    if (chain.cost - (mu[prepared.index] ?? 0) < -1e-6 && pool.add(prepared.index, chain.allocations)) added++;
  }
  return added;
}

/** Chain-search plan of every order at prices λ (congestion-aware alternatives for the master MIP). */
export function addPricedPlans(instance: Instance, pool: ColumnPool, lambda: Float64Array): number {
  let added = 0;
  for (const prepared of instance.orders) {
    if (instance.fixed.some((pin) => pin.orderIndex === prepared.index)) continue;
    const chain = planOrderChain(instance, prepared, instance.freeHours, lambda);
    if (chain && pool.add(prepared.index, chain.allocations)) added++;
  }
  return added;
}

/** Chosen plan per order from a master MIP column vector. */
export function masterChoice(master: MasterModel, colValue: ArrayLike<number>): Map<number, PlanColumn> {
  const chosen = new Map<number, PlanColumn>();
  master.columns.forEach((column, i) => {
    if ((colValue[i] ?? 0) > 0.5) chosen.set(column.order, column);
  });
  return chosen;
}

/** Start vector for the master MIP: the column equal to each order's current plan. */
export function masterStart(master: MasterModel, current: (IndexedAllocation[] | null)[]): Float64Array | null {
  const start = new Float64Array(master.columns.length);
  const wanted = current.map((allocations) => (allocations ? planKey(allocations) : null));
  const found = new Set<number>();
  master.columns.forEach((column, i) => {
    if (found.has(column.order)) return;
    if (wanted[column.order] !== null && planKey(column.allocations) === wanted[column.order]) {
      start[i] = 1;
      found.add(column.order);
    }
  });
  return found.size === master.orderCount ? start : null;
}
