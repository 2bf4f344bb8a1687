/**
 * Chain search: plans ONE order on given free hours by dynamic programming over its routing.
 * Each operation goes to one member (no split penalty); the member's work is scheduled as early
 * as its input allows, either pipelined (each week processes what has arrived) or batched (starts
 * once the whole input is there). State after operation k: (member, completion week) with the
 * cheapest production + transport cost of reaching it; lateness is added at the end. Exact in
 * its own space (up to keeping one input profile per state), and fast: it is what builds the
 * first plan and re-routes orders in the local search.
 */
import type { IndexedAllocation } from './greedy.ts';
import { capacityIndex, type Instance, type PreparedOrder } from './instance.ts';
import { unitTransportCost } from './transport-flow.ts';

const EPS = 1e-9;

interface State {
  member: number;
  finish: number;
  cost: number;
  /** Units produced per week by this operation at `member`. */
  produced: Float64Array;
  /** Hours used per capacity slot by this operation. */
  hours: Map<number, number>;
  operation: number;
  parent: State | null;
}

export interface ChainResult {
  allocations: IndexedAllocation[];
  /** production·w + transport·w + lateness (no split: one member per operation). */
  cost: number;
}

/**
 * Best single-member-per-operation plan of one order on `free`; null when none fits.
 * `hourCost` (money per hour by capacity slot, e.g. Lagrange multipliers) is added to the cost.
 */
export function planOrderChain(instance: Instance, prepared: PreparedOrder, free: Float64Array, hourCost?: Float64Array): ChainResult | null {
  const weekCount = instance.weeks.length;
  const quantity = prepared.order.quantity;
  const { weights } = instance;
  let layer: State[] = [];
  prepared.operations.forEach((operation, k) => {
    const next = new Map<number, State>();
    const offer = (state: State): void => {
      const key = state.member * weekCount + state.finish;
      const existing = next.get(key);
      if (!existing || state.cost < existing.cost - EPS) next.set(key, state);
    };
    const repeatsProcess = prepared.operations.slice(0, k).some((earlier) => earlier.processIndex === operation.processIndex);
    const upstreamOperation = prepared.operations[k - 1];
    const lag = upstreamOperation?.lagWeeks ?? 0;
    for (const member of operation.candidates) {
      if (k === 0) {
        const scheduled = schedule(instance, operation, member, free, null, quantity, null, 0, false, hourCost);
        if (scheduled) offer({ ...scheduled, operation: k, parent: null });
        continue;
      }
      const move = weights.transport * quantity;
      for (const parent of layer) {
        const transport = parent.member === member ? 0 : move * unitTransportCost(instance, parent.member, member);
        const own = repeatsProcess ? parent : null;
        for (const batch of [false, true]) {
          const scheduled = schedule(instance, operation, member, free, own, quantity, parent, lag, batch, hourCost);
          if (scheduled) offer({ ...scheduled, cost: scheduled.cost + parent.cost + transport, operation: k, parent });
          if (parent.member === member) break; // same member: pipelining never hurts
        }
      }
    }
    layer = prune([...next.values()]);
  });
  let best: State | null = null;
  let bestTotal = Infinity;
  for (const state of layer) {
    const total = state.cost + prepared.lateRatePerDay * (prepared.lateDaysByWeek[state.finish] ?? 0);
    if (total < bestTotal - EPS) {
      best = state;
      bestTotal = total;
    }
  }
  if (!best) return null;
  const allocations: IndexedAllocation[] = [];
  for (let state: State | null = best; state; state = state.parent) {
    state.produced.forEach((units, week) => {
      if (units > 0) allocations.push({ order: prepared.index, operation: state?.operation ?? 0, member: state?.member ?? 0, week, quantity: units });
    });
  }
  return { allocations, cost: bestTotal };
}

/** Per member keep the Pareto front of (finish week, cost). */
function prune(states: State[]): State[] {
  states.sort((a, b) => a.member - b.member || a.finish - b.finish || a.cost - b.cost);
  const kept: State[] = [];
  let member = -1;
  let bestCost = Infinity;
  for (const state of states) {
    if (state.member !== member) {
      member = state.member;
      bestCost = Infinity;
    }
    if (state.cost < bestCost - EPS) {
      kept.push(state);
      bestCost = state.cost;
    }
  }
  return kept;
}

function schedule(
  instance: Instance,
  operation: PreparedOrder['operations'][number],
  member: number,
  free: Float64Array,
  own: State | null,
  quantity: number,
  upstream: State | null,
  lag: number,
  batch: boolean,
  hourCost?: Float64Array,
): Omit<State, 'operation' | 'parent'> | null {
  const weekCount = instance.weeks.length;
  const produced = new Float64Array(weekCount);
  const hours = new Map<number, number>();
  const shift = upstream === null || upstream.member === member ? 0 : lag;
  let available = upstream === null ? Infinity : 0;
  let remaining = quantity;
  let cost = 0;
  let finish = -1;
  const firstWeek = upstream === null ? 0 : batch ? upstream.finish + shift : 0;
  for (let week = 0; week < weekCount && remaining > EPS; week++) {
    if (upstream !== null && week - shift >= 0) available += upstream.produced[week - shift] ?? 0;
    if (week < firstWeek) continue;
    const slot = capacityIndex(instance, member, operation.processIndex, week);
    const hoursFree = (free[slot] ?? 0) - (own ? ownHours(own, slot) : 0);
    const byCapacity = Math.floor((hoursFree - operation.setupHours) / operation.hoursPerUnit + 1e-7);
    const done = quantity - remaining;
    let units = Math.min(remaining, byCapacity, Math.floor(available - done + 1e-7));
    const leftover = remaining - units;
    if (leftover > EPS && leftover < operation.minLotSize) units = remaining - operation.minLotSize;
    if (units <= 0 || units < operation.minLotSize - EPS) continue;
    const used = units * operation.hoursPerUnit + operation.setupHours;
    produced[week] = units;
    hours.set(slot, used);
    cost += instance.weights.cost * used * (instance.pricePerHour[slot] ?? 0) + (hourCost ? used * (hourCost[slot] ?? 0) : 0);
    remaining -= units;
    finish = week;
  }
  if (remaining > EPS) return null;
  return { member, finish, cost, produced, hours };
}

function ownHours(state: State | null, slot: number): number {
  let total = 0;
  for (let current = state; current; current = current.parent) total += current.hours.get(slot) ?? 0;
  return total;
}
