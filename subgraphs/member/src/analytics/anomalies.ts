import { and, asc, gte, inArray, lt } from 'drizzle-orm';
import type { AnomalyKind } from '@clustergraph/schema/values';
import { anomalyAcknowledgements, lines, productionRecords, type AnomalyAcknowledgementRow } from '../db/schema.ts';
import type { MemberDatabase } from '../db/database.ts';
import type { AnalyticsModel } from './model.ts';
import { detectShifts, type DetectorOptions } from './detectors.ts';
import { openLineEvents, type LineEventsSource } from './lineEvents.ts';
import { DAY_MS, shiftBucketStart } from './time.ts';

export type { AnomalyKind };
export type SeriesSource = 'PRODUCTION_RECORDS' | 'LINE_EVENTS';

/** One point of a per-shift series. */
export interface SeriesPoint {
  at: Date;
  value: number;
}

export interface EvidencePointValue {
  at: Date;
  value: number;
  /** The baseline the point was judged against (null during warm-up). */
  baseline: number | null;
}

export interface AnomalyValue {
  id: string;
  lineId: string;
  kind: AnomalyKind;
  source: SeriesSource;
  start: Date;
  /** Last shifted point; null while the anomaly is ongoing. */
  end: Date | null;
  ongoing: boolean;
  baseline: number;
  /** Relative change of the mean during the anomaly against the baseline (+0.8 = 80 % higher). */
  magnitude: number;
  /** The same change in baseline standard deviations. */
  magnitudeSigma: number;
  points: number;
  evidence: EvidencePointValue[];
  /** What the owner did about it, when it did. */
  acknowledgement: { action: string; by: string; at: Date } | null;
}

/**
 * Detector settings per series. Scrap rates watch increases only (fewer defects is no
 * anomaly to act on) and are floored at 0.2 percentage points of spread, so lines that
 * usually scrap nothing are not alarmed by one bad part. Cycle times watch both ways: a
 * cycle suddenly shorter is as suspicious (skipped step, miscount) as a longer one.
 */
export const SERIES_DETECTORS: Record<AnomalyKind, Partial<DetectorOptions>> = {
  SCRAP_RATE_SHIFT: { direction: 'up', sigmaFloorRelative: 0.1, sigmaFloorAbsolute: 0.002, minRelativeEffect: 0.25 },
  CYCLE_TIME_DRIFT: { direction: 'both', sigmaFloorRelative: 0.01, sigmaFloorAbsolute: 1e-6, minRelativeEffect: 0.06 },
};

/** How far back detection scans, whatever range is asked for: ids and baselines must not depend on the range. */
export const DETECTION_HISTORY_DAYS = 371;
/** Points of evidence shown either side of an anomaly. */
const EVIDENCE_MARGIN = 6;
const MAX_EVIDENCE = 160;
/** A line's cycle times come from events when they cover at least this many shifts. */
const MIN_EVENT_SHIFTS = 20;
/** A shift's mean cycle time needs this many cycles. */
const MIN_CYCLES_PER_SHIFT = 3;

/** Stable id: the kind, the line and the first shifted point. */
export function anomalyId(kind: AnomalyKind, lineId: string, start: Date): string {
  return `${kind === 'SCRAP_RATE_SHIFT' ? 'scrap' : 'cycle'}~${lineId}~${start.toISOString()}`;
}

/** Runs the detector of `kind` over one line's series. */
export function detectInSeries(lineId: string, kind: AnomalyKind, source: SeriesSource, series: readonly SeriesPoint[]): AnomalyValue[] {
  const { shifts, trace } = detectShifts(
    series.map((p) => p.value),
    SERIES_DETECTORS[kind],
  );
  return shifts.map((shift) => {
    const first = Math.max(0, shift.startIndex - EVIDENCE_MARGIN);
    const last = Math.min(series.length - 1, shift.endIndex + EVIDENCE_MARGIN);
    const evidence: EvidencePointValue[] = [];
    for (let i = first; i <= last && evidence.length < MAX_EVIDENCE; i++) {
      // Points after the segment were judged against the relearnt baseline; show the anomaly's own.
      const baseline = i >= shift.startIndex ? shift.baseline : (trace.baseline[i] ?? null);
      evidence.push({ at: series[i]!.at, value: series[i]!.value, baseline });
    }
    const start = series[shift.startIndex]!.at;
    return {
      id: anomalyId(kind, lineId, start),
      lineId,
      kind,
      source,
      start,
      end: shift.ongoing ? null : series[shift.endIndex]!.at,
      ongoing: shift.ongoing,
      baseline: shift.baseline,
      magnitude: shift.relativeEffect,
      magnitudeSigma: shift.sigmaEffect,
      points: shift.endIndex - shift.startIndex + 1,
      evidence,
      acknowledgement: null,
    };
  });
}

/** Per-shift scrap rate = scrap ÷ (good + scrap); shifts that produced nothing are skipped. */
export function scrapRateSeries(records: ReadonlyArray<{ shiftStart: Date; goodQuantity: number; scrapQuantity: number }>): SeriesPoint[] {
  return records
    .filter((r) => r.goodQuantity + r.scrapQuantity > 0)
    .map((r) => ({ at: r.shiftStart, value: r.scrapQuantity / (r.goodQuantity + r.scrapQuantity) }));
}

/** Per-shift cycle time from records: runMinutes × 60 ÷ (good + scrap) seconds per unit. */
export function recordCycleTimeSeries(
  records: ReadonlyArray<{ shiftStart: Date; goodQuantity: number; scrapQuantity: number; runMinutes: number }>,
): SeriesPoint[] {
  return records
    .filter((r) => r.goodQuantity + r.scrapQuantity > 0 && r.runMinutes > 0)
    .map((r) => ({ at: r.shiftStart, value: (r.runMinutes * 60) / (r.goodQuantity + r.scrapQuantity) }));
}

/** Per-shift mean of the cycle times events reported (8 h shifts from 06:00 plant time). */
export function eventCycleTimeSeries(cycles: ReadonlyArray<{ at: Date; seconds: number }>): SeriesPoint[] {
  const buckets = new Map<number, { total: number; count: number }>();
  for (const c of cycles) {
    const key = shiftBucketStart(c.at).getTime();
    const b = buckets.get(key) ?? { total: 0, count: 0 };
    b.total += c.seconds;
    b.count += 1;
    buckets.set(key, b);
  }
  return [...buckets]
    .filter(([, b]) => b.count >= MIN_CYCLES_PER_SHIFT)
    .sort(([a], [b]) => a - b)
    .map(([at, b]) => ({ at: new Date(at), value: b.total / b.count }));
}

export interface AnomalyParams {
  from?: Date | null | undefined;
  to?: Date | null | undefined;
  lineId?: string | null | undefined;
  now?: Date | undefined;
  events?: LineEventsSource | undefined;
}

/** Detects over each line's whole recent history, then keeps anomalies overlapping [from, to]. */
async function runAnomalies(db: MemberDatabase, params: AnomalyParams): Promise<AnomalyValue[]> {
  const now = params.now ?? new Date();
  const historyStart = new Date(now.getTime() - DETECTION_HISTORY_DAYS * DAY_MS);
  const lineRows = await db.select({ id: lines.id }).from(lines).orderBy(asc(lines.id));
  const lineIds = lineRows.map((l) => l.id).filter((id) => !params.lineId || id === params.lineId);
  if (lineIds.length === 0) return [];
  const records = await db
    .select({
      lineId: productionRecords.lineId,
      shiftStart: productionRecords.shiftStart,
      goodQuantity: productionRecords.goodQuantity,
      scrapQuantity: productionRecords.scrapQuantity,
      runMinutes: productionRecords.runMinutes,
    })
    .from(productionRecords)
    .where(and(gte(productionRecords.shiftStart, historyStart), lt(productionRecords.shiftStart, now), inArray(productionRecords.lineId, lineIds)))
    .orderBy(asc(productionRecords.shiftStart));
  const events = params.events ?? (await openLineEvents(db));
  const found: AnomalyValue[] = [];
  for (const lineId of lineIds) {
    const own = records.filter((r) => r.lineId === lineId);
    found.push(...detectInSeries(lineId, 'SCRAP_RATE_SHIFT', 'PRODUCTION_RECORDS', scrapRateSeries(own)));
    const eventSeries = eventCycleTimeSeries(await events.cycleTimes(historyStart, now, lineId));
    const fromEvents = eventSeries.length >= MIN_EVENT_SHIFTS;
    found.push(
      ...detectInSeries(lineId, 'CYCLE_TIME_DRIFT', fromEvents ? 'LINE_EVENTS' : 'PRODUCTION_RECORDS', fromEvents ? eventSeries : recordCycleTimeSeries(own)),
    );
  }
  const from = params.from?.getTime() ?? -Infinity;
  const to = params.to?.getTime() ?? Infinity;
  const wanted = found
    .filter((a) => a.start.getTime() <= to && (a.end?.getTime() ?? Infinity) >= from)
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.lineId.localeCompare(b.lineId) || a.kind.localeCompare(b.kind));
  const acknowledgements = await acknowledgementsById(
    db,
    wanted.map((a) => a.id),
  );
  for (const anomaly of wanted) {
    const ack = acknowledgements.get(anomaly.id);
    // An acknowledgement given after `now` did not exist yet (maturity as of a past date).
    if (ack && ack.acknowledgedAt <= now) anomaly.acknowledgement = { action: ack.action, by: ack.acknowledgedBy, at: ack.acknowledgedAt };
  }
  return wanted;
}

export const anomalyModel: AnalyticsModel<AnomalyParams, AnomalyValue[]> = {
  id: 'line-anomalies-cusum-ewma',
  version: '1.0.0',
  description:
    'Scrap-rate shifts (per-shift scrap ÷ produced, increases only) and cycle-time drift (per-shift seconds per unit, from line events when they cover the line, else run minutes ÷ produced) found with CUSUM (k = 0.5σ, h = 6σ) and EWMA (λ = 0.2, L = 3.5) charts against a robust rolling baseline (median, 1.4826 × MAD of the last 24 in-control shifts, after 20 to warm up).',
  category: 'AI_INSIGHTS',
  run: runAnomalies,
};

/** The owner's acknowledgements, by anomaly id. */
export async function acknowledgementsById(db: MemberDatabase, ids?: readonly string[]): Promise<Map<string, AnomalyAcknowledgementRow>> {
  if (ids && ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(anomalyAcknowledgements)
    .where(ids ? inArray(anomalyAcknowledgements.anomalyId, [...ids]) : undefined);
  return new Map(rows.map((r) => [r.anomalyId, r]));
}
