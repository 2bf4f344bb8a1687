import { anomalyModel } from './anomalies.ts';
import { capacityForecastModel } from './capacityForecast.ts';
import { delayRiskModel } from './delayRisk.ts';
import { kpiModel } from './kpis.ts';
import { maturityModel } from './maturity.ts';
import { describeModel, type AnalyticsModel, type AnalyticsModelInfo } from './model.ts';
import { oeeModel } from './oee.ts';

/**
 * The models this member runs on its own data (the cluster's catalogue of standard models).
 * A new model implements AnalyticsModel, is listed here, and gets a resolver that asks for
 * AI_INSIGHTS before serving its output.
 */
export const ANALYTICS_MODELS: ReadonlyArray<AnalyticsModel<never, unknown>> = [
  oeeModel,
  anomalyModel,
  capacityForecastModel,
  maturityModel,
  kpiModel,
  delayRiskModel,
];

export function analyticsCatalogue(): AnalyticsModelInfo[] {
  return ANALYTICS_MODELS.map((m) => describeModel(m as AnalyticsModel<unknown, unknown>));
}
