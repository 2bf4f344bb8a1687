/**
 * The planner's notion of "now": which weeks are over and how much of the current week is left.
 * One rule, used by the instance (what the solvers may use) and by validatePlan (what a plan may
 * use), so the two can never disagree.
 *
 * A week's capacity is spread evenly over its working days, Monday to Friday (UTC, like every
 * date in the planner): on Wednesday at noon half of the week's hours are left, from Saturday
 * on none. Pinned allocations (work a member accepted or has under way) keep their hours
 * wherever they are; only new work is held to this.
 */
import { mondayOf, parseDate } from './calendar.ts';

const DAY_MS = 86_400_000;
export const WORKING_DAYS_PER_WEEK = 5;

/** Monday of the week containing the instant. */
export function currentWeekStart(now: string): string {
  return mondayOf(new Date(Date.parse(now)).toISOString().slice(0, 10));
}

/** Share (0–1) of the current week's working time still ahead at `now`. */
export function shareOfWeekLeft(now: string): number {
  const instant = Date.parse(now);
  if (Number.isNaN(instant)) throw new Error(`not an ISO date-time: ${now}`);
  const elapsedDays = (instant - parseDate(currentWeekStart(now))) / DAY_MS;
  return Math.min(1, Math.max(0, (WORKING_DAYS_PER_WEEK - elapsedDays) / WORKING_DAYS_PER_WEEK));
}

/** How much of a week's free hours new work may use: 0 for a week over, the share left for the current one, else 1. */
export function weekFactor(weekStart: string, now: string | undefined): number {
  if (now === undefined) return 1;
  const current = currentWeekStart(now);
  if (weekStart < current) return 0;
  if (weekStart > current) return 1;
  return shareOfWeekLeft(now);
}

/** Hours a member/process/week offers a plan: its pinned hours, plus the rest of its free hours as far as the week allows. */
export function allowedHours(availableHours: number, pinnedHours: number, weekStart: string, now: string | undefined): number {
  return pinnedHours + Math.max(0, availableHours - pinnedHours) * weekFactor(weekStart, now);
}
