import { and, between, eq, inArray, sql } from 'drizzle-orm';
import { weeksBetween } from '@clustergraph/runtime';
import { allocations, capacityWeeks, type AllocationStatusName, type ProcessTypeName } from '../db/schema.ts';
import { COMMITTING_STATUSES, computeCapacityBuckets, type AllocationLoad, type CalendarWeek, type CapacityBucketValue } from '../capacity/buckets.ts';
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
    // Every process (the overview query): the calendar and the committed loads in ONE prepared
    // statement (a UNION ALL), the same rows as below: one round trip per request instead of two.
    const rows = await preparedAllProcesses(db).execute({ first, last });
    const calendar: CalendarWeek[] = [];
    const loads: AllocationLoad[] = [];
    for (const row of rows) {
      if (row.kind === 'calendar') {
        calendar.push({
          process: row.process,
          weekStart: row.weekStart,
          actualHours: row.actualHours!,
          maximumHours: row.maximumHours!,
          pricePerHour: row.pricePerHour,
        });
      } else {
        loads.push({ process: row.process, weekStart: row.weekStart, hours: row.hours!, status: row.status! });
      }
    }
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
  return prepared(db, 'member_capacity_all_union', (d) =>
    d
      .select({
        kind: sql<'calendar' | 'load'>`'calendar'`,
        process: capacityWeeks.process,
        weekStart: capacityWeeks.weekStart,
        actualHours: sql<number | null>`${capacityWeeks.actualHours}`,
        maximumHours: sql<number | null>`${capacityWeeks.maximumHours}`,
        pricePerHour: sql<number | null>`${capacityWeeks.pricePerHour}`,
        hours: sql<number | null>`null::double precision`,
        status: sql<AllocationStatusName | null>`null::text`,
      })
      .from(capacityWeeks)
      .where(between(capacityWeeks.weekStart, sql.placeholder('first'), sql.placeholder('last')))
      .unionAll(
        d
          .select({
            kind: sql<'calendar' | 'load'>`'load'`,
            process: allocations.process,
            weekStart: allocations.weekStart,
            actualHours: sql<number | null>`null::double precision`,
            maximumHours: sql<number | null>`null::double precision`,
            pricePerHour: sql<number | null>`null::double precision`,
            hours: sql<number | null>`${allocations.hours}`,
            status: sql<AllocationStatusName | null>`${allocations.status}::text`,
          })
          .from(allocations)
          .where(and(between(allocations.weekStart, sql.placeholder('first'), sql.placeholder('last')), inArray(allocations.status, [...COMMITTING_STATUSES]))),
      )
      .prepare('member_capacity_all_union'),
  );
}
