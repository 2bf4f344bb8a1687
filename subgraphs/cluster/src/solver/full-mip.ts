/**
 * Small instances: one HiGHS MIP solve of the whole model from the greedy warm start, giving
 * the incumbent and HiGHS' proven dual bound.
 */
import type { PlanModel } from './model.ts';
import { HIGHS_STATUS, type HighsWorker } from './solver-client.ts';
import { objectiveOf } from './lp-builder.ts';
import { relativeGap } from './gap.ts';

export interface SearchOptions {
  deadline: number;
  mipGap: number;
  seed: number;
}

export interface SearchOutcome {
  colValue: Float64Array | null;
  objective: number | null;
  bestBound: number | null;
  provenOptimal: boolean;
  lnsIterations: number;
}

export async function solveFullMip(worker: HighsWorker, model: PlanModel, start: Float64Array | null, options: SearchOptions): Promise<SearchOutcome> {
  const { lp } = model;
  const remaining = (): number => (options.deadline - performance.now()) / 1000;
  const mipSeconds = remaining();
  const full = await worker.solve({
    timeLimitSeconds: Math.max(0.01, mipSeconds),
    mipGap: options.mipGap,
    colLower: lp.colLower,
    colUpper: lp.colUpper,
    ...(start ? { start } : {}),
    seed: options.seed,
  });
  let best = full.colValue;
  let bestObjective = full.objective;
  if (best === null && start !== null) {
    best = start;
    bestObjective = objectiveOf(lp, start);
  }
  const bestBound = finiteOrNull(full.dualBound);
  const closed = (): boolean => bestObjective !== null && bestBound !== null && relativeGap(bestObjective, bestBound) <= options.mipGap;
  return { colValue: best, objective: bestObjective, bestBound, provenOptimal: full.status === HIGHS_STATUS.optimal || closed(), lnsIterations: 0 };
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}
