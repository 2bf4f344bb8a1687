import { addWeeks, InputValidator, isMonday, mondayOf } from '@clustergraph/runtime';
import type { ProcessType } from '../__generated__/resolvers-types.ts';
import { capabilities, lines } from '../db/schema.ts';
import type { MemberDatabase } from '../db/database.ts';

/**
 * Bounds every write must stay within (issue 13: 1e308 hours, week 1900-01-01 and 10,000 rows
 * were stored). Configured once in config.ts (WRITE_* variables); the defaults are the README's.
 */
export interface WriteBounds {
  /** Rows per call of setCapacity, reportProduction and proposeAllocations. */
  maxRowsPerCall: number;
  /** The planning horizon, in whole ISO weeks before and after the current week. */
  horizonWeeksBack: number;
  horizonWeeksAhead: number;
}

export const DEFAULT_WRITE_BOUNDS: WriteBounds = { maxRowsPerCall: 500, horizonWeeksBack: 4, horizonWeeksAhead: 104 };

export const HOURS_PER_WEEK = 168;
/** Free text a person types (notes, reasons, names of materials): long enough for a paragraph. */
export const MAX_TEXT_LENGTH = 2000;
/** Short labels (materials, certifications). */
export const MAX_LABEL_LENGTH = 100;
/** Prices, rates and sizes beyond this are typos (an extra few zeros), not business. */
export const MAX_AMOUNT = 1e9;

/** Mondays of the first and last week a capacity or allocation row may name. */
export interface PlanningHorizon {
  first: string;
  last: string;
}

export function planningHorizon(bounds: WriteBounds, now: Date): PlanningHorizon {
  const thisWeek = mondayOf(now);
  return { first: addWeeks(thisWeek, -bounds.horizonWeeksBack), last: addWeeks(thisWeek, bounds.horizonWeeksAhead) };
}

export function checkWeekInHorizon(v: InputValidator, weekStart: string, field: string, horizon: PlanningHorizon): void {
  if (!isMonday(weekStart)) {
    v.check(false, field, `${weekStart} is not a Monday (weeks are keyed by their ISO Monday)`);
    return;
  }
  v.check(weekStart >= horizon.first && weekStart <= horizon.last, field, `${weekStart} lies outside the planning horizon ${horizon.first} … ${horizon.last}`);
}

/** Checked before anything else: a 10,000-row call is refused without looking at its rows. */
export function checkRowCount(v: InputValidator, count: number, field: string, bounds: WriteBounds): void {
  v.check(count <= bounds.maxRowsPerCall, field, `at most ${bounds.maxRowsPerCall} rows per call (got ${count})`);
}

export const isFiniteInRange = (n: number, min: number, max: number) => Number.isFinite(n) && n >= min && n <= max;

export function checkText(v: InputValidator, value: string | null | undefined, field: string, max: number): void {
  if (value !== null && value !== undefined) v.check(value.length <= max, field, `must be at most ${max} characters`);
}

/** What the firm runs: its capabilities' processes and its lines' processes, with how many lines run each. */
export interface FirmProcesses {
  /** Lines per process; a process only in the capabilities counts as one (a firm that has not described its lines yet). */
  linesPerProcess: ReadonlyMap<ProcessType, number>;
}

export async function loadFirmProcesses(db: MemberDatabase): Promise<FirmProcesses> {
  const [capabilityRows, lineRows] = await Promise.all([
    db.select({ process: capabilities.process }).from(capabilities),
    db.select({ processes: lines.processes }).from(lines),
  ]);
  const linesPerProcess = new Map<ProcessType, number>();
  for (const { processes } of lineRows) for (const process of new Set(processes)) linesPerProcess.set(process, (linesPerProcess.get(process) ?? 0) + 1);
  for (const { process } of capabilityRows) if (!linesPerProcess.has(process)) linesPerProcess.set(process, 1);
  return { linesPerProcess };
}

/** 168 hours a week per line that runs the process; 0 for a process the firm does not run. */
export function weeklyHourLimit(firm: FirmProcesses, process: ProcessType): number {
  return HOURS_PER_WEEK * (firm.linesPerProcess.get(process) ?? 0);
}

/** The process must be one the firm runs; then hours must fit 168 × its lines. Returns the limit (0 when not run). */
export function checkProcessRun(v: InputValidator, firm: FirmProcesses, process: ProcessType, field: string): number {
  const limit = weeklyHourLimit(firm, process);
  v.check(limit > 0, field, `${process} is not a process this firm runs (neither its capabilities nor its lines list it)`);
  return limit;
}

export function checkHours(v: InputValidator, hours: number, field: string, limit: number, process: ProcessType, strictlyPositive = false): void {
  const min = strictlyPositive ? Number.MIN_VALUE : 0;
  if (!isFiniteInRange(hours, min, Number.MAX_VALUE)) {
    v.check(false, field, strictlyPositive ? 'must be greater than 0' : 'must be 0 or more');
    return;
  }
  // A process the firm does not run is reported on the process field; no second message here.
  if (limit > 0) v.check(hours <= limit, field, `${hours} h exceeds ${limit} h, 168 h a week × ${limit / HOURS_PER_WEEK} line(s) running ${process}`);
}

/** For resolvers that look rows up before validating them: refuse an oversized call first. */
export function assertRowCount(count: number, field: string, bounds: WriteBounds): void {
  const v = new InputValidator();
  checkRowCount(v, count, field, bounds);
  v.throwIfInvalid();
}
