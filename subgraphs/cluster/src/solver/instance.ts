/**
 * Normalises PlanInput + PlanOptions into index-based arrays shared by the greedy, the MIP
 * model and the explanation, and rejects orders no plan can serve (with the reason as data).
 */
import { lateDaysIfDoneIn, mondayOf, weekRangeLabel, weekSpan } from './calendar.ts';
import { allowedHours } from './clock.ts';
import { defaultTransportModel } from './transport.ts';
import { PROCESS_TYPES } from './types.ts';
import type { JointOrder, Member, PlanInput, PlanOptions, PlanWeights, ProcessType, TransportModel } from './types.ts';

export const DEFAULT_WEIGHTS: PlanWeights = { cost: 1, transport: 1, lateness: 1000, split: 500 };

export interface PreparedOperation {
  operationIndex: number;
  process: ProcessType;
  processIndex: number;
  hoursPerUnit: number;
  setupHours: number;
  minLotSize: number;
  /** Weeks between finishing at one member and starting at a different member. */
  lagWeeks: number;
  /** Member indices able to run this operation and not excluded. */
  candidates: number[];
}

export interface PreparedOrder {
  /** Position in Instance.orders (plannable orders only). */
  index: number;
  order: JointOrder;
  operations: PreparedOperation[];
  /** Lateness penalty money per late day (weights.lateness × priority). */
  lateRatePerDay: number;
  /** Days late if the order completes in week w. */
  lateDaysByWeek: number[];
  /** Sub-models only: no work after this week index (default: the horizon's last week). */
  lastWeek?: number;
}

export interface ResolvedFixedAllocation {
  orderIndex: number;
  operationIndex: number;
  memberIndex: number;
  weekIndex: number;
  quantity: number;
}

export interface Instance {
  weeks: string[];
  members: Member[];
  memberRegion: number[];
  regions: string[];
  /** Free hours, indexed by capacityIndex(member, process, week). */
  freeHours: Float64Array;
  pricePerHour: Float64Array;
  orders: PreparedOrder[];
  /** Orders rejected before optimisation, with reasons. */
  rejected: { orderId: string; reasons: string[] }[];
  fixed: ResolvedFixedAllocation[];
  weights: PlanWeights;
  transport: TransportModel;
  maxMembersPerOperation: number | null;
  /** Messages about input problems (unknown ids in fixedAllocations, …). */
  warnings: string[];
  /** What the instance was made from (validatePlan checks results against it). */
  source: { input: PlanInput; options: PlanOptions };
}

export const PROCESS_COUNT = PROCESS_TYPES.length;

export function capacityIndex(instance: Pick<Instance, 'weeks'>, member: number, process: number, week: number): number {
  return (member * PROCESS_COUNT + process) * instance.weeks.length + week;
}

function memberCanRun(member: Member, process: ProcessType, certification: string | undefined): boolean {
  return member.processes.some((offer) => offer.process === process && (certification === undefined || offer.certifications.includes(certification)));
}

function missingCapabilityReason(members: Member[], excluded: Set<string>, process: ProcessType, certification?: string): string {
  const withProcess = members.filter((member) => memberCanRun(member, process, undefined));
  if (withProcess.length === 0) return `no member has process ${process}`;
  const qualified = withProcess.filter((member) => memberCanRun(member, process, certification));
  if (qualified.length === 0) return `no member has process ${process} with certification ${certification ?? ''}`;
  if (qualified.every((member) => excluded.has(member.id))) {
    return `every member with process ${process}${certification ? ` and certification ${certification}` : ''} is excluded (${qualified.map((m) => m.id).join(', ')})`;
  }
  return `no member with process ${process}${certification ? ` and certification ${certification}` : ''} has free hours in the horizon`;
}

export function prepareInstance(input: PlanInput, options: PlanOptions): Instance {
  const weights: PlanWeights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const excluded = new Set(options.excludeMemberIds ?? []);
  const members = input.members;
  const weeks = input.weeks?.map(mondayOf) ?? weekSpan(members.flatMap((member) => member.capacity.map((slot) => slot.weekStart)));
  const weekIndex = new Map(weeks.map((week, index) => [week, index]));
  const regions = [...new Set(members.map((member) => member.region))];
  const instanceShape = { weeks };
  const freeHours = new Float64Array(members.length * PROCESS_COUNT * weeks.length);
  const pricePerHour = new Float64Array(freeHours.length);
  members.forEach((member, memberIndex) => {
    if (excluded.has(member.id)) return;
    for (const slot of member.capacity) {
      const week = weekIndex.get(mondayOf(slot.weekStart));
      const process = PROCESS_TYPES.indexOf(slot.process);
      if (week === undefined || process < 0 || !memberCanRun(member, slot.process, undefined)) continue;
      const at = capacityIndex(instanceShape, memberIndex, process, week);
      freeHours[at] = (freeHours[at] ?? 0) + Math.max(0, slot.availableHours);
      pricePerHour[at] = slot.pricePerHour;
    }
  });
  // The clock: weeks over offer only their pinned hours, the current one the share left (clock.ts).
  const pinnedHours = pinnedHoursByBucket(input, options);
  members.forEach((member, memberIndex) => {
    weeks.forEach((week, w) => {
      PROCESS_TYPES.forEach((process, p) => {
        const at = capacityIndex(instanceShape, memberIndex, p, w);
        const pinned = pinnedHours.get(bucketKey(member.id, process, week)) ?? 0;
        if (pinned === 0 && (freeHours[at] ?? 0) === 0) return;
        freeHours[at] = allowedHours(freeHours[at] ?? 0, pinned, week, input.now);
      });
    });
  });

  const hoursIn = (memberIndex: number, process: number): number => {
    let total = 0;
    for (let week = 0; week < weeks.length; week++) total += freeHours[capacityIndex(instanceShape, memberIndex, process, week)] ?? 0;
    return total;
  };

  const orders: PreparedOrder[] = [];
  const rejected: Instance['rejected'] = [];
  const sortedIds = new Map<string, number>();
  for (const order of input.orders) {
    const reasons: string[] = [];
    const operations: PreparedOperation[] = order.routing.map((operation, operationIndex) => {
      const processIndex = PROCESS_TYPES.indexOf(operation.process);
      const candidates: number[] = [];
      members.forEach((member, memberIndex) => {
        if (!excluded.has(member.id) && memberCanRun(member, operation.process, operation.certification) && hoursIn(memberIndex, processIndex) > 0) {
          candidates.push(memberIndex);
        }
      });
      const setupHours = operation.setupHours ?? 0;
      const prepared: PreparedOperation = {
        operationIndex,
        process: operation.process,
        processIndex,
        hoursPerUnit: operation.hoursPerUnit,
        setupHours,
        minLotSize: Math.min(Math.max(1, operation.minLotSize ?? 1), order.quantity),
        lagWeeks: Math.ceil(Math.max(0, operation.transportDaysToNext ?? 0) / 7),
        candidates,
      };
      // Operations are numbered from 0 everywhere (the routing's `index`, the tables' `operationIndex`).
      const label = `order ${order.code} operation ${operationIndex} (${operation.process})`;
      if (candidates.length === 0) {
        reasons.push(`${label}: ${missingCapabilityReason(members, excluded, operation.process, operation.certification)}`);
      } else {
        const needed = order.quantity * operation.hoursPerUnit + setupHours;
        const available = candidates.reduce((sum, member) => sum + hoursIn(member, processIndex), 0);
        if (needed > available + 1e-9) {
          const first = weeks[0] ?? '';
          const last = weeks[weeks.length - 1] ?? '';
          reasons.push(`${operation.process}: ${round(needed)} h needed in weeks ${weekRangeLabel(first, last)}, ${round(available)} h available (${label})`);
        }
      }
      return prepared;
    });
    if (operations.length === 0) reasons.push(`order ${order.code}: empty routing`);
    if (reasons.length > 0) {
      rejected.push({ orderId: order.id, reasons });
      continue;
    }
    sortedIds.set(order.id, orders.length);
    orders.push({
      index: orders.length,
      order,
      operations,
      lateRatePerDay: weights.lateness * Math.max(1, order.priority),
      lateDaysByWeek: weeks.map((week) => lateDaysIfDoneIn(week, order.dueDate)),
    });
  }

  const warnings: string[] = [];
  const memberIndexById = new Map(members.map((member, index) => [member.id, index]));
  const fixed: ResolvedFixedAllocation[] = [];
  const rejectedIds = new Set(rejected.map((r) => r.orderId));
  for (const pin of options.fixedAllocations ?? []) {
    // An order rejected above is explained by its reasons; its pins are not planned at all.
    if (rejectedIds.has(pin.jointOrderId)) continue;
    const orderIndex = sortedIds.get(pin.jointOrderId);
    const memberIndex = memberIndexById.get(pin.memberId);
    const week = weekIndex.get(mondayOf(pin.weekStart));
    const operation = orderIndex === undefined ? undefined : orders[orderIndex]?.operations[pin.operationIndex];
    if (orderIndex === undefined || memberIndex === undefined || week === undefined || operation === undefined || !operation.candidates.includes(memberIndex)) {
      warnings.push(`fixed allocation ignored (unknown or unplannable): ${pin.jointOrderId} op ${pin.operationIndex} at ${pin.memberId} in ${pin.weekStart}`);
      continue;
    }
    if (pin.quantity > 0) fixed.push({ orderIndex, operationIndex: pin.operationIndex, memberIndex, weekIndex: week, quantity: pin.quantity });
  }

  return {
    weeks,
    members,
    memberRegion: members.map((member) => regions.indexOf(member.region)),
    regions,
    freeHours,
    pricePerHour,
    orders,
    rejected,
    fixed,
    weights,
    transport: input.transport ?? defaultTransportModel(),
    maxMembersPerOperation: options.maxMembersPerOperation ?? null,
    warnings,
    source: { input, options },
  };
}

export const bucketKey = (memberId: string, process: ProcessType, weekStart: string): string => `${memberId}|${process}|${weekStart}`;

/**
 * Hours of the fixed allocations per member/process/week: quantity × hours per unit plus one
 * setup per (order, operation, member, week), as the plan itself counts them.
 */
export function pinnedHoursByBucket(input: PlanInput, options: PlanOptions): Map<string, number> {
  const ordersById = new Map(input.orders.map((order) => [order.id, order]));
  const quantities = new Map<string, { operation: JointOrder['routing'][number]; memberId: string; weekStart: string; quantity: number }>();
  for (const pin of options.fixedAllocations ?? []) {
    const operation = ordersById.get(pin.jointOrderId)?.routing[pin.operationIndex];
    if (!operation || pin.quantity <= 0) continue;
    const weekStart = mondayOf(pin.weekStart);
    const key = `${pin.jointOrderId}|${pin.operationIndex}|${pin.memberId}|${weekStart}`;
    const entry = quantities.get(key) ?? { operation, memberId: pin.memberId, weekStart, quantity: 0 };
    entry.quantity += pin.quantity;
    quantities.set(key, entry);
  }
  const hours = new Map<string, number>();
  for (const { operation, memberId, weekStart, quantity } of quantities.values()) {
    const key = bucketKey(memberId, operation.process, weekStart);
    hours.set(key, (hours.get(key) ?? 0) + quantity * operation.hoursPerUnit + (operation.setupHours ?? 0));
  }
  return hours;
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
