/**
 * Primal side of the decomposition. Orders interact only through capacity, so a plan is a set
 * of per-order plans on shared free hours:
 *
 * - constructPlan: orders in due-date/priority order, each planned by the chain search on the
 *   hours left by the ones before (greedy scheduling as the fallback, and for pinned orders);
 * - regretSearch: each order's "ideal" plan (alone, on full capacity) tells how much it lost
 *   to the others (its regret); repeatedly rip up an order with regret together with the orders
 *   sitting on the capacity its ideal plan needs, re-insert them in a random sequence, keep the
 *   change if the orders' total objective fell.
 */
import { orderObjective } from './evaluate.ts';
import { scheduleOrder, type IndexedAllocation } from './greedy.ts';
import { capacityIndex, type Instance } from './instance.ts';
import { planOrderChain } from './chain.ts';

export interface PlanState {
  /** Allocations per plannable order; null when the order could not be planned. */
  byOrder: (IndexedAllocation[] | null)[];
  /** Objective per order (Infinity when unplanned). */
  cost: number[];
  /** Free hours left by the planned orders. */
  free: Float64Array;
}

export function stateAllocations(state: PlanState): IndexedAllocation[] {
  return state.byOrder.flatMap((allocations) => allocations ?? []);
}

export function unplannedOf(state: PlanState): Set<number> {
  return new Set(state.byOrder.flatMap((allocations, order) => (allocations === null ? [order] : [])));
}

export function slotOf(instance: Instance, allocation: IndexedAllocation): number {
  const operation = instance.orders[allocation.order]?.operations[allocation.operation];
  return capacityIndex(instance, allocation.member, operation?.processIndex ?? 0, allocation.week);
}

export function hoursOf(instance: Instance, allocation: IndexedAllocation): number {
  const operation = instance.orders[allocation.order]?.operations[allocation.operation];
  return operation ? allocation.quantity * operation.hoursPerUnit + operation.setupHours : 0;
}

function book(instance: Instance, free: Float64Array, allocations: IndexedAllocation[], sign: 1 | -1): void {
  for (const allocation of allocations) {
    const slot = slotOf(instance, allocation);
    free[slot] = (free[slot] ?? 0) - sign * hoursOf(instance, allocation);
  }
}

/** Best plan of one order on `free` (not booked). */
export function planOrder(instance: Instance, order: number, free: Float64Array): { allocations: IndexedAllocation[]; cost: number } | null {
  const prepared = instance.orders[order];
  if (!prepared) return null;
  const pinned = instance.fixed.some((pin) => pin.orderIndex === order);
  const options: { allocations: IndexedAllocation[]; cost: number }[] = [];
  if (!pinned) {
    const chain = planOrderChain(instance, prepared, free);
    if (chain) options.push({ allocations: chain.allocations, cost: orderObjective(instance, order, chain.allocations) });
  }
  if (pinned || options.length === 0) {
    const scheduled = scheduleOrder(instance, prepared, Float64Array.from(free));
    if (scheduled) options.push({ allocations: scheduled.allocations, cost: orderObjective(instance, order, scheduled.allocations) });
  }
  options.sort((a, b) => a.cost - b.cost);
  return options[0] ?? null;
}

export function sequenceByDueDate(instance: Instance): number[] {
  return [...instance.orders]
    .sort((a, b) => a.order.dueDate.localeCompare(b.order.dueDate) || b.order.priority - a.order.priority || a.index - b.index)
    .map((prepared) => prepared.index);
}

export function constructPlan(instance: Instance, sequence = sequenceByDueDate(instance)): PlanState {
  const state: PlanState = {
    byOrder: instance.orders.map(() => null),
    cost: instance.orders.map(() => Infinity),
    free: Float64Array.from(instance.freeHours),
  };
  for (const order of sequence) insert(instance, state, order);
  return state;
}

function insert(instance: Instance, state: PlanState, order: number): void {
  const planned = planOrder(instance, order, state.free);
  state.byOrder[order] = planned?.allocations ?? null;
  state.cost[order] = planned?.cost ?? Infinity;
  if (planned) book(instance, state.free, planned.allocations, 1);
}

function remove(instance: Instance, state: PlanState, order: number): void {
  const allocations = state.byOrder[order];
  if (allocations) book(instance, state.free, allocations, -1);
  state.byOrder[order] = null;
  state.cost[order] = Infinity;
}

/** Replaces the plans of `orders` (rip-up and re-insert in this sequence) if that is cheaper. */
export function reinsert(instance: Instance, state: PlanState, orders: number[], onPlan?: PlanListener): boolean {
  const saved = orders.map((order) => ({ order, allocations: state.byOrder[order] ?? null, cost: state.cost[order] ?? Infinity }));
  const before = saved.reduce((sum, entry) => sum + entry.cost, 0);
  for (const order of orders) remove(instance, state, order);
  for (const order of orders) insert(instance, state, order);
  if (onPlan)
    for (const order of orders) {
      const allocations = state.byOrder[order];
      if (allocations) onPlan(order, allocations, state.cost[order] ?? Infinity);
    }
  const after = orders.reduce((sum, order) => sum + (state.cost[order] ?? Infinity), 0);
  if (after < before - 1e-6) return true;
  for (const order of orders) remove(instance, state, order);
  for (const entry of saved) {
    state.byOrder[entry.order] = entry.allocations;
    state.cost[entry.order] = entry.cost;
    if (entry.allocations) book(instance, state.free, entry.allocations, 1);
  }
  return false;
}

/** Receives every plan the search builds, kept or not (columns for the master MIP). */
export type PlanListener = (order: number, allocations: IndexedAllocation[], cost: number) => void;

export interface RegretSearchOptions {
  onPlan?: PlanListener;
  deadline: number;
  random: () => number;
  /** Each order's plan alone on full capacity (from the bound side, or computed here). */
  ideal?: ({ allocations: IndexedAllocation[]; cost: number } | null)[];
  maxRounds?: number;
}

export function regretSearch(
  instance: Instance,
  state: PlanState,
  options: RegretSearchOptions,
): { rounds: number; ideal: ({ allocations: IndexedAllocation[]; cost: number } | null)[] } {
  const ideal = options.ideal ?? instance.orders.map((prepared) => planOrder(instance, prepared.index, instance.freeHours));
  const users = new Map<number, Set<number>>();
  const refreshUsers = (): void => {
    users.clear();
    state.byOrder.forEach((allocations, order) => {
      for (const allocation of allocations ?? []) {
        const slot = slotOf(instance, allocation);
        const set = users.get(slot) ?? new Set<number>();
        users.set(slot, set);
        set.add(order);
      }
    });
  };
  refreshUsers();
  let rounds = 0;
  const maxRounds = options.maxRounds ?? Infinity;
  while (rounds < maxRounds && performance.now() < options.deadline) {
    const regrets = state.cost.map((cost, order) => Math.max(0, cost - (ideal[order]?.cost ?? cost)));
    const total = regrets.reduce((sum, value) => sum + (Number.isFinite(value) ? value : 1e6), 0);
    if (total <= 1e-6) break;
    rounds++;
    let pick = options.random() * total;
    let target = 0;
    for (; target < regrets.length - 1; target++) {
      const value = regrets[target] ?? 0;
      pick -= Number.isFinite(value) ? value : 1e6;
      if (pick <= 0) break;
    }
    // Orders occupying the slots the target's ideal plan would use (in the weeks around them too).
    const blockers = new Set<number>();
    for (const allocation of ideal[target]?.allocations ?? []) {
      for (const shift of [0, -1, 1]) {
        const week = allocation.week + shift;
        if (week < 0 || week >= instance.weeks.length) continue;
        for (const order of users.get(slotOf(instance, { ...allocation, week })) ?? []) if (order !== target) blockers.add(order);
      }
    }
    const others = [...blockers].sort(() => options.random() - 0.5).slice(0, 1 + Math.floor(options.random() * 3));
    const group = [target, ...others];
    const sequence = options.random() < 0.7 ? group : group.sort(() => options.random() - 0.5);
    if (reinsert(instance, state, sequence, options.onPlan)) refreshUsers();
  }
  return { rounds, ideal };
}

/** Installs new plans for `group` if they fit the free hours and lower the group's objective. */
export function tryReplace(
  instance: Instance,
  state: PlanState,
  group: number[],
  plans: Map<number, IndexedAllocation[]>,
  costs: Map<number, number>,
): boolean {
  const before = group.reduce((sum, order) => sum + (state.cost[order] ?? Infinity), 0);
  const after = group.reduce((sum, order) => sum + (costs.get(order) ?? Infinity), 0);
  if (!(after < before - 1e-6 * Math.max(1, Math.abs(before)))) return false;
  const free = Float64Array.from(state.free);
  for (const order of group) book(instance, free, state.byOrder[order] ?? [], -1);
  for (const order of group) book(instance, free, plans.get(order) ?? [], 1);
  for (const order of group) {
    for (const allocation of plans.get(order) ?? []) if ((free[slotOf(instance, allocation)] ?? 0) < -1e-6) return false;
  }
  for (const order of group) {
    state.byOrder[order] = plans.get(order) ?? [];
    state.cost[order] = costs.get(order) ?? Infinity;
  }
  state.free = free;
  return true;
}

/** Free hours with the group's own hours given back. */
export function freeWithout(instance: Instance, state: PlanState, group: number[]): Float64Array {
  const free = Float64Array.from(state.free);
  for (const order of group) book(instance, free, state.byOrder[order] ?? [], -1);
  return free;
}
