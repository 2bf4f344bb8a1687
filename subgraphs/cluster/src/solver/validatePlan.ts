/**
 * The one validator every plan passes before it is stored as proposable, proposed or shown as
 * a plan: whatever made it (whole MIP, decomposition, greedy, fallback; first plan or re-plan).
 * It reads only the planner's public input and the plan's public allocations, never a solver's
 * internals, and checks:
 *
 * - QUANTITY: each operation's lots are whole, positive units adding up to the order quantity;
 * - CAPABILITY: new work only at known, not excluded members with the process (and certification);
 * - MIN_LOT: no new lot below the operation's minimum lot size;
 * - PIN: every fixed allocation is there, same member, operation and week, at least its quantity;
 * - ROUTING_ORDER: an operation's input is there in time — from the same member the same week
 *   on, from another member ceil(transportDaysToNext / 7) weeks later (the domain's transport
 *   lead time, the rule the solvers plan with) — checked as a flow of lots (maxflow.ts);
 * - PAST_WEEK / CURRENT_WEEK_HOURS / CAPACITY: per member, process and week, the plan's hours
 *   (quantity × hours per unit + one setup per order, operation, member and week) stay within
 *   the free hours (what other orders hold already taken off), pinned hours kept wherever they
 *   are, new work nowhere in a week over and in the current week only within the share of it
 *   left at `input.now` (clock.ts).
 *
 * Orders listed as infeasible are not checked (the plan does not claim to serve them); their
 * allocations still count against capacity.
 */
import { addDays, isoWeekLabel, mondayOf } from './calendar.ts';
import { allowedHours, currentWeekStart } from './clock.ts';
import { bucketKey, pinnedHoursByBucket } from './instance.ts';
import { FlowNetwork } from './maxflow.ts';
import type { JointOrder, Operation, PlanInput, PlanOptions, PlanViolation, ProcessType } from './types.ts';

/** The part of an allocation the validator reads. */
export interface PlannedWork {
  memberId: string;
  jointOrderId: string;
  operationIndex: number;
  weekStart: string;
  quantity: number;
}

export interface ValidationChecks {
  /**
   * Check against input.members: capabilities (CAPABILITY) and hours (CAPACITY, CURRENT_WEEK_HOURS).
   * Default true; off when no capacity was read, e.g. when proposing a stored plan.
   */
  capacity?: boolean;
}

const EPS = 1e-6;

const lotKey = (memberId: string, weekStart: string) => `${memberId}|${weekStart}`;

export function transportWeeks(operation: Operation): number {
  return Math.ceil(Math.max(0, operation.transportDaysToNext ?? 0) / 7);
}

export function validatePlan(
  input: PlanInput,
  options: PlanOptions,
  plan: { allocations: readonly PlannedWork[]; infeasibleOrderIds?: readonly string[] },
  checks: ValidationChecks = {},
): PlanViolation[] {
  const violations: PlanViolation[] = [];
  const ordersById = new Map(input.orders.map((order) => [order.id, order]));
  const membersById = new Map(input.members.map((member) => [member.id, member]));
  const excluded = new Set(options.excludeMemberIds ?? []);
  const skipped = new Set(plan.infeasibleOrderIds ?? []);
  const current = input.now === undefined ? null : currentWeekStart(input.now);

  // Lots per order and operation: member|week → quantity; and pinned quantity per the same key.
  const lots = new Map<string, Map<string, number>>();
  const opKey = (orderId: string, operationIndex: number) => `${orderId}#${operationIndex}`;
  for (const work of plan.allocations) {
    const order = ordersById.get(work.jointOrderId);
    if (!order || order.routing[work.operationIndex] === undefined) {
      violations.push(
        violation(
          'QUANTITY',
          work.jointOrderId,
          work.operationIndex,
          null,
          work.memberId,
          work.weekStart,
          `allocation of ${work.quantity} units for an order or operation this plan does not have`,
        ),
      );
      continue;
    }
    const byLot = lots.get(opKey(order.id, work.operationIndex)) ?? new Map<string, number>();
    lots.set(opKey(order.id, work.operationIndex), byLot);
    const key = lotKey(work.memberId, mondayOf(work.weekStart));
    byLot.set(key, (byLot.get(key) ?? 0) + work.quantity);
  }
  const pinned = new Map<string, Map<string, number>>();
  for (const pin of options.fixedAllocations ?? []) {
    if (pin.quantity <= 0) continue;
    const byLot = pinned.get(opKey(pin.jointOrderId, pin.operationIndex)) ?? new Map<string, number>();
    pinned.set(opKey(pin.jointOrderId, pin.operationIndex), byLot);
    const key = lotKey(pin.memberId, mondayOf(pin.weekStart));
    byLot.set(key, (byLot.get(key) ?? 0) + pin.quantity);
  }

  for (const order of input.orders) {
    if (skipped.has(order.id)) continue;
    order.routing.forEach((operation, k) => {
      const byLot = lots.get(opKey(order.id, k)) ?? new Map<string, number>();
      const pins = pinned.get(opKey(order.id, k)) ?? new Map<string, number>();
      const at = (memberId: string | null, weekStart: string | null, kind: PlanViolation['kind'], message: string) =>
        violations.push(violation(kind, order.id, k, operation.process, memberId, weekStart, `${label(order, k, operation)}: ${message}`));
      let total = 0;
      for (const [key, quantity] of byLot) {
        const [memberId = '', weekStart = ''] = key.split('|');
        const fixed = Math.min(quantity, pins.get(key) ?? 0);
        const fresh = quantity - fixed;
        total += quantity;
        if (!Number.isInteger(Math.round(quantity * 1e6) / 1e6) || quantity <= 0)
          at(memberId, weekStart, 'QUANTITY', `${quantity} units at ${memberId} in ${isoWeekLabel(weekStart)} is not a whole, positive number of units`);
        if (fresh <= EPS) continue;
        const member = membersById.get(memberId);
        const capable = member?.processes.some(
          (offer) => offer.process === operation.process && (!operation.certification || offer.certifications.includes(operation.certification)),
        );
        if (checks.capacity !== false && (!member || !capable || excluded.has(memberId))) {
          const why = !member
            ? 'is not a member the planner knows'
            : excluded.has(memberId)
              ? 'is excluded from this plan'
              : `does not offer ${operation.process}${operation.certification ? ` with ${operation.certification}` : ''}`;
          at(memberId, weekStart, 'CAPABILITY', `${fresh} units at ${memberId}, which ${why}`);
        }
        const minLot = Math.min(Math.max(1, operation.minLotSize ?? 1), order.quantity);
        if (quantity < minLot - EPS)
          at(memberId, weekStart, 'MIN_LOT', `lot of ${quantity} at ${memberId} in ${isoWeekLabel(weekStart)} is below the minimum lot of ${minLot}`);
        if (current !== null && weekStart < current) {
          at(
            memberId,
            weekStart,
            'PAST_WEEK',
            `${fresh} units of new work at ${memberId} in ${isoWeekLabel(weekStart)}, a week already over (the current week is ${isoWeekLabel(current)})`,
          );
        }
      }
      if (Math.abs(total - order.quantity) > EPS) at(null, null, 'QUANTITY', `${round(total)} units planned, the order is for ${order.quantity}`);
      for (const [key, quantity] of pins) {
        const [memberId = '', weekStart = ''] = key.split('|');
        const planned = byLot.get(key) ?? 0;
        if (planned < quantity - EPS)
          at(memberId, weekStart, 'PIN', `fixed allocation of ${quantity} at ${memberId} in ${isoWeekLabel(weekStart)} has ${round(planned)} in the plan`);
      }
      const upstream = order.routing[k - 1];
      if (upstream !== undefined) {
        for (const short of unroutable(lots.get(opKey(order.id, k - 1)) ?? new Map(), byLot, transportWeeks(upstream))) {
          at(
            short.memberId,
            short.weekStart,
            'ROUTING_ORDER',
            `${round(short.quantity)} units at ${short.memberId} in ${isoWeekLabel(short.weekStart)} have no input in time from operation ${k - 1} (${upstream.process}; from another member it needs ${transportWeeks(upstream)} week(s) of transport: ${upstream.transportDaysToNext ?? 0} day(s), rounded up)`,
          );
        }
      }
    });
  }

  if (checks.capacity !== false) violations.push(...capacityViolations(input, options, plan.allocations, ordersById, current));
  return violations;
}

/** Demand lots (member, week) of operation k that the output lots of k − 1 cannot feed in time, with the units short. */
function unroutable(supply: Map<string, number>, demand: Map<string, number>, lagWeeks: number): { memberId: string; weekStart: string; quantity: number }[] {
  const from = [...supply].map(([key, quantity]) => ({ ...split(key), quantity })).filter((lot) => lot.quantity > EPS);
  const to = [...demand].map(([key, quantity]) => ({ ...split(key), quantity })).filter((lot) => lot.quantity > EPS);
  if (to.length === 0) return [];
  const network = new FlowNetwork(from.length + to.length + 2);
  const source = from.length + to.length;
  const sink = source + 1;
  from.forEach((lot, i) => network.addArc(source, i, lot.quantity));
  const sinkArcs = to.map((lot, j) => network.addArc(from.length + j, sink, lot.quantity));
  from.forEach((a, i) =>
    to.forEach((b, j) => {
      const earliest = a.memberId === b.memberId ? a.weekStart : addDays(a.weekStart, 7 * lagWeeks);
      if (earliest <= b.weekStart) network.addArc(i, from.length + j, Infinity);
    }),
  );
  network.maxFlow(source, sink);
  return to
    .map((lot, j) => ({ ...lot, quantity: lot.quantity - network.flowOn(sinkArcs[j] ?? 0) }))
    .filter((lot) => lot.quantity > 1e-4)
    .sort((a, b) => a.weekStart.localeCompare(b.weekStart) || a.memberId.localeCompare(b.memberId));
}

function capacityViolations(
  input: PlanInput,
  options: PlanOptions,
  allocations: readonly PlannedWork[],
  ordersById: Map<string, JointOrder>,
  current: string | null,
): PlanViolation[] {
  // Hours per bucket, one setup per (order, operation, member, week), and which orders put work there.
  const quantities = new Map<
    string,
    { order: JointOrder; operation: Operation; operationIndex: number; memberId: string; weekStart: string; quantity: number }
  >();
  for (const work of allocations) {
    const order = ordersById.get(work.jointOrderId);
    const operation = order?.routing[work.operationIndex];
    if (!order || !operation) continue;
    const weekStart = mondayOf(work.weekStart);
    const key = `${order.id}|${work.operationIndex}|${work.memberId}|${weekStart}`;
    const entry = quantities.get(key) ?? { order, operation, operationIndex: work.operationIndex, memberId: work.memberId, weekStart, quantity: 0 };
    entry.quantity += work.quantity;
    quantities.set(key, entry);
  }
  const buckets = new Map<string, { memberId: string; process: ProcessType; weekStart: string; hours: number; users: Map<string, number> }>();
  for (const entry of quantities.values()) {
    if (entry.quantity <= EPS) continue;
    const key = bucketKey(entry.memberId, entry.operation.process, entry.weekStart);
    const bucket = buckets.get(key) ?? {
      memberId: entry.memberId,
      process: entry.operation.process,
      weekStart: entry.weekStart,
      hours: 0,
      users: new Map<string, number>(),
    };
    buckets.set(key, bucket);
    bucket.hours += entry.quantity * entry.operation.hoursPerUnit + (entry.operation.setupHours ?? 0);
    if (!bucket.users.has(entry.order.id)) bucket.users.set(entry.order.id, entry.operationIndex);
  }
  const available = new Map<string, number>();
  for (const member of input.members) {
    for (const slot of member.capacity) {
      const key = bucketKey(member.id, slot.process, mondayOf(slot.weekStart));
      available.set(key, (available.get(key) ?? 0) + Math.max(0, slot.availableHours));
    }
  }
  const pinnedHours = pinnedHoursByBucket(input, options);
  const violations: PlanViolation[] = [];
  for (const [key, bucket] of buckets) {
    const free = available.get(key) ?? 0;
    const pinned = pinnedHours.get(key) ?? 0;
    const allowed = allowedHours(free, pinned, bucket.weekStart, input.now);
    if (bucket.hours <= allowed + EPS) continue;
    const wholeWeek = allowedHours(free, pinned, bucket.weekStart, undefined);
    const kind: PlanViolation['kind'] =
      current !== null && bucket.weekStart < current
        ? 'PAST_WEEK'
        : current === bucket.weekStart && bucket.hours <= wholeWeek + EPS
          ? 'CURRENT_WEEK_HOURS'
          : 'CAPACITY';
    const what =
      kind === 'CURRENT_WEEK_HOURS'
        ? `${round(bucket.hours)} h planned, ${round(allowed)} h of the week are left at ${input.now ?? ''}`
        : kind === 'PAST_WEEK'
          ? `${round(bucket.hours)} h planned in a week already over (${round(pinned)} h of it fixed)`
          : `${round(bucket.hours)} h planned, ${round(allowed)} h free (${round(pinned)} h of it fixed)`;
    for (const [orderId, operationIndex] of bucket.users) {
      violations.push(
        violation(
          kind,
          orderId,
          operationIndex,
          bucket.process,
          bucket.memberId,
          bucket.weekStart,
          `${bucket.memberId} ${bucket.process} in ${isoWeekLabel(bucket.weekStart)}: ${what}`,
        ),
      );
    }
  }
  return violations;
}

function violation(
  kind: PlanViolation['kind'],
  jointOrderId: string,
  operationIndex: number | null,
  process: ProcessType | null,
  memberId: string | null,
  weekStart: string | null,
  message: string,
): PlanViolation {
  return { kind, jointOrderId, operationIndex, process, memberId, weekStart, message };
}

function label(order: JointOrder, k: number, operation: Operation): string {
  return `${order.code} operation ${k} (${operation.process})`;
}

function split(key: string): { memberId: string; weekStart: string } {
  const [memberId = '', weekStart = ''] = key.split('|');
  return { memberId, weekStart };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
