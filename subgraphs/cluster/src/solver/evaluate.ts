/**
 * The one independent evaluator: prices a plan given only as indexed allocations — the same
 * way for the greedy, the chain search, the MIP and the LNS — and checks it. Transport is not
 * taken from any solver: it is the cheapest feasible routing of each operation's lots into the
 * next operation's lots (transport-flow.ts), which also verifies precedence and lead times.
 */
import { weekEnd } from './calendar.ts';
import type { IndexedAllocation } from './greedy.ts';
import { capacityIndex, type Instance } from './instance.ts';
import type { PlanModel } from './model.ts';
import { routeLots, type Lot } from './transport-flow.ts';
import type { Allocation, CostBreakdown, OrderOutcome } from './types.ts';

export interface Evaluation {
  objective: number;
  totalCost: number;
  costBreakdown: CostBreakdown;
  lateDays: number;
  maxLateDays: number;
  completionDate: string | null;
  orders: OrderOutcome[];
  allocations: Allocation[];
  /** Feasibility check of the allocations (all 0 for a valid plan). */
  violations: { capacityHours: number; missingUnits: number; unroutedUnits: number; lotsBelowMinimum: number };
}

/**
 * @param unplanned plannable order indices left out (their allocations are dropped)
 */
export function evaluatePlan(instance: Instance, allocations: IndexedAllocation[], unplanned: Set<number>): Evaluation {
  const transportByOrder = new Map<number, number>();
  const violations = { capacityHours: 0, missingUnits: 0, unroutedUnits: 0, lotsBelowMinimum: 0 };
  const lotsByOperation = new Map<string, Lot[]>();
  const usedHours = new Map<number, number>();
  const { weights } = instance;
  const breakdown: CostBreakdown = { production: 0, transport: 0, lateness: 0, split: 0 };
  const publicAllocations: Allocation[] = [];
  const completionWeek = new Map<number, number>();
  const membersPerOperation = new Map<string, Set<number>>();
  for (const allocation of allocations) {
    if (unplanned.has(allocation.order) || allocation.quantity <= 1e-6) continue;
    const prepared = instance.orders[allocation.order];
    const operation = prepared?.operations[allocation.operation];
    const member = instance.members[allocation.member];
    const weekStart = instance.weeks[allocation.week];
    if (!prepared || !operation || !member || weekStart === undefined) continue;
    const price = instance.pricePerHour[capacityIndex(instance, allocation.member, operation.processIndex, allocation.week)] ?? 0;
    const hours = allocation.quantity * operation.hoursPerUnit + operation.setupHours;
    breakdown.production += hours * price;
    const slot = capacityIndex(instance, allocation.member, operation.processIndex, allocation.week);
    usedHours.set(slot, (usedHours.get(slot) ?? 0) + hours);
    const lotKey = `${allocation.order}|${allocation.operation}`;
    const lots = lotsByOperation.get(lotKey) ?? [];
    lotsByOperation.set(lotKey, lots);
    lots.push({ member: allocation.member, week: allocation.week, quantity: allocation.quantity });
    publicAllocations.push({
      memberId: member.id,
      jointOrderId: prepared.order.id,
      operationIndex: allocation.operation,
      process: operation.process,
      weekStart,
      quantity: allocation.quantity,
      hours,
      cost: hours * price,
    });
    const key = `${allocation.order}|${allocation.operation}`;
    const used = membersPerOperation.get(key) ?? new Set<number>();
    membersPerOperation.set(key, used);
    used.add(allocation.member);
    if (allocation.operation === prepared.operations.length - 1) {
      completionWeek.set(allocation.order, Math.max(completionWeek.get(allocation.order) ?? -1, allocation.week));
    }
  }
  for (const used of membersPerOperation.values()) breakdown.split += Math.max(0, used.size - 1) * weights.split;
  checkAndRoute(instance, lotsByOperation, usedHours, unplanned, transportByOrder, violations);
  for (const [order, money] of transportByOrder) if (!unplanned.has(order)) breakdown.transport += money;

  const orders: OrderOutcome[] = [];
  let lateDays = 0;
  let maxLateDays = 0;
  let completionDate: string | null = null;
  for (const prepared of instance.orders) {
    const week = completionWeek.get(prepared.index);
    if (unplanned.has(prepared.index) || week === undefined) {
      orders.push({ jointOrderId: prepared.order.id, completionDate: null, lateDays: 0, planned: false });
      continue;
    }
    const date = weekEnd(instance.weeks[week] ?? '');
    const days = prepared.lateDaysByWeek[week] ?? 0;
    breakdown.lateness += days * prepared.lateRatePerDay;
    lateDays += days;
    maxLateDays = Math.max(maxLateDays, days);
    if (completionDate === null || date > completionDate) completionDate = date;
    orders.push({ jointOrderId: prepared.order.id, completionDate: date, lateDays: days, planned: true });
  }
  for (const rejected of instance.rejected) orders.push({ jointOrderId: rejected.orderId, completionDate: null, lateDays: 0, planned: false });

  const objective = weights.cost * breakdown.production + weights.transport * breakdown.transport + breakdown.lateness + breakdown.split;
  return {
    objective,
    totalCost: breakdown.production + breakdown.transport,
    costBreakdown: breakdown,
    lateDays,
    maxLateDays,
    completionDate,
    orders,
    allocations: publicAllocations,
    violations,
  };
}

/** Capacity, quantities, minimum lots and precedence of every planned order; transport money per order. */
function checkAndRoute(
  instance: Instance,
  lotsByOperation: Map<string, Lot[]>,
  usedHours: Map<number, number>,
  unplanned: Set<number>,
  transportByOrder: Map<number, number>,
  violations: Evaluation['violations'],
): void {
  for (const [slot, hours] of usedHours) violations.capacityHours += Math.max(0, hours - (instance.freeHours[slot] ?? 0) - 1e-6);
  for (const prepared of instance.orders) {
    if (unplanned.has(prepared.index)) continue;
    let money = 0;
    prepared.operations.forEach((operation, k) => {
      const lots = merged(lotsByOperation.get(`${prepared.index}|${k}`) ?? []);
      const total = lots.reduce((sum, lot) => sum + lot.quantity, 0);
      violations.missingUnits += Math.abs(total - prepared.order.quantity) > 1e-4 ? Math.abs(total - prepared.order.quantity) : 0;
      violations.lotsBelowMinimum += lots.filter((lot) => lot.quantity < operation.minLotSize - 1e-4).length;
      if (k === 0) return;
      const upstream = merged(lotsByOperation.get(`${prepared.index}|${k - 1}`) ?? []);
      const routed = routeLots(instance, upstream, lots, prepared.operations[k - 1]?.lagWeeks ?? 0);
      money += routed.money;
      violations.unroutedUnits += routed.unrouted > 1e-4 ? routed.unrouted : 0;
    });
    transportByOrder.set(prepared.index, money);
  }
}

/** One lot per (member, week). */
function merged(lots: Lot[]): Lot[] {
  const byKey = new Map<string, Lot>();
  for (const lot of lots) {
    const key = `${lot.member}|${lot.week}`;
    const existing = byKey.get(key);
    if (existing) existing.quantity += lot.quantity;
    else byKey.set(key, { ...lot });
  }
  return [...byKey.values()];
}

/** Reads allocations, transport money and unplanned orders from a MIP column vector. */
export function readModelSolution(
  instance: Instance,
  model: PlanModel,
  colValue: ArrayLike<number>,
): { allocations: IndexedAllocation[]; unplanned: Set<number> } {
  const allocations: IndexedAllocation[] = [];
  for (const entry of model.quantities) {
    const value = colValue[entry.column] ?? 0;
    if (value > 1e-6) {
      allocations.push({ order: entry.order, operation: entry.operation, member: entry.member, week: entry.week, quantity: Math.round(value * 1e4) / 1e4 });
    }
  }
  const unplanned = new Set<number>();
  model.shortfallColumn.forEach((column, order) => {
    if ((colValue[column] ?? 0) > 0.5) unplanned.add(order);
  });
  return { allocations, unplanned };
}

/** Objective of one order's allocations alone (production, transport, lateness, split). */
export function orderObjective(instance: Instance, order: number, allocations: IndexedAllocation[]): number {
  const prepared = instance.orders[order];
  if (!prepared) return Infinity;
  const single: Instance = { ...instance, orders: [{ ...prepared, index: 0 }], rejected: [] };
  const evaluation = evaluatePlan(
    single,
    allocations.map((allocation) => ({ ...allocation, order: 0 })),
    new Set(),
  );
  const { violations } = evaluation;
  if (violations.missingUnits + violations.unroutedUnits + violations.lotsBelowMinimum > 0) return Infinity;
  return evaluation.objective;
}
