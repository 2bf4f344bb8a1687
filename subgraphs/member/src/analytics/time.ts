import { addDays, mondayOf } from '@clustergraph/runtime';

/**
 * Analytics work in the plant's calendar: Korean plants plan shifts in KST (UTC+9, no
 * daylight saving), and a Monday 06:00 KST day shift starts on Sunday in UTC. Weeks are
 * ISO weeks of the KST calendar, keyed by their Monday; a date range [from, to] means
 * from 00:00 KST on `from` up to 00:00 KST on the day after `to`.
 */
export const PLANT_UTC_OFFSET_HOURS = 9;
const OFFSET_MS = PLANT_UTC_OFFSET_HOURS * 3_600_000;
export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/** The plant-local calendar day (YYYY-MM-DD) of an instant. */
export function plantDay(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Monday (YYYY-MM-DD) of the plant-local ISO week of an instant. */
export function plantWeekOf(at: Date): string {
  return mondayOf(plantDay(at));
}

/** 00:00 plant time of a calendar day, as an instant. */
export function plantMidnight(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS);
}

/** [from 00:00, to + 1 day 00:00) in plant time. */
export function plantRange(from: string, to: string): { start: Date; end: Date } {
  return { start: plantMidnight(from), end: plantMidnight(addDays(to, 1)) };
}

/** The instant a plant-local week starts (Monday 00:00 KST). */
export function weekStartInstant(monday: string): Date {
  return plantMidnight(monday);
}

/** Shifts of 8 h anchored at 06:00 plant time (06–14, 14–22, 22–06): the bucket an event falls in. */
export function shiftBucketStart(at: Date): Date {
  const local = at.getTime() + OFFSET_MS - 6 * 3_600_000;
  const bucket = Math.floor(local / (8 * 3_600_000)) * 8 * 3_600_000;
  return new Date(bucket - OFFSET_MS + 6 * 3_600_000);
}
