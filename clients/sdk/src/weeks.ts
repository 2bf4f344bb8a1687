// ISO weeks keyed by their Monday (Catena-X DCM buckets), as YYYY-MM-DD strings in UTC.

const DAY_MS = 86_400_000;

function parseDate(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`"${date}" is not a YYYY-MM-DD date`);
  return Date.parse(`${date}T00:00:00Z`);
}

function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Monday of the ISO week containing `date` (default: today, UTC). */
export function mondayOf(date: string | Date = new Date()): string {
  const ms = typeof date === 'string' ? parseDate(date) : Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  return formatDate(ms - weekday * DAY_MS);
}

export function addDays(date: string, days: number): string {
  return formatDate(parseDate(date) + days * DAY_MS);
}

export function addWeeks(monday: string, weeks: number): string {
  return addDays(monday, weeks * 7);
}

/** `count` consecutive Mondays starting with `from`'s week. */
export function weeksFrom(from: string, count: number): string[] {
  const first = mondayOf(from);
  return Array.from({ length: count }, (_, i) => addWeeks(first, i));
}

/** ISO 8601 week number and week-year of a date. */
export function isoWeek(date: string): { year: number; week: number } {
  const ms = parseDate(date);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  const thursday = ms + (3 - weekday) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const firstThursday = Date.UTC(year, 0, 4);
  const firstMonday = firstThursday - ((new Date(firstThursday).getUTCDay() + 6) % 7) * DAY_MS;
  return { year, week: Math.floor((thursday - firstMonday) / (7 * DAY_MS)) + 1 };
}

/** "2025-W07" */
export function isoWeekLabel(date: string): string {
  const { year, week } = isoWeek(date);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * A week given as a Monday date, an ISO week label ("2025-W07", "W7" = this year)
 * or a plain week number relative to this week ("+2").
 */
export function parseWeek(input: string, today: Date = new Date()): string {
  const trimmed = input.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return mondayOf(trimmed);
  const relative = /^\+(\d+)$/.exec(trimmed);
  if (relative) return addWeeks(mondayOf(today), Number(relative[1]));
  const label = /^(?:(\d{4})-)?W(\d{1,2})$/i.exec(trimmed);
  if (label) {
    const year = label[1] ? Number(label[1]) : isoWeek(mondayOf(today)).year;
    const week = Number(label[2]);
    const jan4 = formatDate(Date.UTC(year, 0, 4));
    return addWeeks(mondayOf(jan4), week - 1);
  }
  throw new Error(`"${input}" is not a week (use YYYY-MM-DD, YYYY-Www, Www or +N)`);
}
