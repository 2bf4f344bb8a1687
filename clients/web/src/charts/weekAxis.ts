import { isoWeek, isoWeekLabel, mondayOf } from '@clustergraph/sdk';
import type { Language } from '@clustergraph/i18n';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const dayMs = (date: string) => Date.parse(`${date.slice(0, 10)}T00:00:00Z`);

/**
 * An x axis counted in ISO weeks (0 = the Monday of the first week), for Gantt charts of
 * weekly buckets: a time axis puts its ticks on "nice" dates (the 1st, the 15th…), which
 * are not Mondays, so week labels would repeat or skip. Here every tick is a Monday and
 * carries exactly one label, its ISO week.
 */
export interface WeekAxis {
  /** Mondays (YYYY-MM-DD) of the weeks shown, in order. */
  mondays: string[];
  /** Position of a date on the axis, in weeks from the first Monday (fractional within a week). */
  x(date: string): number;
  /** The label of the tick at `value` (a week index): "W48\n23 Nov" / "48주\n11월 23일", blank past the last week. */
  label(value: number): string;
}

/** The weeks from the one holding the earliest date to the one holding the latest. */
export function weekAxis(dates: readonly string[], language: Language = 'en'): WeekAxis {
  if (!dates.length) throw new Error('weekAxis needs at least one date');
  const mondays = dates.map((d) => mondayOf(d.slice(0, 10)));
  const first = mondays.reduce((a, b) => (a < b ? a : b));
  const last = mondays.reduce((a, b) => (a > b ? a : b));
  const origin = dayMs(first);
  const count = Math.round((dayMs(last) - origin) / WEEK_MS) + 1;
  const weeks = Array.from({ length: count }, (_, i) => new Date(origin + i * WEEK_MS).toISOString().slice(0, 10));
  return {
    mondays: weeks,
    x: (date) => (dayMs(date) - origin) / WEEK_MS,
    label(value) {
      const monday = Number.isInteger(value) ? weeks[value] : undefined;
      if (!monday) return '';
      const date = new Date(`${monday}T00:00:00Z`);
      if (language === 'ko') return `${isoWeek(monday).week}주\n${date.toLocaleDateString('ko-KR', { day: 'numeric', month: 'long', timeZone: 'UTC' })}`;
      return `${isoWeekLabel(monday).slice(5)}\n${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })}`;
    },
  };
}
