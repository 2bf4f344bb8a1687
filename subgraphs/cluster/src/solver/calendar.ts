/** ISO-week helpers on 'YYYY-MM-DD' strings (UTC, no time zones involved). */

const DAY_MS = 86_400_000;

export function parseDate(isoDate: string): number {
  const time = Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(time)) throw new Error(`not an ISO date: ${isoDate}`);
  return time;
}

export function formatDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  return formatDate(parseDate(isoDate) + days * DAY_MS);
}

export function daysBetween(fromIsoDate: string, toIsoDate: string): number {
  return Math.round((parseDate(toIsoDate) - parseDate(fromIsoDate)) / DAY_MS);
}

/** Monday of the ISO week containing the date. */
export function mondayOf(isoDate: string): string {
  const time = parseDate(isoDate);
  const weekday = (new Date(time).getUTCDay() + 6) % 7; // Monday = 0
  return formatDate(time - weekday * DAY_MS);
}

/** Sunday closing the week that starts on the given Monday: completion date of work done that week. */
export function weekEnd(weekStart: string): string {
  return addDays(weekStart, 6);
}

/** ISO week label, e.g. '2026-W48'. */
export function isoWeekLabel(weekStart: string): string {
  const thursday = new Date(parseDate(weekStart) + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursday = parseDate(`${year}-01-04`);
  const week = 1 + Math.round((parseDate(mondayOf(formatDate(thursday.getTime()))) - parseDate(mondayOf(formatDate(firstThursday)))) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** 'YYYY-Www–Www' (or a single label) for a run of weeks. */
export function weekRangeLabel(firstWeekStart: string, lastWeekStart: string): string {
  const first = isoWeekLabel(firstWeekStart);
  const last = isoWeekLabel(lastWeekStart);
  if (first === last) return first;
  return first.slice(0, 4) === last.slice(0, 4) ? `${first}–${last.slice(5)}` : `${first}–${last}`;
}

/** Consecutive Mondays from the first to the last given week. */
export function weekSpan(weekStarts: Iterable<string>): string[] {
  const mondays = [...new Set([...weekStarts].map(mondayOf))].sort();
  const first = mondays[0];
  const last = mondays[mondays.length - 1];
  if (first === undefined || last === undefined) return [];
  const weeks: string[] = [];
  for (let week = first; week <= last; week = addDays(week, 7)) weeks.push(week);
  return weeks;
}

/** Days late when finishing in the week starting weekStart (0 when on time). */
export function lateDaysIfDoneIn(weekStart: string, dueDate: string): number {
  return Math.max(0, daysBetween(dueDate, weekEnd(weekStart)));
}
