import { addWeeks, isMonday, isoWeekLabel, mondayOf, weeksBetween } from '@clustergraph/runtime';
import type { DemandCapacityStatus } from '@clustergraph/schema/values';
import type { ProcessType } from '../solver/index.ts';
import type { StoredOperation } from '../db/planning.ts';
import type { CapacityBucketData } from './memberData.ts';

/**
 * Demand against capacity, the Catena-X DCM way (CX-0128): weekly buckets keyed by the ISO
 * week's Monday; demand ≤ actual → OK; actual < demand ≤ maximum → a bottleneck flexible
 * capacity can absorb; demand > maximum → a bottleneck. Pure functions; the resolver reads
 * the orders from the database and the capacity through the gateway.
 */

/** The standard's DemandCapacityStatus. */
export type DcmStatus = DemandCapacityStatus;

export function classifyDcm(demandHours: number, actualHours: number, maximumHours: number): DcmStatus {
  const EPS = 1e-9;
  if (demandHours <= actualHours + EPS) return 'OK';
  if (demandHours <= maximumHours + EPS) return 'BOTTLENECK_FLEXIBLE';
  return 'BOTTLENECK';
}

/** Hours of one process in one week, from one order's operation. */
export interface DemandEntry {
  jointOrderId: string;
  operationIndex: number;
  process: ProcessType;
  weekStart: string;
  hours: number;
}

export interface DemandOrder {
  id: string;
  quantity: number;
  dueDate: string;
  routing: readonly StoredOperation[];
}

/** Work the current plan puts in a week (declined allocations excluded by the caller). */
export interface PlannedLoad {
  operationIndex: number;
  weekStart: string;
  hours: number;
}

export const operationHours = (quantity: number, operation: Pick<StoredOperation, 'hoursPerUnit' | 'setupHours'>): number =>
  quantity * operation.hoursPerUnit + operation.setupHours;

/**
 * Where an order's operations put their hours.
 *
 * - An operation the current plan allocates: its planned allocations' hours, week by week.
 * - Otherwise, backward scheduling from the due date: the last operation in the due date's
 *   week, each earlier one a week before the next plus its transport days rounded up to
 *   weeks, all of an operation's hours (quantity × hours per unit + one setup) in its week.
 *   A week before the current one is moved to the current week: work that should already
 *   have been done still has to be done.
 */
export function spreadOrderDemand(order: DemandOrder, planned: readonly PlannedLoad[], today: string): DemandEntry[] {
  const perOperation: DemandEntry[][] = [];
  const thisWeek = mondayOf(today);
  const plannedByOperation = new Map<number, PlannedLoad[]>();
  for (const load of planned) {
    const list = plannedByOperation.get(load.operationIndex) ?? [];
    list.push(load);
    plannedByOperation.set(load.operationIndex, list);
  }
  let week = mondayOf(order.dueDate);
  for (let k = order.routing.length - 1; k >= 0; k--) {
    const operation = order.routing[k]!;
    if (k < order.routing.length - 1) week = addWeeks(week, -(1 + Math.ceil(operation.transportDaysToNext / 7)));
    const loads = plannedByOperation.get(k);
    const entries: DemandEntry[] = [];
    perOperation[k] = entries;
    if (loads && loads.length > 0) {
      for (const load of loads)
        entries.push({ jointOrderId: order.id, operationIndex: k, process: operation.process, weekStart: mondayOf(load.weekStart), hours: load.hours });
    } else {
      const at = week < thisWeek ? thisWeek : week;
      entries.push({ jointOrderId: order.id, operationIndex: k, process: operation.process, weekStart: at, hours: operationHours(order.quantity, operation) });
    }
  }
  return perOperation.flat();
}

/** One member's capacity bucket as read through the gateway (its price aside, which demand does not need). */
export type MemberCapacityBucket = Omit<CapacityBucketData, 'pricePerHour'> & {
  memberId: string;
  /** False when the member's capabilities do not list the process (capacity it cannot be planned on). */
  inCapabilities?: boolean;
};

export interface DemandCapacityBucketValue {
  process: ProcessType;
  weekStart: string;
  isoWeek: string;
  demandHours: number;
  actualHours: number;
  maximumHours: number;
  committedHours: number;
  availableHours: number;
  flexibleHours: number;
  surplusHours: number;
  status: DcmStatus;
  memberIds: string[];
  /** Member rows left out as out of bounds, one sentence each. */
  warnings: string[];
}

/** No member runs more than this many lines of one process; hours beyond 168 × it are bad data, not capacity. */
export const MAX_LINES_PER_PROCESS = 1000;
export const MAX_MEMBER_WEEKLY_HOURS = 168 * MAX_LINES_PER_PROCESS;

/**
 * Why a member's stored row cannot be counted, or null when it can. Members validate what they
 * store now, but rows stored before (or by a member running its own implementation of the
 * standard) may be anything: one firm's odd row must not fail the cluster's view (issue 13).
 */
export function capacityRowProblem(slot: MemberCapacityBucket): string | null {
  const outOfRange = (value: unknown) => typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_MEMBER_WEEKLY_HOURS;
  const range = `outside 0 … ${MAX_MEMBER_WEEKLY_HOURS}`;
  if (outOfRange(slot.actualHours)) return `actualHours ${String(slot.actualHours)} is ${range}`;
  if (outOfRange(slot.maximumHours)) return `maximumHours ${String(slot.maximumHours)} is ${range}`;
  if (slot.actualHours > slot.maximumHours) return `actualHours ${slot.actualHours} exceed maximumHours ${slot.maximumHours}`;
  const derived = { committedHours: slot.committedHours, availableHours: slot.availableHours, flexibleHours: slot.flexibleHours };
  for (const [name, value] of Object.entries(derived)) if (outOfRange(value)) return `${name} ${String(value)} is ${range}`;
  if (!isMonday(slot.weekStart)) return `week ${slot.weekStart} is not a Monday`;
  if (slot.inCapabilities === false) return `${slot.process} is not among the member's capabilities`;
  return null;
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * One bucket per process and week in [from, to] that has demand or capacity, sorted by week
 * then process (in the given process order).
 */
export function buildDemandCapacity(input: {
  from: string;
  to: string;
  process?: ProcessType | null | undefined;
  demand: readonly DemandEntry[];
  capacity: readonly MemberCapacityBucket[];
  processOrder: readonly ProcessType[];
}): DemandCapacityBucketValue[] {
  const weeks = new Set(weeksBetween(input.from, input.to));
  const inScope = (process: ProcessType, week: string) => weeks.has(week) && (!input.process || input.process === process);
  const buckets = new Map<string, DemandCapacityBucketValue>();
  const bucket = (process: ProcessType, weekStart: string): DemandCapacityBucketValue => {
    const key = `${process}|${weekStart}`;
    let value = buckets.get(key);
    if (!value) {
      value = {
        process,
        weekStart,
        isoWeek: isoWeekLabel(weekStart),
        demandHours: 0,
        actualHours: 0,
        maximumHours: 0,
        committedHours: 0,
        availableHours: 0,
        flexibleHours: 0,
        surplusHours: 0,
        status: 'OK',
        memberIds: [],
        warnings: [],
      };
      buckets.set(key, value);
    }
    return value;
  };
  for (const entry of input.demand) {
    const week = mondayOf(entry.weekStart);
    if (inScope(entry.process, week)) bucket(entry.process, week).demandHours += entry.hours;
  }
  for (const slot of input.capacity) {
    const week = mondayOf(slot.weekStart);
    if (!inScope(slot.process, week)) continue;
    const problem = capacityRowProblem(slot);
    if (problem) {
      bucket(slot.process, week).warnings.push(`member ${slot.memberId}: capacity of ${slot.process} in week ${slot.weekStart} left out (${problem})`);
      continue;
    }
    const value = bucket(slot.process, week);
    value.actualHours += slot.actualHours;
    value.maximumHours += slot.maximumHours;
    value.committedHours += slot.committedHours;
    value.availableHours += slot.availableHours;
    value.flexibleHours += slot.flexibleHours;
    if (!value.memberIds.includes(slot.memberId)) value.memberIds.push(slot.memberId);
  }
  const order = new Map(input.processOrder.map((p, i) => [p, i]));
  return [...buckets.values()]
    .map((value) => ({
      ...value,
      demandHours: round(value.demandHours),
      actualHours: round(value.actualHours),
      maximumHours: round(value.maximumHours),
      committedHours: round(value.committedHours),
      availableHours: round(value.availableHours),
      flexibleHours: round(value.flexibleHours),
      surplusHours: round(value.actualHours - value.demandHours),
      status: classifyDcm(value.demandHours, value.actualHours, value.maximumHours),
      memberIds: value.memberIds.sort(),
    }))
    .sort((a, b) => a.weekStart.localeCompare(b.weekStart) || (order.get(a.process) ?? 0) - (order.get(b.process) ?? 0));
}
