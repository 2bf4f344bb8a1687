import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { AnalyticsSource } from '@clustergraph/schema/values';
import { lines, productionRecords, type LineRow } from '../db/schema.ts';
import type { MemberDatabase } from '../db/database.ts';
import type { AnalyticsModel } from './model.ts';
import { openLineEvents, type LineEventsSource } from './lineEvents.ts';
import { plantRange, plantWeekOf } from './time.ts';

/**
 * OEE per line and ISO week, ISO 22400-2:
 *
 * - planned busy time PBT = Σ (runMinutes + downMinutes) of the week's shift records. A
 *   shift record is reported net of planned stops (breaks, planned maintenance), so
 *   run + down is the time the line was planned to produce: operating time − planned downtime.
 * - unplanned downtime = Σ downMinutes of the records; for a shift whose line was
 *   reporting live events (its state at the shift's start is known), the minutes the line
 *   was in state DOWN during the 8 h from the shift's start instead, capped at the shift's PBT.
 * - actual production time APT = PBT − unplanned downtime (= Σ runMinutes from records).
 * - planned run time per item PRI = 60 / ratedUnitsPerHour minutes; produced quantity
 *   PQ = good + scrap.
 * - availability A = APT / PBT; performance P = PRI × PQ / APT; quality Q = good / PQ;
 *   OEE = A × P × Q (which equals PRI × good / PBT).
 *
 * P is null when the line has no rated speed (PRI unknown), Q when nothing was produced;
 * OEE is then null too, except that a week with no production time at all has OEE 0.
 * P is not capped: above 1 means the rated speed understates what the line does.
 */
export interface OeeShiftInput {
  shiftStart: Date;
  goodQuantity: number;
  scrapQuantity: number;
  runMinutes: number;
  downMinutes: number;
}

/** The standard's AnalyticsSource. */
export type DowntimeSource = AnalyticsSource;

export interface OeeWeekValue {
  lineId: string;
  weekStart: string;
  shifts: number;
  plannedBusyMinutes: number;
  runMinutes: number;
  downMinutes: number;
  downtimeSource: DowntimeSource;
  producedQuantity: number;
  goodQuantity: number;
  scrapQuantity: number;
  plannedRunMinutesPerItem: number | null;
  availability: number;
  performance: number | null;
  quality: number | null;
  oee: number | null;
}

/** Unplanned DOWN minutes per shift start (ms) from live events, for the shifts they cover. */
export type EventDowntime = ReadonlyMap<number, number>;

export function computeOeeWeeks(
  lineId: string,
  ratedUnitsPerHour: number | null,
  shifts: readonly OeeShiftInput[],
  eventDowntime: EventDowntime = new Map(),
): OeeWeekValue[] {
  const plannedRunMinutesPerItem = ratedUnitsPerHour && ratedUnitsPerHour > 0 ? 60 / ratedUnitsPerHour : null;
  const weeks = new Map<string, { shifts: number; pbt: number; down: number; fromEvents: number; good: number; scrap: number }>();
  for (const s of shifts) {
    const week = plantWeekOf(s.shiftStart);
    let w = weeks.get(week);
    if (!w) weeks.set(week, (w = { shifts: 0, pbt: 0, down: 0, fromEvents: 0, good: 0, scrap: 0 }));
    const pbt = s.runMinutes + s.downMinutes;
    const eventDown = eventDowntime.get(s.shiftStart.getTime());
    w.shifts += 1;
    w.pbt += pbt;
    if (eventDown === undefined) w.down += s.downMinutes;
    else {
      w.down += Math.min(eventDown, pbt);
      w.fromEvents += 1;
    }
    w.good += s.goodQuantity;
    w.scrap += s.scrapQuantity;
  }
  const result: OeeWeekValue[] = [];
  for (const [weekStart, w] of [...weeks].sort(([a], [b]) => a.localeCompare(b))) {
    if (w.pbt <= 0) continue;
    const apt = Math.max(0, w.pbt - w.down);
    const produced = w.good + w.scrap;
    const availability = apt / w.pbt;
    const performance = plannedRunMinutesPerItem !== null && apt > 0 ? (plannedRunMinutesPerItem * produced) / apt : null;
    const quality = produced > 0 ? w.good / produced : null;
    const oee = apt === 0 ? 0 : performance !== null && quality !== null ? availability * performance * quality : null;
    result.push({
      lineId,
      weekStart,
      shifts: w.shifts,
      plannedBusyMinutes: w.pbt,
      runMinutes: apt,
      downMinutes: w.down,
      downtimeSource: w.fromEvents === 0 ? 'PRODUCTION_RECORDS' : w.fromEvents === w.shifts ? 'LINE_EVENTS' : 'MIXED',
      producedQuantity: produced,
      goodQuantity: w.good,
      scrapQuantity: w.scrap,
      plannedRunMinutesPerItem,
      availability,
      performance,
      quality,
      oee,
    });
  }
  return result;
}

/** OEE over several line-weeks, weighted as ISO 22400 sums do: totals first, ratios after. */
export function combineOee(weeks: readonly OeeWeekValue[]): {
  availability: number | null;
  performance: number | null;
  quality: number | null;
  oee: number | null;
} {
  const pbt = sum(weeks.map((w) => w.plannedBusyMinutes));
  const apt = sum(weeks.map((w) => w.runMinutes));
  const rated = weeks.filter((w) => w.plannedRunMinutesPerItem !== null);
  const idealMinutes = sum(rated.map((w) => w.plannedRunMinutesPerItem! * w.producedQuantity));
  const ratedApt = sum(rated.map((w) => w.runMinutes));
  const produced = sum(weeks.map((w) => w.producedQuantity));
  const good = sum(weeks.map((w) => w.goodQuantity));
  const availability = pbt > 0 ? apt / pbt : null;
  const performance = ratedApt > 0 ? idealMinutes / ratedApt : null;
  const quality = produced > 0 ? good / produced : null;
  const oee = availability !== null && performance !== null && quality !== null ? availability * performance * quality : null;
  return { availability, performance, quality, oee };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

const SHIFT_WINDOW_MS = 8 * 3_600_000;
/** How far before a range the state at its start is looked for. */
const STATE_LOOKBACK_MS = 7 * 86_400_000;

/** DOWN minutes per shift from live events, for shifts whose starting state the events know. */
export async function eventDowntimeForShifts(events: LineEventsSource, lineId: string, shiftStarts: readonly Date[]): Promise<Map<number, number>> {
  const result = new Map<number, number>();
  if (!events.available || shiftStarts.length === 0) return result;
  const first = Math.min(...shiftStarts.map((d) => d.getTime()));
  const last = Math.max(...shiftStarts.map((d) => d.getTime())) + SHIFT_WINDOW_MS;
  const states = await events.states(new Date(first - STATE_LOOKBACK_MS), new Date(last), lineId);
  if (states.length === 0) return result;
  for (const start of shiftStarts) {
    const from = start.getTime();
    const until = from + SHIFT_WINDOW_MS;
    // The state at the shift's start must be known, or the events do not cover the shift.
    let index = -1;
    for (let i = 0; i < states.length && states[i]!.at.getTime() <= from; i++) index = i;
    if (index < 0) continue;
    let minutes = 0;
    for (let i = index; i < states.length && states[i]!.at.getTime() < until; i++) {
      if (states[i]!.state !== 'DOWN') continue;
      const a = Math.max(states[i]!.at.getTime(), from);
      const b = Math.min(states[i + 1]?.at.getTime() ?? until, until);
      if (b > a) minutes += (b - a) / 60_000;
    }
    result.set(from, minutes);
  }
  return result;
}

export interface OeeParams {
  from: string;
  to: string;
  /** One line, or every line of the member. */
  lineId?: string | null | undefined;
  events?: LineEventsSource | undefined;
}

/** Reads the records (and events) of [from, to] in plant time and computes OEE per line and week. */
async function runOee(db: MemberDatabase, params: OeeParams): Promise<OeeWeekValue[]> {
  const { start, end } = plantRange(params.from, params.to);
  const lineRows: LineRow[] = await db
    .select()
    .from(lines)
    .where(params.lineId ? eq(lines.id, params.lineId) : undefined)
    .orderBy(asc(lines.id));
  if (lineRows.length === 0) return [];
  const records = await db
    .select()
    .from(productionRecords)
    .where(
      and(
        gte(productionRecords.shiftStart, start),
        lt(productionRecords.shiftStart, end),
        inArray(
          productionRecords.lineId,
          lineRows.map((l) => l.id),
        ),
      ),
    )
    .orderBy(asc(productionRecords.shiftStart));
  const events = params.events ?? (await openLineEvents(db));
  const result: OeeWeekValue[] = [];
  for (const line of lineRows) {
    const shifts = records.filter((r) => r.lineId === line.id);
    const eventDown = await eventDowntimeForShifts(
      events,
      line.id,
      shifts.map((s) => s.shiftStart),
    );
    result.push(...computeOeeWeeks(line.id, line.ratedUnitsPerHour, shifts, eventDown));
  }
  return result;
}

export const oeeModel: AnalyticsModel<OeeParams, OeeWeekValue[]> = {
  id: 'oee-iso22400',
  version: '1.0.0',
  description:
    'OEE per line and ISO week (ISO 22400-2): availability = actual production time ÷ planned busy time, performance = planned run time per item × produced quantity ÷ actual production time, quality = good ÷ produced; from shift records, with DOWN time from live line events where they cover a shift.',
  category: 'AI_INSIGHTS',
  run: runOee,
};
