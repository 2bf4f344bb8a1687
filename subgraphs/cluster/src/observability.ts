import { databaseCheck, metrics, type ServiceObservabilityOptions } from '@clustergraph/runtime';
import type { ClusterConfig } from './config.ts';
import type { PlanResult } from './solver/index.ts';

/** /metrics, /ready and request spans of the cluster subgraph: ready when its registry database answers. */
export function clusterObservability(config: ClusterConfig, db: Parameters<typeof databaseCheck>[0]): ServiceObservabilityOptions {
  return { config: config.observability ?? { metricsToken: null, maxOperationLabels: 100 }, readiness: [databaseCheck(db)] };
}

/** One planner run: its solver status, its relative gap (null when the solver proved nothing) and how long it took. */
export function recordPlannerRun(result: Pick<PlanResult, 'solverStatus' | 'gap'>, seconds: number): void {
  metrics.plannerRuns.inc({ status: result.solverStatus });
  metrics.plannerDuration.observe(seconds);
  if (result.gap !== null && Number.isFinite(result.gap)) {
    metrics.plannerGap.observe(result.gap);
    metrics.plannerLastGap.set(result.gap);
  }
}
