import { mean, sampleStandardDeviation } from 'simple-statistics';
import { addDays, addWeeks } from '@clustergraph/runtime';
import { listLines } from '../data/lines.ts';
import { readCapacityBuckets } from '../data/capacity.ts';
import type { ProcessTypeName } from '../db/schema.ts';
import type { MemberDatabase } from '../db/database.ts';
import type { AnalyticsModel } from './model.ts';
import { combineOee, oeeModel, type OeeWeekValue } from './oee.ts';
import { plantWeekOf } from './time.ts';

/**
 * Available capacity per process for the next weeks, with an interval:
 *
 * - available hours of a week = max(0, actual − committed) from the capacity calendar and
 *   the accepted/in-progress allocations (the same arithmetic as Member.capacity);
 * - realised OEE r_w of the process per week = OEE of all lines serving the process over
 *   the last `OEE_HISTORY_WEEKS` complete weeks (ISO 22400 totals, not an average of ratios);
 * - expected effective hours = available × mean(r); the interval is the 80 % prediction
 *   interval of next week's ratio, mean(r) ∓ 1.2816 · sd(r) · √(1 + 1/n), clipped to [0, 1],
 *   times available hours. With fewer than 2 weeks of OEE the spread is unknown: the
 *   interval is [0, available] around the single ratio, or no adjustment at all without one.
 */
export const OEE_HISTORY_WEEKS = 8;
export const DEFAULT_FORECAST_WEEKS = 4;
export const MAX_FORECAST_WEEKS = 12;
const Z_80 = 1.2816;

export interface CapacityForecastValue {
  process: ProcessTypeName;
  weekStart: string;
  availableHours: number;
  committedHours: number;
  /** Mean realised OEE of the process (null without history). */
  oeeRatio: number | null;
  expectedEffectiveHours: number;
  low: number;
  high: number;
  /** Weeks of realised OEE behind the ratio. */
  oeeWeeks: number;
  basis: string;
}

export interface ProcessOee {
  ratios: number[];
}

/** The forecast of one week from its capacity bucket and the process's weekly OEE ratios. */
export function forecastWeek(
  bucket: { process: ProcessTypeName; weekStart: string; availableHours: number; committedHours: number },
  ratios: readonly number[],
): CapacityForecastValue {
  const available = bucket.availableHours;
  const base = {
    process: bucket.process,
    weekStart: bucket.weekStart,
    availableHours: available,
    committedHours: bucket.committedHours,
    oeeWeeks: ratios.length,
  };
  if (ratios.length === 0) {
    return {
      ...base,
      oeeRatio: null,
      expectedEffectiveHours: available,
      low: available,
      high: available,
      basis: 'no realised OEE for this process: available hours unadjusted',
    };
  }
  const ratio = mean([...ratios]);
  if (ratios.length < 2) {
    return {
      ...base,
      oeeRatio: ratio,
      expectedEffectiveHours: available * ratio,
      low: 0,
      high: available,
      basis: 'one week of realised OEE: spread unknown, interval is 0 to available',
    };
  }
  const spread = Z_80 * sampleStandardDeviation([...ratios]) * Math.sqrt(1 + 1 / ratios.length);
  const clip = (x: number) => Math.min(1, Math.max(0, x));
  return {
    ...base,
    oeeRatio: ratio,
    expectedEffectiveHours: available * ratio,
    low: available * clip(ratio - spread),
    high: available * clip(ratio + spread),
    basis: `available × mean OEE of ${ratios.length} weeks; 80 % interval from week-to-week OEE spread`,
  };
}

/** Weekly OEE ratio per process: the lines serving a process pooled per week. */
export function weeklyOeeByProcess(
  lineProcesses: ReadonlyMap<string, readonly ProcessTypeName[]>,
  weeks: readonly OeeWeekValue[],
): Map<ProcessTypeName, number[]> {
  const grouped = new Map<ProcessTypeName, Map<string, OeeWeekValue[]>>();
  for (const w of weeks) {
    for (const process of lineProcesses.get(w.lineId) ?? []) {
      const byWeek = grouped.get(process) ?? new Map<string, OeeWeekValue[]>();
      grouped.set(process, byWeek);
      byWeek.set(w.weekStart, [...(byWeek.get(w.weekStart) ?? []), w]);
    }
  }
  const result = new Map<ProcessTypeName, number[]>();
  for (const [process, byWeek] of grouped) {
    const ratios = [...byWeek.keys()]
      .sort()
      .map((week) => combineOee(byWeek.get(week)!).oee)
      .filter((r): r is number => r !== null);
    result.set(process, ratios);
  }
  return result;
}

export interface CapacityForecastParams {
  process?: ProcessTypeName | null | undefined;
  weeks?: number | null | undefined;
  now?: Date | undefined;
}

async function runCapacityForecast(db: MemberDatabase, params: CapacityForecastParams): Promise<CapacityForecastValue[]> {
  const now = params.now ?? new Date();
  const weeks = Math.min(MAX_FORECAST_WEEKS, Math.max(1, params.weeks ?? DEFAULT_FORECAST_WEEKS));
  const thisMonday = plantWeekOf(now);
  // The running week is part of the forecast (its remaining hours can still be allocated), not of the OEE history.
  const buckets = await readCapacityBuckets(db, { from: thisMonday, to: addDays(addWeeks(thisMonday, weeks - 1), 6), process: params.process ?? null });
  const history = await oeeModel.run(db, { from: addWeeks(thisMonday, -OEE_HISTORY_WEEKS), to: addDays(thisMonday, -1) });
  const lineProcesses = new Map((await listLines(db)).map((l) => [l.id, l.processes] as const));
  const ratios = weeklyOeeByProcess(lineProcesses, history);
  return buckets.map((b) => forecastWeek(b, ratios.get(b.process) ?? []));
}

export const capacityForecastModel: AnalyticsModel<CapacityForecastParams, CapacityForecastValue[]> = {
  id: 'capacity-forecast-oee',
  version: '1.0.0',
  description:
    'Available hours per process for the current and next weeks (capacity calendar − accepted allocations) times the realised OEE of the process over the last 8 complete weeks, with an 80 % interval from the week-to-week OEE spread.',
  category: 'AI_INSIGHTS',
  run: runCapacityForecast,
};
