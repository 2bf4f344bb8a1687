import type { ProcessTypeName } from '../db/schema.ts';
import { between, seededRandom } from './random.ts';

export interface HistoryLine {
  id: string;
  processes: readonly ProcessTypeName[];
  ratedUnitsPerHour?: number | undefined;
}

export interface ShiftResult {
  lineId: string;
  shiftStart: Date;
  goodQuantity: number;
  scrapQuantity: number;
  runMinutes: number;
  downMinutes: number;
  energyKwh: number;
}

/** Korean plants: shifts are planned in KST (UTC+9, no daylight saving). */
const KST_OFFSET_HOURS = 9;
/** Day and swing shift start hours (KST); weekdays run both, Saturday only the day shift. */
const SHIFT_START_HOURS = [6, 14] as const;
const SHIFT_MINUTES = 480;
const PLANNED_BREAK_MINUTES = 40;
const DAY_MS = 86_400_000;

/** Typical connected load per process (kW) for a small-plant line; energy-heavy processes first. */
const LINE_POWER_KW: Record<ProcessTypeName, number> = {
  FORGING: 350,
  HEAT_TREATMENT: 300,
  CASTING: 250,
  PRESSING: 150,
  SURFACE_TREATMENT: 150,
  INJECTION_MOLDING: 120,
  PAINTING: 100,
  WELDING: 60,
  CNC_MACHINING: 40,
  ASSEMBLY: 30,
  INSPECTION: 10,
  PACKAGING: 8,
};
const DEFAULT_UNITS_PER_HOUR = 20;
/** Share of the connected load drawn while a line stands (heating, hydraulics, idle spindles). */
const STANDBY_LOAD = 0.15;

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Shift start instants (UTC) of the planned shifts that ended before `until`, from `from` on. */
export function plannedShiftStarts(from: Date, until: Date): Date[] {
  const starts: Date[] = [];
  // Walk KST calendar days: shift the clock by +9 h, read the day, shift back.
  const firstKstDay = Math.floor((from.getTime() + KST_OFFSET_HOURS * 3_600_000) / DAY_MS) * DAY_MS;
  for (let day = firstKstDay; day - KST_OFFSET_HOURS * 3_600_000 < until.getTime(); day += DAY_MS) {
    const weekday = new Date(day).getUTCDay(); // 0 = Sunday
    if (weekday === 0) continue;
    const hours = weekday === 6 ? SHIFT_START_HOURS.slice(0, 1) : SHIFT_START_HOURS;
    for (const hour of hours) {
      const start = new Date(day + (hour - KST_OFFSET_HOURS) * 3_600_000);
      if (start >= from && start.getTime() + SHIFT_MINUTES * 60_000 <= until.getTime()) starts.push(start);
    }
  }
  return starts;
}

/**
 * Realistic per-shift results for each line: short stops most shifts, an occasional
 * breakdown, performance 82–97 %, scrap 1–4 %, energy from run and standby time.
 * Deterministic for the same seed, lines and shift starts.
 */
export function generateProductionHistory(lines: readonly HistoryLine[], shiftStarts: readonly Date[], seed: string): ShiftResult[] {
  const records: ShiftResult[] = [];
  for (const line of lines) {
    const random = seededRandom(`${seed}/${line.id}`);
    const baseScrapRate = between(random, 0.012, 0.03);
    const powerKw = Math.max(...line.processes.map((p) => LINE_POWER_KW[p]));
    const unitsPerHour = line.ratedUnitsPerHour ?? DEFAULT_UNITS_PER_HOUR;
    for (const shiftStart of shiftStarts) {
      const plannedMinutes = SHIFT_MINUTES - PLANNED_BREAK_MINUTES;
      const breakdown = random() < 0.08;
      const downMinutes = Math.round(breakdown ? between(random, 60, 180) : between(random, 5, 35));
      const runMinutes = plannedMinutes - downMinutes;
      const produced = Math.floor(unitsPerHour * (runMinutes / 60) * between(random, 0.82, 0.97));
      const scrapRate = Math.min(0.04, Math.max(0.01, baseScrapRate + between(random, -0.006, 0.008)));
      const scrapQuantity = Math.round(produced * scrapRate);
      const energyKwh = round1((runMinutes / 60) * powerKw * between(random, 0.85, 1.05) + (downMinutes / 60) * powerKw * STANDBY_LOAD);
      records.push({ lineId: line.id, shiftStart, goodQuantity: produced - scrapQuantity, scrapQuantity, runMinutes, downMinutes, energyKwh });
    }
  }
  return records;
}
