import { parseIsoDate } from './scalars.ts';

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' of the Monday of the ISO week containing `date`. */
export function mondayOf(date: Date | string): string {
  const d = typeof date === 'string' ? (parseIsoDate(date.slice(0, 10)) ?? new Date(date)) : date;
  const utc = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const weekday = (new Date(utc).getUTCDay() + 6) % 7; // Monday = 0
  return new Date(utc - weekday * DAY_MS).toISOString().slice(0, 10);
}

export function isMonday(isoDate: string): boolean {
  const d = parseIsoDate(isoDate);
  return d !== null && d.getUTCDay() === 1;
}

export function addDays(isoDate: string, days: number): string {
  const d = parseIsoDate(isoDate);
  if (!d) throw new RangeError(`not a date: ${isoDate}`);
  return new Date(d.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

export function addWeeks(isoDate: string, weeks: number): string {
  return addDays(isoDate, weeks * 7);
}

/** Mondays of every ISO week that overlaps [from, to] (inclusive). */
export function weeksBetween(from: string, to: string): string[] {
  const weeks: string[] = [];
  for (let w = mondayOf(from); w <= to; w = addWeeks(w, 1)) weeks.push(w);
  return weeks;
}

/** ISO week label, e.g. 2026-W48. */
export function isoWeekLabel(isoDate: string): string {
  const d = parseIsoDate(mondayOf(isoDate))!;
  const thursday = new Date(d.getTime() + 3 * DAY_MS);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / DAY_MS / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
