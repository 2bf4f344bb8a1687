import { mean } from 'simple-statistics';
import type { RiskLevel } from '@clustergraph/schema/values';
import { addDays, addWeeks } from '@clustergraph/runtime';
import { listLines } from '../data/lines.ts';
import { readCapacityBuckets } from '../data/capacity.ts';
import { COMMITTING_STATUSES } from '../capacity/buckets.ts';
import type { AllocationRow, AllocationStatusName, ProcessTypeName } from '../db/schema.ts';
import type { MemberDatabase } from '../db/database.ts';
import type { AnalyticsModel } from './model.ts';
import { anomalyModel, type AnomalyKind } from './anomalies.ts';
import { oeeModel } from './oee.ts';
import { weeklyOeeByProcess } from './capacityForecast.ts';
import { DAY_MS, plantDay, plantWeekOf, WEEK_MS, weekStartInstant } from './time.ts';

/**
 * Delay risk of one allocation: the probability that the member finishes it after its
 * week (the week the plan gave it). A logistic score of four drivers, each ≥ 0 and each
 * growing only when things get worse, so the risk is monotone in every input:
 *
 *   z = −3 + 8·shortfall + 10·oeeDrop + 1·min(openAnomalies, 3) + 4·min(capacityGap, 2)
 *   probability = 1 ÷ (1 + e^−z)        (nothing wrong: 0.047)
 *
 * - shortfall = max(0, elapsed − progress): elapsed is the share of the allocation's
 *   plant week (Monday 00:00 KST to the next) gone by, progress = good ÷ quantity (0..1).
 *   A week that is over with work outstanding has elapsed = 1.
 * - oeeDrop = max(0, 1 − recent ÷ usual): realised OEE of the member's lines serving the
 *   process (ISO 22400 totals per week, oee-iso22400), recent = mean of the last 4 complete
 *   weeks, usual = mean of the last 8. Unknown (no rated lines, no history) counts 0.
 * - openAnomalies = anomalies (line-anomalies-cusum-ewma) on those lines that the owner has
 *   not acknowledged and that are ongoing or ended in the last 14 days.
 * - capacityGap = max(0, needed ÷ ahead − 1): needed = remaining hours ((1 − progress) ×
 *   hours) stretched by the OEE ratio (÷ recent/usual when below 1); ahead = the week's
 *   actual hours of the process not committed to other allocations, times the share of the
 *   week still ahead. Without a capacity calendar for the week it counts 0.
 *
 * Level: LOW below 0.3, MEDIUM below 0.6, HIGH from 0.6. expectedCompletion projects the
 * remaining work at the rate observed so far (once a quarter of the week is gone and some
 * progress is reported), else at the planned rate times the OEE ratio, from the later of
 * now and the week's start. DONE allocations have probability 0; DECLINED ones no risk.
 */
export const DELAY_RISK_WEIGHTS = { intercept: -3, shortfall: 8, oeeDrop: 10, anomaly: 1, capacityGap: 4 } as const;
export const MAX_COUNTED_ANOMALIES = 3;
export const MAX_CAPACITY_GAP = 2;
export const LEVEL_MEDIUM = 0.3;
export const LEVEL_HIGH = 0.6;
/** Weeks of OEE behind "usual", and the recent part of them. */
export const OEE_USUAL_WEEKS = 8;
export const OEE_RECENT_WEEKS = 4;
/** An unacknowledged anomaly that ended this recently still counts as open. */
export const ANOMALY_RECENT_DAYS = 14;

export type RiskLevelName = RiskLevel;

export interface OpenAnomaly {
  kind: AnomalyKind;
  lineId: string;
  start: Date;
  ongoing: boolean;
}

/** Everything the model looks at, gathered from the member's own data (or a test fixture). */
export interface DelayRiskInput {
  allocation: Pick<AllocationRow, 'id' | 'process' | 'weekStart' | 'quantity' | 'hours' | 'status' | 'goodQuantity' | 'scrapQuantity'> & {
    updatedAt?: Date | null;
  };
  now: Date;
  /** Mean OEE of the process's lines over the recent and the usual weeks; null when unknown. */
  oee: { recent: number | null; usual: number | null; lineIds: string[] };
  openAnomalies: OpenAnomaly[];
  /** The allocation's week for its process; null without a capacity calendar. */
  capacity: { actualHours: number; committedHours: number } | null;
}

export interface DelayRiskValue {
  allocationId: string;
  probability: number;
  level: RiskLevelName;
  expectedCompletion: string | null;
  reasons: string[];
  modelVersion: string;
  drivers: { elapsed: number; progress: number; shortfall: number; oeeDrop: number; openAnomalies: number; capacityGap: number; score: number };
}

export const DELAY_RISK_VERSION = '1.0.0';

const pct = (x: number) => `${Math.round(x * 100)} %`;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

export function riskLevel(probability: number): RiskLevelName {
  return probability >= LEVEL_HIGH ? 'HIGH' : probability >= LEVEL_MEDIUM ? 'MEDIUM' : 'LOW';
}

/** The score of the drivers (exported for the monotonicity tests). */
export function delayScore(d: { shortfall: number; oeeDrop: number; openAnomalies: number; capacityGap: number }): number {
  const w = DELAY_RISK_WEIGHTS;
  return (
    w.intercept +
    w.shortfall * Math.max(0, d.shortfall) +
    w.oeeDrop * Math.max(0, d.oeeDrop) +
    w.anomaly * Math.min(MAX_COUNTED_ANOMALIES, Math.max(0, d.openAnomalies)) +
    w.capacityGap * Math.min(MAX_CAPACITY_GAP, Math.max(0, d.capacityGap))
  );
}

/** The model itself: pure, on hand-made or gathered input. */
export function assessDelayRisk(input: DelayRiskInput): DelayRiskValue | null {
  const a = input.allocation;
  if (a.status === 'DECLINED' || a.status === 'WITHDRAWN') return null;
  const weekStart = weekStartInstant(a.weekStart).getTime();
  const now = input.now.getTime();
  const elapsed = clamp01((now - weekStart) / WEEK_MS);
  const progress = a.quantity > 0 ? clamp01(a.goodQuantity / a.quantity) : 1;
  if (a.status === 'DONE') {
    const doneAt = a.updatedAt ?? input.now;
    return {
      allocationId: a.id,
      probability: 0,
      level: 'LOW',
      expectedCompletion: plantDay(doneAt),
      reasons: ['done'],
      modelVersion: DELAY_RISK_VERSION,
      drivers: { elapsed, progress, shortfall: 0, oeeDrop: 0, openAnomalies: 0, capacityGap: 0, score: -Infinity },
    };
  }
  const reasons: string[] = [];
  const shortfall = Math.max(0, elapsed - progress);
  const produced = a.goodQuantity + a.scrapQuantity;
  const scrapNote = a.scrapQuantity > 0 && produced > 0 ? `, ${a.scrapQuantity} scrapped (${pct(a.scrapQuantity / produced)} of produced)` : '';
  if (elapsed >= 1 && progress < 1)
    reasons.push(`week of ${a.weekStart} is over with progress ${pct(progress)} (${a.goodQuantity} of ${a.quantity} good${scrapNote})`);
  else if (shortfall > 0)
    reasons.push(`progress ${pct(progress)} with ${pct(elapsed)} of the week elapsed (${a.goodQuantity} of ${a.quantity} good${scrapNote})`);

  const { recent, usual } = input.oee;
  const oeeRatio = recent !== null && usual !== null && usual > 0 ? recent / usual : null;
  const oeeDrop = oeeRatio !== null ? Math.max(0, 1 - oeeRatio) : 0;
  if (oeeDrop > 0) reasons.push(`OEE ${pct(recent!)} vs ${pct(usual!)} usual on ${a.process} lines`);

  const open = input.openAnomalies.length;
  for (const anomaly of [...input.openAnomalies].sort((x, y) => x.start.getTime() - y.start.getTime())) {
    reasons.push(
      `open anomaly ${anomaly.kind} on ${anomaly.lineId} since ${anomaly.start.toISOString().slice(0, 16).replace('T', ' ')} UTC${anomaly.ongoing ? '' : ' (ended, not acknowledged)'}`,
    );
  }

  const stretch = oeeRatio !== null && oeeRatio < 1 ? Math.max(0.1, oeeRatio) : 1;
  const needed = ((1 - progress) * a.hours) / stretch;
  let capacityGap = 0;
  if (input.capacity && needed > 0) {
    const own = COMMITTING_STATUSES.has(a.status as AllocationStatusName) ? a.hours : 0;
    const free = Math.max(0, input.capacity.actualHours - Math.max(0, input.capacity.committedHours - own));
    const ahead = free * (1 - elapsed);
    capacityGap = ahead > 0 ? Math.max(0, needed / ahead - 1) : MAX_CAPACITY_GAP;
    if (capacityGap > 0) reasons.push(`${round1(needed)} h of work left, ${round1(ahead)} h of ${a.process} capacity left in the week`);
  }

  const score = delayScore({ shortfall, oeeDrop, openAnomalies: open, capacityGap });
  const probability = 1 / (1 + Math.exp(-score));
  if (reasons.length === 0)
    reasons.push(
      elapsed > 0 ? `on track: progress ${pct(progress)} with ${pct(elapsed)} of the week elapsed` : `week of ${a.weekStart} not started; no drivers of delay`,
    );
  if (a.status === 'PROPOSED') reasons.push('not accepted by the member yet');

  // Projected finish: observed rate once it says something, else planned rate × OEE ratio.
  const observed = elapsed >= 0.25 && progress > 0 ? progress / elapsed : null;
  const rate = observed ?? stretch; // share of the allocation per week
  const from = Math.max(now, weekStart);
  const finish = progress >= 1 ? now : from + ((1 - progress) / rate) * WEEK_MS;

  return {
    allocationId: a.id,
    probability,
    level: riskLevel(probability),
    // A finish at Monday 00:00 means done by the end of Sunday.
    expectedCompletion: plantDay(new Date(finish - 1)),
    reasons,
    modelVersion: DELAY_RISK_VERSION,
    drivers: { elapsed, progress, shortfall, oeeDrop, openAnomalies: open, capacityGap, score },
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** What one process contributes, the same for every allocation of it in one request. */
export interface ProcessRiskContext {
  oee: DelayRiskInput['oee'];
  openAnomalies: OpenAnomaly[];
}

/** OEE (last 4 vs last 8 complete weeks) and open anomalies of the lines serving a process. */
export async function processRiskContext(db: MemberDatabase, process: ProcessTypeName, now: Date): Promise<ProcessRiskContext> {
  const lineIds = (await listLines(db)).filter((l) => l.processes.includes(process)).map((l) => l.id);
  if (lineIds.length === 0) return { oee: { recent: null, usual: null, lineIds }, openAnomalies: [] };
  const thisMonday = plantWeekOf(now);
  const history = (await oeeModel.run(db, { from: addWeeks(thisMonday, -OEE_USUAL_WEEKS), to: addDays(thisMonday, -1) })).filter((w) =>
    lineIds.includes(w.lineId),
  );
  const ratios = weeklyOeeByProcess(new Map(lineIds.map((id) => [id, [process]] as const)), history).get(process) ?? [];
  const usual = ratios.length > 0 ? mean(ratios) : null;
  const recentRatios = ratios.slice(-OEE_RECENT_WEEKS);
  // "Recent" needs weeks of its own beyond the usual: with 4 weeks or fewer there is no comparison.
  const recent = ratios.length > OEE_RECENT_WEEKS ? mean(recentRatios) : null;
  const since = now.getTime() - ANOMALY_RECENT_DAYS * DAY_MS;
  const openAnomalies = (await anomalyModel.run(db, { now }))
    .filter((x) => lineIds.includes(x.lineId) && x.acknowledgement === null && (x.ongoing || (x.end?.getTime() ?? 0) >= since))
    .map((x) => ({ kind: x.kind, lineId: x.lineId, start: x.start, ongoing: x.ongoing }));
  return { oee: { recent, usual, lineIds }, openAnomalies };
}

export interface DelayRiskParams {
  allocation: AllocationRow;
  now?: Date | undefined;
  /** A per-request cache of the process contexts (several allocations share them). */
  cache?: Map<string, Promise<ProcessRiskContext>> | undefined;
}

async function runDelayRisk(db: MemberDatabase, params: DelayRiskParams): Promise<DelayRiskValue | null> {
  const now = params.now ?? new Date();
  const a = params.allocation;
  if (a.status === 'DECLINED' || a.status === 'WITHDRAWN') return null;
  const cache = params.cache ?? new Map<string, Promise<ProcessRiskContext>>();
  let context = cache.get(a.process);
  if (!context) cache.set(a.process, (context = processRiskContext(db, a.process, now)));
  const [processContext, buckets] = await Promise.all([
    context,
    readCapacityBuckets(db, { from: a.weekStart, to: addDays(a.weekStart, 6), process: a.process }),
  ]);
  const bucket = buckets.find((b) => b.weekStart === a.weekStart && b.process === a.process);
  return assessDelayRisk({
    allocation: a,
    now,
    oee: processContext.oee,
    openAnomalies: processContext.openAnomalies,
    capacity: bucket && bucket.actualHours > 0 ? { actualHours: bucket.actualHours, committedHours: bucket.committedHours } : null,
  });
}

export const delayRiskModel: AnalyticsModel<DelayRiskParams, DelayRiskValue | null> = {
  id: 'allocation-delay-risk-logistic',
  version: DELAY_RISK_VERSION,
  description:
    'Probability that an allocation finishes after its week: logistic of −3 + 8 × progress shortfall (share of the week elapsed − share reported good) + 10 × relative OEE drop of the process’s lines (last 4 vs last 8 complete weeks) + 1 per open unacknowledged anomaly on them (at most 3) + 4 × capacity gap (hours needed ÷ uncommitted hours left in the week − 1, at most 2). LOW < 0.3 ≤ MEDIUM < 0.6 ≤ HIGH.',
  category: 'AI_INSIGHTS',
  run: runDelayRisk,
};
