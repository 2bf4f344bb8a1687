import { and, eq, inArray, or } from 'drizzle-orm';
import { isoWeekLabel, mondayOf, type Logger } from '@clustergraph/runtime';
import { allocations, capacityWeeks, lines, type AllocationRow, type AllocationStatusName, type ProcessTypeName } from '../db/schema.ts';
import type { MemberDatabase } from '../db/database.ts';

/**
 * Accepted work that no longer fits this member's capacity. The member marks such allocations
 * (capacityConflict on Allocation); the cluster's planner reads the mark through the gateway,
 * re-plans exactly those allocations elsewhere and withdraws them. Two causes:
 *
 * - CAPACITY_CUT: the calendar's actual hours of a week and process were lowered below the
 *   hours accepted allocations commit there;
 * - LINE_DOWN: a line of the process has been DOWN longer than the member's threshold; for the
 *   current week the line's share of the process's actual hours (actual ÷ lines of the process)
 *   counts as lost.
 *
 * Which allocations of an overloaded bucket conflict: work under way (IN_PROGRESS) keeps its
 * hours; ACCEPTED allocations keep theirs in the order they were accepted while they fit, the
 * rest conflict (first fit). A bucket that fits again clears its marks.
 */

export type ConflictCause = 'CAPACITY_CUT' | 'LINE_DOWN';

export interface CapacityConflict {
  cause: ConflictCause;
  reason: string;
  shortHours: number;
}

/** Capacity lost to lines DOWN too long, for one process in the current week. */
export interface LostCapacity {
  hours: number;
  /** e.g. "1 of 2 HEAT_TREATMENT lines DOWN for more than 4 h". */
  why: string;
}

export interface BucketLoad {
  id: string;
  status: AllocationStatusName;
  hours: number;
  respondedAt: Date | null;
}

const EPSILON = 1e-6;
const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The conflict of each allocation of one bucket (null = it fits). Pure: the bucket's actual
 * hours, what lines DOWN too long take from them, and the committing allocations in it.
 */
export function decideConflicts(
  bucket: { process: ProcessTypeName; weekStart: string; actualHours: number; lost?: LostCapacity | null },
  loads: readonly BucketLoad[],
): Map<string, CapacityConflict | null> {
  const lost = bucket.lost && bucket.lost.hours > EPSILON ? bucket.lost : null;
  const effective = Math.max(0, bucket.actualHours - (lost?.hours ?? 0));
  const committing = loads.filter((l) => l.status === 'ACCEPTED' || l.status === 'IN_PROGRESS');
  const committed = committing.reduce((sum, l) => sum + l.hours, 0);
  const result = new Map<string, CapacityConflict | null>(committing.map((l) => [l.id, null]));
  if (committed <= effective + EPSILON) return result;
  const shortHours = round(committed - effective);
  const week = isoWeekLabel(bucket.weekStart);
  const conflict: CapacityConflict = lost
    ? {
        cause: 'LINE_DOWN',
        reason: `${lost.why}: ${round(effective)} of ${round(bucket.actualHours)} ${bucket.process} hours left in ${week}, accepted work commits ${round(committed)} h`,
        shortHours,
      }
    : {
        cause: 'CAPACITY_CUT',
        reason: `actual ${bucket.process} hours of ${week} lowered to ${round(bucket.actualHours)} h, accepted work commits ${round(committed)} h`,
        shortHours,
      };
  let used = committing.filter((l) => l.status === 'IN_PROGRESS').reduce((sum, l) => sum + l.hours, 0);
  const accepted = committing
    .filter((l) => l.status === 'ACCEPTED')
    .sort((a, b) => (a.respondedAt?.getTime() ?? 0) - (b.respondedAt?.getTime() ?? 0) || a.id.localeCompare(b.id));
  for (const load of accepted) {
    if (used + load.hours <= effective + EPSILON) used += load.hours;
    else result.set(load.id, conflict);
  }
  return result;
}

export interface LineDownRule {
  /** A line DOWN at least this long takes its share of the current week's hours (ms). */
  afterMs: number;
  now: Date;
}

const bucketKey = (process: string, weekStart: string) => `${process}|${weekStart}`;

/** Per process: the current week's hours lost to lines DOWN longer than the rule allows. */
async function lostToLinesDown(db: MemberDatabase, rule: LineDownRule, calendar: ReadonlyMap<string, number>): Promise<Map<string, LostCapacity>> {
  const all = await db.select({ id: lines.id, processes: lines.processes, state: lines.state, since: lines.stateSince }).from(lines);
  const thisWeek = mondayOf(rule.now);
  const lost = new Map<string, LostCapacity>();
  const byProcess = new Map<string, typeof all>();
  for (const line of all) for (const process of line.processes) byProcess.set(process, [...(byProcess.get(process) ?? []), line]);
  for (const [process, processLines] of byProcess) {
    const down = processLines.filter((l) => l.state === 'DOWN' && rule.now.getTime() - l.since.getTime() >= rule.afterMs);
    if (down.length === 0) continue;
    const actual = calendar.get(bucketKey(process, thisWeek)) ?? 0;
    // Said at the level of the process: which line and why is LINE_STATUS data, this mark is ORDERS.
    const why = `${down.length} of ${processLines.length} ${process} line${processLines.length > 1 ? 's' : ''} DOWN for more than ${Math.round((rule.afterMs / 3_600_000) * 10) / 10} h`;
    lost.set(process, { hours: (actual * down.length) / processLines.length, why });
  }
  return lost;
}

/**
 * Recomputes the conflict marks of the given buckets (process and week) and of the current
 * week's buckets of every process with a line DOWN too long, and writes the ones that changed.
 * Returns the allocations whose mark changed.
 */
export async function refreshCapacityConflicts(
  db: MemberDatabase,
  buckets: ReadonlyArray<{ process: ProcessTypeName; weekStart: string }>,
  rule: LineDownRule | null,
): Promise<Array<Pick<AllocationRow, 'id'> & { conflict: CapacityConflict | null }>> {
  const now = rule?.now ?? new Date();
  const thisWeek = mondayOf(now);
  const wanted = new Map<string, { process: ProcessTypeName; weekStart: string }>();
  for (const b of buckets) wanted.set(bucketKey(b.process, mondayOf(b.weekStart)), { process: b.process, weekStart: mondayOf(b.weekStart) });
  // Marks set by a line that is up again must clear, so every bucket that holds a LINE_DOWN mark is looked at too.
  const lineMarked = await db
    .select({ process: allocations.process, weekStart: allocations.weekStart })
    .from(allocations)
    .where(and(eq(allocations.conflictCause, 'LINE_DOWN'), inArray(allocations.status, ['ACCEPTED', 'IN_PROGRESS'])));
  for (const b of lineMarked) wanted.set(bucketKey(b.process, b.weekStart), b);

  const thisWeekCalendar = new Map(
    (await db.select().from(capacityWeeks).where(eq(capacityWeeks.weekStart, thisWeek))).map((row) => [bucketKey(row.process, row.weekStart), row.actualHours]),
  );
  const lost = rule ? await lostToLinesDown(db, rule, thisWeekCalendar) : new Map<string, LostCapacity>();
  for (const process of lost.keys()) wanted.set(bucketKey(process, thisWeek), { process: process as ProcessTypeName, weekStart: thisWeek });
  if (wanted.size === 0) return [];

  const targets = [...wanted.values()];
  const weeks = [...new Set(targets.map((t) => t.weekStart))];
  const calendar = new Map(
    (await db.select().from(capacityWeeks).where(inArray(capacityWeeks.weekStart, weeks))).map((row) => [
      bucketKey(row.process, row.weekStart),
      row.actualHours,
    ]),
  );
  const rows = await db
    .select()
    .from(allocations)
    .where(
      and(
        inArray(allocations.status, ['ACCEPTED', 'IN_PROGRESS']),
        or(...targets.map((t) => and(eq(allocations.process, t.process), eq(allocations.weekStart, t.weekStart)))),
      ),
    );
  const changed: Array<Pick<AllocationRow, 'id'> & { conflict: CapacityConflict | null }> = [];
  for (const target of targets) {
    const key = bucketKey(target.process, target.weekStart);
    const inBucket = rows.filter((r) => r.process === target.process && r.weekStart === target.weekStart);
    if (inBucket.length === 0) continue;
    const decisions = decideConflicts(
      { ...target, actualHours: calendar.get(key) ?? 0, lost: target.weekStart === thisWeek ? (lost.get(target.process) ?? null) : null },
      inBucket,
    );
    for (const row of inBucket) {
      const conflict = decisions.get(row.id) ?? null;
      const same = conflict
        ? row.conflictCause === conflict.cause && row.conflictReason === conflict.reason && row.conflictShortHours === conflict.shortHours
        : row.conflictCause === null;
      if (same) continue;
      await db
        .update(allocations)
        .set(
          conflict
            ? {
                // A mark that only changes its figures keeps the moment it was first detected.
                conflictDetectedAt: row.conflictCause === conflict.cause && row.conflictDetectedAt ? row.conflictDetectedAt : now,
                conflictCause: conflict.cause,
                conflictReason: conflict.reason,
                conflictShortHours: conflict.shortHours,
                updatedAt: now,
              }
            : { conflictDetectedAt: null, conflictCause: null, conflictReason: null, conflictShortHours: null, updatedAt: now },
        )
        .where(eq(allocations.id, row.id));
      changed.push({ id: row.id, conflict });
    }
  }
  return changed;
}

/**
 * The member's guard over its accepted work: recomputes the conflict marks after a capacity
 * change or a withdrawal, and every `checkMs` for lines DOWN longer than `lineDownAfterMs`
 * (null: lines never mark conflicts).
 */
export class CapacityGuard {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly options: { db: MemberDatabase; logger: Logger; lineDownAfterMs: number | null; checkMs: number; now?: () => Date }) {}

  private rule(): LineDownRule | null {
    return this.options.lineDownAfterMs === null ? null : { afterMs: this.options.lineDownAfterMs, now: this.options.now?.() ?? new Date() };
  }

  async refresh(buckets: ReadonlyArray<{ process: ProcessTypeName; weekStart: string }>): Promise<number> {
    const changed = await refreshCapacityConflicts(this.options.db, buckets, this.rule());
    if (changed.length > 0) {
      this.options.logger.info(
        { allocations: changed.map((c) => ({ id: c.id, cause: c.conflict?.cause ?? null })) },
        'capacity conflicts of accepted allocations changed',
      );
    }
    return changed.length;
  }

  /** One check of the lines (and of buckets holding LINE_DOWN marks). */
  check(): Promise<unknown> {
    this.running ??= this.refresh([])
      .catch((error) => this.options.logger.warn({ err: error }, 'capacity conflict check failed; retrying on the next tick'))
      .finally(() => (this.running = null));
    return this.running;
  }

  start(): void {
    if (this.options.lineDownAfterMs === null || this.timer) return;
    this.timer = setInterval(() => void this.check(), this.options.checkMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
