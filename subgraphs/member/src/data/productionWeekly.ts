import { and, asc, gte, lt, sql } from 'drizzle-orm';
import { addDays, addWeeks, mondayOf } from '@clustergraph/runtime';
import { productionRecords, type ProductionRecordRow } from '../db/schema.ts';
import type { MemberDatabase } from '../db/database.ts';
import { AGGREGATED_LINE_ID, AGGREGATED_RECORD } from '../sovereignty/categories.ts';

/**
 * Production as an AGGREGATED grant serves it: one record per complete ISO week
 * overlapping [from, to], summed over every line and shift of the firm (lineId "*",
 * shiftStart the week's Monday 00:00 UTC). Partial weeks are widened to the whole week
 * and the running week is left out, so neither a narrow date range nor polling the
 * current week can reveal a day's, a shift's or a line's figures.
 */
export async function readWeeklyProductionTotals(db: MemberDatabase, range: { from: string; to: string }, now: Date): Promise<ProductionRecordRow[]> {
  const firstMonday = mondayOf(range.from);
  const lastMonday = mondayOf(range.to);
  const currentMonday = mondayOf(now);
  // Exclusive end: the Monday after the last week, but never into the running week.
  const end = addWeeks(lastMonday, 1) < currentMonday ? addWeeks(lastMonday, 1) : currentMonday;
  if (end <= firstMonday) return [];
  const week = sql<string>`to_char(date_trunc('week', ${productionRecords.shiftStart} at time zone 'UTC'), 'YYYY-MM-DD')`;
  const rows = await db
    .select({
      week,
      goodQuantity: sql<number>`sum(${productionRecords.goodQuantity})::int`,
      scrapQuantity: sql<number>`sum(${productionRecords.scrapQuantity})::int`,
      runMinutes: sql<number>`sum(${productionRecords.runMinutes})::float8`,
      downMinutes: sql<number>`sum(${productionRecords.downMinutes})::float8`,
      energyKwh: sql<number | null>`sum(${productionRecords.energyKwh})::float8`,
    })
    .from(productionRecords)
    .where(and(gte(productionRecords.shiftStart, new Date(`${firstMonday}T00:00:00Z`)), lt(productionRecords.shiftStart, new Date(`${end}T00:00:00Z`))))
    .groupBy(week)
    .orderBy(asc(week));
  return rows.map((r, i) => ({
    id: -(i + 1),
    lineId: AGGREGATED_LINE_ID,
    shiftStart: new Date(`${r.week}T00:00:00Z`),
    goodQuantity: Number(r.goodQuantity),
    scrapQuantity: Number(r.scrapQuantity),
    runMinutes: Number(r.runMinutes),
    downMinutes: Number(r.downMinutes),
    energyKwh: r.energyKwh === null ? null : Number(r.energyKwh),
    createdAt: new Date(`${addDays(r.week, 7)}T00:00:00Z`),
    [AGGREGATED_RECORD]: true,
  }));
}
