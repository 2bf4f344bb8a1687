/**
 * Entry points: planJointOrders (greedy → warm-started HiGHS MIP → large-neighbourhood search,
 * all in a worker thread) and planGreedy (the baseline alone). Never throws on infeasibility:
 * orders that cannot be served are reported in infeasibleOrderIds with the reason.
 */
import { evaluatePlan, readModelSolution, type Evaluation } from './evaluate.ts';
import { solveByDecomposition } from './decompose.ts';
import { stateAllocations, unplannedOf } from './search.ts';
import { explainBottlenecks, explainLateness, explainRejected, explainUnplanned } from './explain.ts';
import { greedyPlan, type GreedyPlan, type IndexedAllocation } from './greedy.ts';
import { prepareInstance, round, type Instance } from './instance.ts';
import { solveFullMip } from './full-mip.ts';
import { relativeGap } from './gap.ts';
import { unplannedPenalty } from './lns.ts';
import { buildPlanModel } from './model.ts';
import { HighsWorker } from './solver-client.ts';
import type { PlanInput, PlanOptions, PlanResult, PlanStats, SolverStatus } from './types.ts';
import { greedyStart } from './warm-start.ts';
import { suggestFor } from './suggest.ts';
import { validatePlan } from './validatePlan.ts';
import type { PlanViolation } from './types.ts';

const DEFAULT_TIME_LIMIT_SECONDS = 10;
const DEFAULT_MIP_GAP = 0.001;

export async function planGreedy(input: PlanInput, options: PlanOptions = {}): Promise<PlanResult> {
  const started = performance.now();
  const instance = prepareInstance(input, options);
  const greedy = greedyPlan(instance);
  const evaluation = evaluateGreedy(instance, greedy);
  return assemble(instance, evaluation, greedy.allocations, new Set(greedy.failedOrders), {
    status: 'GREEDY',
    bestBound: null,
    notes: ['Greedy baseline: cheapest member with free hours, week by week, orders by due date.'],
    stats: emptyStats(evaluation.objective, (performance.now() - started) / 1000),
  });
}

export async function planJointOrders(input: PlanInput, options: PlanOptions = {}): Promise<PlanResult> {
  const started = performance.now();
  const deadline = started + 1000 * (options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS);
  const mipGap = options.mipGap ?? DEFAULT_MIP_GAP;
  const instance = prepareInstance(input, options);
  const greedy = greedyPlan(instance);
  const greedyEvaluation = evaluateGreedy(instance, greedy);
  if (instance.orders.length === 0) {
    return assemble(instance, greedyEvaluation, [], new Set(), {
      status: instance.rejected.length > 0 ? 'INFEASIBLE' : 'EMPTY',
      bestBound: null,
      notes: [],
      stats: emptyStats(null, 0),
    });
  }
  const estimatedColumns = instance.orders.reduce(
    (sum, prepared) => sum + prepared.operations.reduce((inner, operation) => inner + operation.candidates.length * instance.weeks.length, 0),
    0,
  );
  const stats: PlanStats = { ...emptyStats(greedyEvaluation.objective, 0) };
  const fallback = (reason: string): PlanResult =>
    assemble(instance, greedyEvaluation, greedy.allocations, new Set(greedy.failedOrders), {
      status: 'GREEDY_FALLBACK',
      bestBound: null,
      notes: [greedy.failedOrders.length === instance.orders.length ? `No plan: ${reason}; the greedy found none either.` : `Greedy plan returned: ${reason}`],
      stats,
    });
  if (deadline - performance.now() < 50) return fallback('no time left for the solver');
  const context: SolveContext = {
    instance,
    greedy,
    greedyEvaluation,
    deadline,
    mipGap,
    seed: options.seed ?? 1,
    debug: options.debug ?? false,
    stats,
    notes: [],
  };
  try {
    const useFullMip = options.strategy === 'mip' || (options.strategy !== 'decompose' && estimatedColumns <= FULL_MIP_MAX_QUANTITY_COLUMNS);
    return useFullMip ? await planWithFullMip(context) : await planWithDecomposition(context);
  } catch (error) {
    return fallback(`solver error: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Above this many quantity columns the decomposition beats the whole MIP (12-order test instance: 68,281 proven vs 101,530 in 6 s). */
const FULL_MIP_MAX_QUANTITY_COLUMNS = 1000;

interface SolveContext {
  instance: Instance;
  greedy: GreedyPlan;
  greedyEvaluation: Evaluation;
  deadline: number;
  mipGap: number;
  seed: number;
  debug: boolean;
  stats: PlanStats;
  notes: string[];
}

function modelStats(stats: PlanStats, lp: { numCols: number; numRows: number; integrality: Int32Array }, buildSeconds: number): void {
  stats.columns = lp.numCols;
  stats.rows = lp.numRows;
  stats.integerColumns = lp.integrality.reduce((sum, flag) => sum + (flag === 1 ? 1 : 0), 0);
  stats.buildSeconds = buildSeconds;
}

async function planWithFullMip(context: SolveContext): Promise<PlanResult> {
  const { instance, greedy, deadline, mipGap, stats } = context;
  const buildStarted = performance.now();
  const model = buildPlanModel(instance, { integerQuantities: true });
  modelStats(stats, model.lp, (performance.now() - buildStarted) / 1000);
  const solveStarted = performance.now();
  const worker = await HighsWorker.start();
  try {
    await worker.load(model.lp);
    const startBudget = Math.min(2, (deadline - performance.now()) / 4000);
    const start = startBudget > 0.02 ? await greedyStart(worker, instance, model, greedy, startBudget) : null;
    const outcome = await solveFullMip(worker, model, start, { deadline, mipGap, seed: context.seed });
    stats.solveSeconds = (performance.now() - solveStarted) / 1000;
    if (!outcome.colValue || outcome.objective === null) {
      throw new Error('HiGHS found no feasible plan (within the time limit, or at all around the fixed allocations)');
    }
    const solution = readModelSolution(instance, model, outcome.colValue);
    const evaluation = evaluatePlan(instance, solution.allocations, solution.unplanned);
    return finish(context, evaluation, solution.allocations, solution.unplanned, outcome.bestBound, outcome.provenOptimal, 'whole MIP');
  } finally {
    await worker.close();
  }
}

/** Big instances: decomposition by order on both cores (decompose.ts). */
async function planWithDecomposition(context: SolveContext): Promise<PlanResult> {
  const { instance, deadline, mipGap, stats } = context;
  const solveStarted = performance.now();
  const outcome = await solveByDecomposition(instance, { deadline, mipGap, seed: context.seed, debug: context.debug });
  stats.solveSeconds = (performance.now() - solveStarted) / 1000;
  stats.lnsIterations = outcome.iterations;
  stats.buildSeconds = outcome.constructSeconds;
  const allocations = stateAllocations(outcome.state);
  const unplanned = unplannedOf(outcome.state);
  const evaluation = evaluatePlan(instance, allocations, unplanned);
  const proven = outcome.bestBound !== null && unplanned.size === 0 && relativeGap(evaluation.objective, outcome.bestBound) <= mipGap;
  context.notes.push(...outcome.notes);
  return finish(context, evaluation, allocations, unplanned, outcome.bestBound, proven, 'decomposition by order; bound as described above');
}

function finish(
  context: SolveContext,
  evaluation: Evaluation,
  allocations: IndexedAllocation[],
  unplanned: Set<number>,
  bestBound: number | null,
  proven: boolean,
  method: string,
): PlanResult {
  const greedyScore = context.greedyEvaluation.objective + unplannedPenalty(context.instance, new Set(context.greedy.failedOrders));
  const { violations } = evaluation;
  const broken = violations.capacityHours + violations.missingUnits + violations.unroutedUnits + violations.lotsBelowMinimum > 1e-6;
  const greedyBroken = Object.values(context.greedyEvaluation.violations).some((value) => value > 1e-6);
  if (!greedyBroken && (broken || greedyScore < evaluation.objective + unplannedPenalty(context.instance, unplanned) - 1e-6)) {
    // Safety net only (stats.greedyKept tells when it fires): never return a plan that is worse
    // than the baseline or that the independent evaluator finds infeasible.
    context.stats.greedyKept = true;
    if (broken) method += `; solver plan rejected by the evaluator (${JSON.stringify(violations)})`;
    evaluation = context.greedyEvaluation;
    allocations = context.greedy.allocations;
    unplanned = new Set(context.greedy.failedOrders);
    proven = false;
    method += '; greedy plan kept, it was cheaper than the solver incumbent';
  }
  const gap = bestBound === null ? null : relativeGap(evaluation.objective, bestBound);
  const status: SolverStatus = proven || (gap !== null && gap <= context.mipGap) ? 'OPTIMAL' : 'TIME_LIMIT';
  const notes = [
    ...context.notes,
    `HiGHS (${method}): objective ${round(evaluation.objective, 2)}, best bound ${bestBound === null ? 'unknown' : round(bestBound, 2)}, gap ${gap === null ? 'unknown' : `${round(gap * 100, 2)} %`}; greedy baseline ${round(context.greedyEvaluation.objective, 2)}.`,
  ];
  return assemble(context.instance, evaluation, allocations, unplanned, { status, bestBound, notes, stats: context.stats });
}

function evaluateGreedy(instance: Instance, greedy: GreedyPlan): Evaluation {
  return evaluatePlan(instance, greedy.allocations, new Set(greedy.failedOrders));
}

function emptyStats(greedyObjective: number | null, solveSeconds: number): PlanStats {
  return { columns: 0, integerColumns: 0, rows: 0, buildSeconds: 0, solveSeconds, greedyObjective, lnsIterations: 0, greedyKept: false };
}

/**
 * Every result leaves through here: the candidate plan is checked by validatePlan, and an order
 * it breaks a rule for is taken out (infeasible, none of its new allocations returned), with the
 * violations and what the leader can do. Checked again until nothing is left to take out.
 */
function assemble(
  instance: Instance,
  evaluation: Evaluation,
  allocations: IndexedAllocation[],
  unplanned: Set<number>,
  meta: { status: SolverStatus; bestBound: number | null; notes: string[]; stats: PlanStats },
): PlanResult {
  const solverUnplanned = new Set(unplanned);
  const violations: PlanViolation[] = [];
  const orderIndex = new Map(instance.orders.map((prepared) => [prepared.order.id, prepared.index]));
  for (let round = 0; round <= instance.orders.length; round++) {
    const infeasible = [...instance.rejected.map((rejected) => rejected.orderId), ...[...unplanned].map((order) => instance.orders[order]?.order.id ?? '')];
    const found = validatePlan(instance.source.input, instance.source.options, { allocations: evaluation.allocations, infeasibleOrderIds: infeasible });
    if (found.length === 0) break;
    violations.push(...found);
    const broken = new Set(
      found.map((violation) => orderIndex.get(violation.jointOrderId)).filter((index): index is number => index !== undefined && !unplanned.has(index)),
    );
    if (broken.size === 0) break;
    unplanned = new Set([...unplanned, ...broken]);
    evaluation = evaluatePlan(instance, allocations, unplanned);
  }
  const infeasibleOrderIds = [
    ...instance.rejected.map((rejected) => rejected.orderId),
    ...[...unplanned].map((order) => instance.orders[order]?.order.id ?? ''),
  ];
  const planned = allocations.filter((allocation) => !unplanned.has(allocation.order));
  const explanation = [
    ...explainRejected(instance),
    ...explainUnplanned(instance, solverUnplanned, planned),
    ...violations.map((violation) => `INVALID plan for order ${violation.jointOrderId} (${violation.kind}): ${violation.message}; not proposed.`),
    ...explainBottlenecks(instance, planned),
    ...explainLateness(instance, evaluation),
    ...instance.warnings,
    ...meta.notes,
  ];
  const status: SolverStatus = infeasibleOrderIds.length > 0 && meta.status !== 'GREEDY' ? 'INFEASIBLE' : meta.status;
  const gap = meta.bestBound === null ? null : relativeGap(evaluation.objective, meta.bestBound);
  return {
    solverStatus: status,
    gap: infeasibleOrderIds.length > 0 ? null : gap,
    bestBound: meta.bestBound,
    objective: evaluation.objective,
    totalCost: evaluation.totalCost,
    costBreakdown: evaluation.costBreakdown,
    lateDays: evaluation.lateDays,
    maxLateDays: evaluation.maxLateDays,
    completionDate: evaluation.completionDate,
    orders: evaluation.orders,
    allocations: evaluation.allocations,
    infeasibleOrderIds,
    explanation,
    violations,
    suggestions: suggestFor(instance, infeasibleOrderIds),
    stats: meta.stats,
  };
}
