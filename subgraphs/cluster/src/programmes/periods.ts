import { addDays, addWeeks, mondayOf } from '@clustergraph/runtime';
import type { ProgrammePeriodValue } from './model.ts';

/** Programme weeks follow the members' plant calendar: ISO weeks in KST (UTC+9). */
const KST_OFFSET_MS = 9 * 3_600_000;

export function plantMonday(now: Date): string {
  return mondayOf(new Date(now.getTime() + KST_OFFSET_MS).toISOString().slice(0, 10));
}

/** The `weeks` whole weeks before the programme's start. */
export function baselinePeriod(startDate: string, weeks: number): ProgrammePeriodValue {
  return { from: addWeeks(startDate, -weeks), to: addDays(startDate, -1), weeks };
}

/**
 * The last `weeks` complete weeks before this week. Before the programme has started the
 * current period is the baseline itself (no change yet); shortly after, it may still
 * reach back before the start — the comparison is always of equally long periods.
 */
export function currentPeriod(startDate: string, weeks: number, now: Date): ProgrammePeriodValue {
  const thisMonday = plantMonday(now);
  if (thisMonday <= startDate) return baselinePeriod(startDate, weeks);
  return { from: addWeeks(thisMonday, -weeks), to: addDays(thisMonday, -1), weeks };
}
