import { BadUserInputError } from '@clustergraph/runtime';
import type { AnomalyResolvers, MaturityResolvers, MemberResolvers, SelfAssessmentResolvers } from '../__generated__/resolvers-types.ts';
import { anomalyModel } from '../analytics/anomalies.ts';
import { capacityForecastModel, MAX_FORECAST_WEEKS } from '../analytics/capacityForecast.ts';
import { analyticsCatalogue } from '../analytics/catalogue.ts';
import { LEVEL_NAMES, maturityModel } from '../analytics/maturity.ts';
import { readSelfAssessment, SELF_ASSESSMENT_QUESTIONS } from '../analytics/selfAssessment.ts';

/** Longest anomaly window asked for; detection itself always scans the recent year. */
const MAX_ANOMALY_RANGE_DAYS = 371;

// Every field here serves a model's output, category AI_INSIGHTS: the field guard
// (sovereignty/categories.ts) decides and records; the explicit check keeps the resolver
// safe on its own.
export const memberAnalyticsFields: Pick<MemberResolvers, 'maturity' | 'selfAssessment' | 'anomalies' | 'capacityForecast' | 'analyticsModels'> = {
  async maturity(_member, _args, context) {
    await context.access.assertCanRead('aiInsights');
    return maturityModel.run(context.db, {});
  },

  async selfAssessment(_member, _args, context) {
    await context.access.assertCanRead('aiInsights');
    return readSelfAssessment(context.db);
  },

  async anomalies(_member, { from, to, lineId }, context) {
    if (from && to && from > to) throw new BadUserInputError('to', 'must not be before from');
    if (from && to && (to.getTime() - from.getTime()) / 86_400_000 > MAX_ANOMALY_RANGE_DAYS) {
      throw new BadUserInputError('to', `a range may span at most ${MAX_ANOMALY_RANGE_DAYS} days`);
    }
    await context.access.assertCanRead('aiInsights');
    return anomalyModel.run(context.db, { from: from ?? null, to: to ?? null, lineId: lineId ?? null });
  },

  async capacityForecast(_member, { process, weeks }, context) {
    if (weeks !== null && weeks !== undefined && (weeks < 1 || weeks > MAX_FORECAST_WEEKS))
      throw new BadUserInputError('weeks', `must be 1–${MAX_FORECAST_WEEKS}`);
    await context.access.assertCanRead('aiInsights');
    return capacityForecastModel.run(context.db, { process: process ?? null, weeks: weeks ?? null });
  },

  analyticsModels: () => analyticsCatalogue(),
};

export const Anomaly: AnomalyResolvers = {
  status: (anomaly) => (anomaly.ongoing ? 'ONGOING' : 'ENDED'),
  unit: (anomaly) => (anomaly.kind === 'SCRAP_RATE_SHIFT' ? 'scrap ÷ produced' : 'seconds per unit'),
  acknowledged: (anomaly) => anomaly.acknowledgement !== null,
};

export const Maturity: MaturityResolvers = {
  levelName: (maturity) => LEVEL_NAMES[maturity.level] ?? String(maturity.level),
  modelVersion: () => maturityModel.version,
};

export const SelfAssessment: SelfAssessmentResolvers = {
  answers: (assessment) => SELF_ASSESSMENT_QUESTIONS.map((q) => ({ key: q.key, level: q.level, question: q.question, answer: assessment.answers[q.key] })),
};
