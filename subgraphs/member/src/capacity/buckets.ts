import { weeksBetween } from '@clustergraph/runtime';
import { PROCESS_TYPES, type AllocationStatusName, type ProcessTypeName } from '../db/schema.ts';
import type { CapacityBucket } from '../__generated__/resolvers-types.ts';

/** A week's capacity in one process: the standard's CapacityBucket (generated from the member SDL). */
export type CapacityBucketValue = Omit<CapacityBucket, '__typename'>;

/** One row of the capacity calendar as the arithmetic needs it. */
export type CalendarWeek = Pick<CapacityBucketValue, 'process' | 'weekStart' | 'actualHours' | 'maximumHours' | 'pricePerHour'>;

/** An allocation as far as capacity is concerned. */
export interface AllocationLoad {
  process: ProcessTypeName;
  weekStart: string;
  hours: number;
  status: AllocationStatusName;
}

/**
 * Statuses whose hours are taken out of the week's capacity. A proposal is not yet a
 * commitment, a declined one never was, and finished work no longer needs the hours.
 */
export const COMMITTING_STATUSES: ReadonlySet<AllocationStatusName> = new Set(['ACCEPTED', 'IN_PROGRESS']);

const key = (process: string, weekStart: string) => `${process}|${weekStart}`;
const processOrder = new Map<string, number>(PROCESS_TYPES.map((p, i) => [p, i]));

/**
 * Weekly capacity buckets for every ISO week overlapping [from, to].
 *
 * A (process, week) gets a bucket when the calendar has a row for it, or when committed
 * allocations fall in it without one — then actual and maximum are 0, so the
 * over-commitment shows instead of disappearing. Weeks with neither are omitted.
 * Sorted by week, then by process in the standard's enum order.
 */
export function computeCapacityBuckets(input: {
  from: string;
  to: string;
  process?: ProcessTypeName | null;
  calendar: readonly CalendarWeek[];
  allocations: readonly AllocationLoad[];
}): CapacityBucketValue[] {
  const weeks = new Set(weeksBetween(input.from, input.to));
  const inScope = (process: ProcessTypeName, weekStart: string) => weeks.has(weekStart) && (!input.process || process === input.process);

  const committed = new Map<string, number>();
  for (const a of input.allocations) {
    if (!COMMITTING_STATUSES.has(a.status) || !inScope(a.process, a.weekStart)) continue;
    const k = key(a.process, a.weekStart);
    committed.set(k, (committed.get(k) ?? 0) + a.hours);
  }

  const buckets = new Map<string, CapacityBucketValue>();
  for (const row of input.calendar) {
    if (!inScope(row.process, row.weekStart)) continue;
    buckets.set(key(row.process, row.weekStart), bucketOf(row, committed.get(key(row.process, row.weekStart)) ?? 0));
  }
  for (const [k, hours] of committed) {
    if (buckets.has(k)) continue;
    const [process, weekStart] = k.split('|') as [ProcessTypeName, string];
    buckets.set(k, bucketOf({ process, weekStart, actualHours: 0, maximumHours: 0, pricePerHour: null }, hours));
  }

  return [...buckets.values()].sort(
    (a, b) => a.weekStart.localeCompare(b.weekStart) || (processOrder.get(a.process) ?? 0) - (processOrder.get(b.process) ?? 0),
  );
}

/** available = max(0, actual − committed); flexible = maximum − actual (DCM). */
export function bucketOf(week: CalendarWeek, committedHours: number): CapacityBucketValue {
  return {
    process: week.process,
    weekStart: week.weekStart,
    actualHours: week.actualHours,
    maximumHours: week.maximumHours,
    committedHours,
    availableHours: Math.max(0, week.actualHours - committedHours),
    flexibleHours: Math.max(0, week.maximumHours - week.actualHours),
    pricePerHour: week.pricePerHour,
  };
}
