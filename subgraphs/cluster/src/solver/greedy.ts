/**
 * Greedy baseline: orders by due date (then priority), operations in routing order, weeks in
 * time order; each week the cheapest member with free hours and available input gets as much
 * as it can take. Same rules as the MIP (capacity, setup, min lot, precedence with lag, split
 * cap, pinned allocations), so its plan is a feasible MIP start. Quantities are whole units.
 */
import { capacityIndex, type Instance, type PreparedOrder } from './instance.ts';

export interface IndexedAllocation {
  order: number;
  operation: number;
  member: number;
  week: number;
  quantity: number;
}

export interface Shipment {
  order: number;
  operation: number;
  fromMember: number;
  toMember: number;
  quantity: number;
}

export interface GreedyPlan {
  allocations: IndexedAllocation[];
  shipments: Shipment[];
  /** Plannable order indices the greedy could not complete within the horizon. */
  failedOrders: number[];
}

const EPS = 1e-9;

export function greedyPlan(instance: Instance): GreedyPlan {
  const free = Float64Array.from(instance.freeHours);
  const allocations: IndexedAllocation[] = [];
  const shipments: Shipment[] = [];
  const failedOrders: number[] = [];
  const sequence = [...instance.orders].sort(
    (a, b) => a.order.dueDate.localeCompare(b.order.dueDate) || b.order.priority - a.order.priority || a.index - b.index,
  );
  for (const prepared of sequence) {
    const snapshot = Float64Array.from(free);
    const placed = scheduleOrder(instance, prepared, free);
    if (placed === null) {
      free.set(snapshot);
      failedOrders.push(prepared.index);
      continue;
    }
    allocations.push(...placed.allocations);
    shipments.push(...placed.shipments);
  }
  return { allocations, shipments, failedOrders };
}

export function scheduleOrder(instance: Instance, prepared: PreparedOrder, free: Float64Array): Omit<GreedyPlan, 'failedOrders'> | null {
  const weekCount = instance.weeks.length;
  const memberCount = instance.members.length;
  const allocations: IndexedAllocation[] = [];
  const shipments: Shipment[] = [];
  /** Unconsumed output of the previous operation: [member][week]. */
  let previousOutput: Float64Array[] | null = null;
  let previousLag = 0;
  for (const operation of prepared.operations) {
    const output = Array.from({ length: memberCount }, () => new Float64Array(weekCount));
    const membersUsed = new Set<number>();
    const pins = instance.fixed.filter((pin) => pin.orderIndex === prepared.index && pin.operationIndex === operation.operationIndex);
    // Pinned work is placed where it is pinned, in full; the rest of the quantity is free to place.
    let remaining = prepared.order.quantity - pins.reduce((sum, pin) => sum + pin.quantity, 0);
    if (remaining < -EPS) return null;
    let pinsLeft = pins.length;

    const inputAvailable = (member: number, week: number): number => {
      if (previousOutput === null) return Infinity;
      let total = 0;
      previousOutput.forEach((weeks, upstream) => {
        const lastWeek = upstream === member ? week : week - previousLag;
        for (let t = 0; t <= lastWeek; t++) total += weeks[t] ?? 0;
      });
      return total;
    };
    const consumeInput = (member: number, week: number, quantity: number): void => {
      if (previousOutput === null) return;
      const region = instance.memberRegion[member] ?? 0;
      const upstreamOrder = previousOutput.map((_, upstream) => upstream).sort((a, b) => rank(a) - rank(b));
      function rank(upstream: number): number {
        if (upstream === member) return -1;
        return instance.transport.distanceKm(instance.regions[instance.memberRegion[upstream] ?? 0] ?? '', instance.regions[region] ?? '');
      }
      let left = quantity;
      for (const upstream of upstreamOrder) {
        const weeks = previousOutput[upstream];
        if (weeks === undefined) continue;
        const lastWeek = upstream === member ? week : week - previousLag;
        let taken = 0;
        for (let t = 0; t <= lastWeek && left > EPS; t++) {
          const take = Math.min(left, weeks[t] ?? 0);
          weeks[t] = (weeks[t] ?? 0) - take;
          left -= take;
          taken += take;
        }
        if (taken > EPS && upstream !== member) {
          shipments.push({ order: prepared.index, operation: operation.operationIndex - 1, fromMember: upstream, toMember: member, quantity: taken });
        }
        if (left <= EPS) break;
      }
    };
    const place = (member: number, week: number, quantity: number, pinned = false): void => {
      const at = capacityIndex(instance, member, operation.processIndex, week);
      free[at] = (free[at] ?? 0) - quantity * operation.hoursPerUnit - operation.setupHours;
      consumeInput(member, week, quantity);
      const row = output[member];
      if (row) row[week] = (row[week] ?? 0) + quantity;
      membersUsed.add(member);
      if (!pinned) remaining -= quantity;
      allocations.push({ order: prepared.index, operation: operation.operationIndex, member, week, quantity });
    };

    for (let week = 0; week < weekCount && (remaining > EPS || pinsLeft > 0); week++) {
      for (const pin of pins) {
        if (pin.weekIndex !== week) continue;
        // A pin is kept only with its input there in time (routing order and transport weeks);
        // otherwise the order cannot be planned around its pins and the caller says so.
        if (Math.floor(inputAvailable(pin.memberIndex, week) + EPS) < pin.quantity) return null;
        place(pin.memberIndex, week, pin.quantity, true);
        pinsLeft--;
      }
      const byPrice = operation.candidates
        .map((member) => ({ member, price: instance.pricePerHour[capacityIndex(instance, member, operation.processIndex, week)] ?? 0 }))
        .sort((a, b) => a.price - b.price);
      for (const { member } of byPrice) {
        if (remaining <= EPS) break;
        const cap = instance.maxMembersPerOperation;
        if (cap !== null && !membersUsed.has(member) && membersUsed.size >= cap) continue;
        const hours = free[capacityIndex(instance, member, operation.processIndex, week)] ?? 0;
        const byCapacity = Math.floor((hours - operation.setupHours) / operation.hoursPerUnit + EPS);
        // Input that later pins of this operation will need is left for them.
        const reserved = pins.reduce((sum, pin) => sum + (pin.weekIndex > week ? pin.quantity : 0), 0);
        let quantity = Math.min(remaining, byCapacity, Math.floor(inputAvailable(member, week) - reserved + EPS));
        const leftover = remaining - quantity;
        if (leftover > EPS && leftover < operation.minLotSize) quantity = remaining - operation.minLotSize;
        if (quantity < operation.minLotSize - EPS || quantity <= 0) continue;
        place(member, week, quantity);
      }
    }
    if (remaining > EPS || pinsLeft > 0) return null;
    previousOutput = output;
    previousLag = operation.lagWeeks;
  }
  return { allocations, shipments };
}
