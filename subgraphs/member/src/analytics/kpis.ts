import { and, eq, gte, inArray, lt, lte } from 'drizzle-orm';
import { addDays } from '@clustergraph/runtime';
import { PROGRAMME_KPIS, type ProgrammeKpi } from '@clustergraph/schema/values';
import { allocations, insightBaselines, productionRecords } from '../db/schema.ts';
import type { MemberDatabase } from '../db/database.ts';
import type { AnalyticsModel } from './model.ts';
import { combineOee, oeeModel } from './oee.ts';
import { maturityModel } from './maturity.ts';
import { plantMidnight, plantRange } from './time.ts';

/**
 * The KPIs a support programme follows per supplier, over a period of plant-local days:
 *
 * - PRODUCTIVITY: good units per run hour = Σ good ÷ (Σ runMinutes ÷ 60);
 * - DEFECT_RATE: Σ scrap ÷ Σ (good + scrap);
 * - OEE: ISO 22400 over all lines and weeks of the period (oee model, totals first);
 * - ON_TIME_DELIVERY: of the allocations of weeks in the period that were accepted
 *   (ACCEPTED, IN_PROGRESS, DONE), the share DONE before the Monday after their week —
 *   the last change of a DONE allocation is taken as its completion;
 * - ENERGY_PER_UNIT: Σ energyKwh ÷ Σ (good + scrap) over records with energy reported.
 *
 * Each is null when the period has nothing to compute it from.
 */
/** The standard's ProgrammeKpi values. */
export const KPI_NAMES = PROGRAMME_KPIS;
export type KpiName = ProgrammeKpi;
export type KpiValues = Record<KpiName, number | null>;

/** Whether a higher value is better, and the unit shown. */
export const KPI_META: Record<KpiName, { higherIsBetter: boolean; unit: string; benchmark: number | null; benchmarkSource: string | null }> = {
  // Reported for firms that adopted smart factories (2019 survey): productivity +30 %,
  // quality +43.5 % (read here as 43.5 % fewer defects), cost −15.9 % (energy per unit is
  // the cost share the data shows), delivery +15.5 %.
  PRODUCTIVITY: {
    higherIsBetter: true,
    unit: 'good units per run hour',
    benchmark: 0.3,
    benchmarkSource: 'productivity +30 % (2019 survey of adopting firms)',
  },
  DEFECT_RATE: { higherIsBetter: false, unit: 'scrap ÷ produced', benchmark: -0.435, benchmarkSource: 'quality +43.5 % (2019 survey of adopting firms)' },
  OEE: { higherIsBetter: true, unit: 'ratio (ISO 22400)', benchmark: null, benchmarkSource: null },
  ON_TIME_DELIVERY: {
    higherIsBetter: true,
    unit: 'share of allocations done in their week',
    benchmark: 0.155,
    benchmarkSource: 'delivery +15.5 % (2019 survey of adopting firms)',
  },
  ENERGY_PER_UNIT: { higherIsBetter: false, unit: 'kWh per unit produced', benchmark: -0.159, benchmarkSource: 'cost −15.9 % (2019 survey of adopting firms)' },
};

export async function computeKpis(db: MemberDatabase, from: string, to: string): Promise<KpiValues> {
  const { start, end } = plantRange(from, to);
  const records = await db
    .select()
    .from(productionRecords)
    .where(and(gte(productionRecords.shiftStart, start), lt(productionRecords.shiftStart, end)));
  let good = 0;
  let scrap = 0;
  let runMinutes = 0;
  let energy = 0;
  let producedWithEnergy = 0;
  for (const r of records) {
    good += r.goodQuantity;
    scrap += r.scrapQuantity;
    runMinutes += r.runMinutes;
    if (r.energyKwh !== null) {
      energy += r.energyKwh;
      producedWithEnergy += r.goodQuantity + r.scrapQuantity;
    }
  }
  const oee = combineOee(await oeeModel.run(db, { from, to })).oee;
  const due = await db
    .select()
    .from(allocations)
    .where(and(gte(allocations.weekStart, from), lte(allocations.weekStart, to), inArray(allocations.status, ['ACCEPTED', 'IN_PROGRESS', 'DONE'])));
  const onTime = due.filter((a) => a.status === 'DONE' && a.updatedAt < plantMidnight(addDays(a.weekStart, 7))).length;
  return {
    PRODUCTIVITY: runMinutes > 0 ? good / (runMinutes / 60) : null,
    DEFECT_RATE: good + scrap > 0 ? scrap / (good + scrap) : null,
    OEE: oee,
    ON_TIME_DELIVERY: due.length > 0 ? onTime / due.length : null,
    ENERGY_PER_UNIT: producedWithEnergy > 0 ? energy / producedWithEnergy : null,
  };
}

export interface KpiChangeValue {
  kpi: KpiName;
  unit: string;
  withheld: boolean;
  reason: string | null;
  baseline: number | null;
  current: number | null;
  /** (current − baseline) ÷ baseline. */
  change: number | null;
  /** The change went the good way (more productivity, fewer defects…). */
  improved: boolean | null;
  /** What adopting firms reported for this KPI, as a relative change. */
  benchmark: number | null;
  benchmarkSource: string | null;
}

export function compareKpis(baseline: KpiValues, current: KpiValues): KpiChangeValue[] {
  return KPI_NAMES.map((kpi) => {
    const b = baseline[kpi];
    const c = current[kpi];
    const meta = KPI_META[kpi];
    const change = b !== null && c !== null && b !== 0 ? (c - b) / Math.abs(b) : null;
    const reason =
      b === null || c === null ? `no data to compute ${kpi.toLowerCase().replace(/_/g, ' ')} in the ${b === null ? 'baseline' : 'current'} period` : null;
    return {
      kpi,
      unit: meta.unit,
      withheld: false,
      reason,
      baseline: b,
      current: c,
      change,
      improved: change === null || change === 0 ? null : meta.higherIsBetter === change > 0,
      benchmark: meta.benchmark,
      benchmarkSource: meta.benchmarkSource,
    };
  });
}

/** Every KPI withheld, with the supplier's reason (its policies do not grant AI_INSIGHTS). */
export function withheldKpis(reason: string): KpiChangeValue[] {
  return KPI_NAMES.map((kpi) => ({
    kpi,
    unit: KPI_META[kpi].unit,
    withheld: true,
    reason,
    baseline: null,
    current: null,
    change: null,
    improved: null,
    benchmark: KPI_META[kpi].benchmark,
    benchmarkSource: KPI_META[kpi].benchmarkSource,
  }));
}

export interface ProgrammeBaseline {
  level: number;
  kpis: KpiValues;
  computedAt: Date;
  modelVersion: string;
}

export const KPI_MODEL_VERSION = '1.0.0';

/**
 * A programme's baseline on this member: computed once (level as of the end of the
 * baseline period, KPIs over it) and frozen, so re-reported history cannot move it.
 */
export async function programmeBaseline(db: MemberDatabase, programmeId: string, from: string, to: string): Promise<ProgrammeBaseline> {
  const key = and(eq(insightBaselines.programmeId, programmeId), eq(insightBaselines.baselineFrom, from), eq(insightBaselines.baselineTo, to));
  const [stored] = await db.select().from(insightBaselines).where(key);
  if (stored)
    return { level: stored.level, kpis: { ...emptyKpis(), ...stored.kpis } as KpiValues, computedAt: stored.computedAt, modelVersion: stored.modelVersion };
  const maturity = await maturityModel.run(db, { asOf: plantMidnight(addDays(to, 1)) });
  const kpis = await computeKpis(db, from, to);
  await db
    .insert(insightBaselines)
    .values({ programmeId, baselineFrom: from, baselineTo: to, level: maturity.level, kpis, modelVersion: `${maturityModel.version}+kpi-${KPI_MODEL_VERSION}` })
    .onConflictDoNothing();
  const [row] = await db.select().from(insightBaselines).where(key);
  return { level: row!.level, kpis: { ...emptyKpis(), ...row!.kpis } as KpiValues, computedAt: row!.computedAt, modelVersion: row!.modelVersion };
}

function emptyKpis(): KpiValues {
  return { PRODUCTIVITY: null, DEFECT_RATE: null, OEE: null, ON_TIME_DELIVERY: null, ENERGY_PER_UNIT: null };
}

export const kpiModel: AnalyticsModel<{ from: string; to: string }, KpiValues> = {
  id: 'supplier-kpis',
  version: KPI_MODEL_VERSION,
  description:
    'Programme KPIs over a period: productivity (good units per run hour), defect rate (scrap ÷ produced), OEE (ISO 22400), on-time delivery of accepted allocations, energy per unit produced.',
  category: 'AI_INSIGHTS',
  run: (db, params) => computeKpis(db, params.from, params.to),
};
