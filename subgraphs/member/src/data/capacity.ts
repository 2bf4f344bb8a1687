import { and, between, eq, inArray, sql } from 'drizzle-orm';
import { weeksBetween } from '@clustergraph/runtime';
import { allocations, capacityWeeks, type ProcessTypeName } from '../db/schema.ts';
import { COMMITTING_STATUSES, computeCapacityBuckets, type CapacityBucketValue } from '../capacity/buckets.ts';
import type { MemberDatabase } from '../db/database.ts';
import { prepared } from './prepared.ts';

/** Capacity buckets for [from, to] from the calendar and the committed allocations. */
export async function readCapacityBuckets(
  db: MemberDatabase,
  range: { from: string; to: string; process?: ProcessTypeName | null | undefined },
): Promise<CapacityBucketValue[]> {
  const weeks = weeksBetween(range.from, range.to);
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  if (!first || !last) return [];
  const process = range.process ?? null;
  if (!process) {
    // Every process (the overview query): prepared statements, the same rows as below.
    const statements = preparedAllProcesses(db);
    // One after the other, as below: one pooled connection per request, not two.
    const calendar = await statements.calendar.execute({ first, last });
    const loads = await statements.loads.execute({ first, last });
    return computeCapacityBuckets({ from: range.from, to: range.to, process, calendar, allocations: loads });
  }
  const calendar = await db
    .select()
    .from(capacityWeeks)
    .where(and(between(capacityWeeks.weekStart, first, last), process ? eq(capacityWeeks.process, process) : undefined));
  const loads = await db
    .select({ process: allocations.process, weekStart: allocations.weekStart, hours: allocations.hours, status: allocations.status })
    .from(allocations)
    .where(
      and(
        between(allocations.weekStart, first, last),
        inArray(allocations.status, [...COMMITTING_STATUSES]),
        process ? eq(allocations.process, process) : undefined,
      ),
    );
  return computeCapacityBuckets({ from: range.from, to: range.to, process, calendar, allocations: loads });
}

function preparedAllProcesses(db: MemberDatabase) {
  return prepared(db, 'member_capacity_all', (d) => ({
    calendar: d
      .select()
      .from(capacityWeeks)
      .where(between(capacityWeeks.weekStart, sql.placeholder('first'), sql.placeholder('last')))
      .prepare('member_capacity_calendar_all'),
    loads: d
      .select({ process: allocations.process, weekStart: allocations.weekStart, hours: allocations.hours, status: allocations.status })
      .from(allocations)
      .where(and(between(allocations.weekStart, sql.placeholder('first'), sql.placeholder('last')), inArray(allocations.status, [...COMMITTING_STATUSES])))
      .prepare('member_capacity_loads_all'),
  }));
}
