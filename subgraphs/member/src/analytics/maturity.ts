import { and, asc, count, gte, isNotNull, lt, lte } from 'drizzle-orm';
import type { EvidenceSource } from '@clustergraph/schema/values';
import { quantile } from 'simple-statistics';
import { anomalyAcknowledgements, lines, productionRecords } from '../db/schema.ts';
import type { MemberDatabase } from '../db/database.ts';
import type { AnalyticsModel } from './model.ts';
import { anomalyModel } from './anomalies.ts';
import { openLineEvents, type LineEventsSource } from './lineEvents.ts';
import { readSelfAssessment, SELF_ASSESSMENT_QUESTIONS, type SelfAssessmentAnswers, type SelfAssessmentKey } from './selfAssessment.ts';
import { DAY_MS, WEEK_MS } from './time.ts';

/** What the maturity model reads from the member's data and self-assessment, as of one instant. */
export interface MaturityFacts {
  asOf: Date;
  lineCount: number;
  /** False when the member has no line events table: live share and latency are unknown (0). */
  eventsAvailable: boolean;
  linesReportingLive: number;
  recordsLast4Weeks: number;
  /** Records of the last 4 weeks with both scrap and energy filled (scrap is a required column). */
  completeRecordsLast4Weeks: number;
  historyWeeks: number;
  /** 95th percentile of received − at over the last 7 days; null without receipt times. */
  latencyP95Seconds: number | null;
  anomaliesLast12Weeks: number;
  anomaliesActedOn: number;
  selfAssessment: SelfAssessmentAnswers | null;
}

export type { EvidenceSource };

export interface EvidenceValue {
  criterion: string;
  level: number;
  source: EvidenceSource;
  description: string;
  met: boolean;
  /** What was measured, in words ("3 of 4 lines", "p95 1.2 s"). */
  value: string;
  /** The measured figure where there is one (share 0..1, seconds, weeks). */
  measured: number | null;
  target: string;
}

export interface MaturityValue {
  level: number;
  asOf: Date;
  evidence: EvidenceValue[];
  nextSteps: string[];
  /** Caveats about the evidence (no line events table, no self-assessment yet). */
  notes: string[];
}

interface Criterion {
  id: string;
  level: number;
  source: EvidenceSource;
  description: string;
  target: string;
  evaluate(f: MaturityFacts): { met: boolean; value: string; measured: number | null };
  nextStep(f: MaturityFacts): string;
}

const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

function liveShare(min: number, level: number): Criterion {
  return {
    id: level === 2 ? 'live-status-coverage' : level === 3 ? 'live-status-coverage-high' : 'live-status-coverage-full',
    level,
    source: 'DATA',
    description: 'Share of lines reporting live status (a line event in the last 7 days)',
    target: `≥ ${pct(min)}`,
    evaluate: (f) => {
      const s = share(f.linesReportingLive, f.lineCount);
      const value = f.eventsAvailable ? `${f.linesReportingLive} of ${f.lineCount} lines (${pct(s)})` : 'no line events recorded on this member: treated as 0';
      return { met: f.eventsAvailable && f.lineCount > 0 && s >= min - 1e-9, value, measured: s };
    },
    nextStep: (f) => {
      const needed = Math.max(1, Math.ceil(min * f.lineCount) - f.linesReportingLive);
      return `Connect ${needed} more line${needed === 1 ? '' : 's'} to live status (MQTT, MES mutation or gateway), so that ≥ ${pct(min)} of lines report events.`;
    },
  };
}

function completeness(min: number, level: number): Criterion {
  return {
    id: level === 2 ? 'record-completeness' : 'record-completeness-high',
    level,
    source: 'DATA',
    description: 'Share of production records of the last 4 weeks with scrap and energy filled',
    target: `≥ ${pct(min)}`,
    evaluate: (f) => {
      const s = share(f.completeRecordsLast4Weeks, f.recordsLast4Weeks);
      return {
        met: f.recordsLast4Weeks > 0 && s >= min - 1e-9,
        value: `${f.completeRecordsLast4Weeks} of ${f.recordsLast4Weeks} records (${pct(s)})`,
        measured: s,
      };
    },
    nextStep: () => `Report energy (kWh) and scrap with every shift record: ≥ ${pct(min)} of the last 4 weeks' records.`,
  };
}

function historyDepth(weeks: number, level: number): Criterion {
  return {
    id: `history-depth-${weeks}w`,
    level,
    source: 'DATA',
    description: 'Weeks of production history',
    target: `≥ ${weeks} weeks`,
    evaluate: (f) => ({ met: f.historyWeeks >= weeks, value: `${f.historyWeeks.toFixed(1)} weeks`, measured: f.historyWeeks }),
    nextStep: (f) => `Keep reporting production: ${Math.max(0, weeks - f.historyWeeks).toFixed(1)} more weeks of history are needed (≥ ${weeks}).`,
  };
}

function latency(maxSeconds: number, level: number): Criterion {
  return {
    id: `event-latency-${maxSeconds}s`,
    level,
    source: 'DATA',
    description: 'Event latency, 95th percentile of received − occurred over the last 7 days',
    target: `≤ ${maxSeconds} s`,
    evaluate: (f) =>
      f.latencyP95Seconds === null
        ? {
            met: false,
            value: f.eventsAvailable ? 'no events with a receipt time in the last 7 days' : 'no line events recorded on this member',
            measured: null,
          }
        : { met: f.latencyP95Seconds <= maxSeconds, value: `p95 ${f.latencyP95Seconds.toFixed(1)} s`, measured: f.latencyP95Seconds },
    nextStep: () => `Send line events as they happen (edge gateway, MQTT): 95 % must arrive within ${maxSeconds} s.`,
  };
}

function selfAssessed(key: SelfAssessmentKey): Criterion {
  const question = SELF_ASSESSMENT_QUESTIONS.find((q) => q.key === key)!;
  return {
    id: `self-${key}`,
    level: question.level,
    source: 'SELF_ASSESSMENT',
    description: question.question,
    target: 'yes',
    evaluate: (f) =>
      f.selfAssessment === null
        ? { met: false, value: 'self-assessment not answered', measured: null }
        : { met: f.selfAssessment[key], value: f.selfAssessment[key] ? 'yes' : 'no', measured: f.selfAssessment[key] ? 1 : 0 },
    nextStep: (f) =>
      f.selfAssessment === null ? 'Answer the self-assessment (setSelfAssessment).' : `Self-assessment: ${question.question.replace(/\?$/, '')} — not yet.`,
  };
}

/**
 * The ladder. A level is reached when every criterion of it and of every level below is
 * met; level 1 is the floor. Live status is a level-2 criterion, so a member whose lines
 * report no live status cannot be above 1, whatever it answers about itself.
 */
export const MATURITY_CRITERIA: readonly Criterion[] = [
  {
    id: 'production-recorded',
    level: 1,
    source: 'DATA',
    description: 'Production results recorded per shift in the last 4 weeks',
    target: '≥ 1 record',
    evaluate: (f) => ({ met: f.recordsLast4Weeks > 0, value: `${f.recordsLast4Weeks} shift records`, measured: f.recordsLast4Weeks }),
    nextStep: () => 'Report production results per shift (reportProduction).',
  },
  selfAssessed('lotTraceability'),
  liveShare(0.8, 2),
  completeness(0.9, 2),
  historyDepth(4, 2),
  selfAssessed('automaticEquipmentData'),
  liveShare(0.95, 3),
  latency(10, 3),
  completeness(0.98, 3),
  historyDepth(6, 3),
  selfAssessed('realTimeControl'),
  {
    id: 'anomalies-acted-on',
    level: 4,
    source: 'DATA',
    description: 'Share of anomalies detected in the last 12 weeks that the firm acted on',
    target: '≥ 80 % (met when none were detected)',
    evaluate: (f) => {
      const s = f.anomaliesLast12Weeks === 0 ? 1 : f.anomaliesActedOn / f.anomaliesLast12Weeks;
      const value = f.anomaliesLast12Weeks === 0 ? 'no anomalies detected' : `${f.anomaliesActedOn} of ${f.anomaliesLast12Weeks} acted on (${pct(s)})`;
      return { met: s >= 0.8 - 1e-9, value, measured: s };
    },
    nextStep: (f) => {
      const needed = Math.max(1, Math.ceil(0.8 * f.anomaliesLast12Weeks) - f.anomaliesActedOn);
      return `Act on detected anomalies and record it (acknowledgeAnomaly): ${needed} more of the last 12 weeks'.`;
    },
  },
  historyDepth(12, 4),
  selfAssessed('environmentSafetyMonitoring'),
  selfAssessed('analyticsInOperations'),
  liveShare(1, 5),
  latency(2, 5),
  selfAssessed('autonomousControl'),
];

export const LEVEL_NAMES = ['', 'basic', 'intermediate 1', 'intermediate 2', 'advanced 1', 'advanced 2'] as const;

/** The level, the evidence for every criterion and what the next level still needs. */
export function assessMaturity(facts: MaturityFacts): MaturityValue {
  const evidence: EvidenceValue[] = MATURITY_CRITERIA.map((c) => ({
    criterion: c.id,
    level: c.level,
    source: c.source,
    description: c.description,
    target: c.target,
    ...c.evaluate(facts),
  }));
  let level = 1;
  for (let candidate = 1; candidate <= 5; candidate++) {
    if (evidence.every((e) => e.level > candidate || e.met)) level = candidate;
    else break;
  }
  const nextSteps =
    level >= 5
      ? []
      : MATURITY_CRITERIA.filter((c, i) => c.level <= level + 1 && !evidence[i]!.met).map(
          (c) => `Level ${level + 1} (${LEVEL_NAMES[level + 1]}): ${c.nextStep(facts)}`,
        );
  const notes: string[] = [];
  if (!facts.eventsAvailable)
    notes.push('This member has no line events (live status) table: live status share and event latency are treated as 0, so the level cannot exceed 1.');
  if (!facts.selfAssessment) notes.push('No self-assessment answered yet: criteria that only the firm can answer count as not met.');
  return { level, asOf: facts.asOf, evidence, nextSteps: [...new Set(nextSteps)], notes };
}

const LIVE_WINDOW_MS = 7 * DAY_MS;
const RECENT_WINDOW_MS = 4 * WEEK_MS;
const ANOMALY_WINDOW_MS = 12 * WEEK_MS;

/** Reads the facts as of `asOf` (everything after it is ignored, so a past level can be recomputed). */
export async function gatherMaturityFacts(db: MemberDatabase, asOf: Date, events?: LineEventsSource): Promise<MaturityFacts> {
  const source = events ?? (await openLineEvents(db));
  const lineIds = new Set((await db.select({ id: lines.id }).from(lines).where(lte(lines.createdAt, asOf))).map((l) => l.id));
  const recentFrom = new Date(asOf.getTime() - RECENT_WINDOW_MS);
  const recentWhere = and(gte(productionRecords.shiftStart, recentFrom), lt(productionRecords.shiftStart, asOf));
  const [{ recent } = { recent: 0 }] = await db.select({ recent: count() }).from(productionRecords).where(recentWhere);
  const [{ complete } = { complete: 0 }] = await db
    .select({ complete: count() })
    .from(productionRecords)
    .where(and(recentWhere, isNotNull(productionRecords.energyKwh)));
  const [first] = await db
    .select({ at: productionRecords.shiftStart })
    .from(productionRecords)
    .where(lt(productionRecords.shiftStart, asOf))
    .orderBy(asc(productionRecords.shiftStart))
    .limit(1);
  const liveFrom = new Date(asOf.getTime() - LIVE_WINDOW_MS);
  const reporting = [...(await source.linesReporting(liveFrom, asOf))].filter((id) => lineIds.has(id));
  const latencies = await source.latencies(liveFrom, asOf);
  const anomalyFrom = new Date(asOf.getTime() - ANOMALY_WINDOW_MS);
  const anomalies = (await anomalyModel.run(db, { now: asOf, events: source })).filter((a) => a.start >= anomalyFrom && a.start < asOf);
  const acknowledged = anomalies.length
    ? new Set(
        (await db.select({ id: anomalyAcknowledgements.anomalyId }).from(anomalyAcknowledgements).where(lte(anomalyAcknowledgements.acknowledgedAt, asOf))).map(
          (r) => r.id,
        ),
      )
    : new Set<string>();
  const selfAssessment = await readSelfAssessment(db, asOf);
  return {
    asOf,
    lineCount: lineIds.size,
    eventsAvailable: source.available,
    linesReportingLive: reporting.length,
    recordsLast4Weeks: Number(recent),
    completeRecordsLast4Weeks: Number(complete),
    historyWeeks: first ? (asOf.getTime() - first.at.getTime()) / WEEK_MS : 0,
    latencyP95Seconds: latencies.length ? quantile(latencies, 0.95) : null,
    anomaliesLast12Weeks: anomalies.length,
    anomaliesActedOn: anomalies.filter((a) => acknowledged.has(a.id)).length,
    selfAssessment: selfAssessment?.answers ?? null,
  };
}

export const maturityModel: AnalyticsModel<{ asOf?: Date | undefined }, MaturityValue> = {
  id: 'smart-factory-maturity',
  version: '1.0.0',
  description:
    'Smart-factory level 1–5 from the data (live status share, record completeness, event latency, history depth, anomalies acted on) and a six-question self-assessment; a level needs every criterion of it and below.',
  category: 'AI_INSIGHTS',
  run: async (db, params) => assessMaturity(await gatherMaturityFacts(db, params.asOf ?? new Date())),
};
