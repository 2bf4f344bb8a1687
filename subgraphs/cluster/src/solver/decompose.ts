/**
 * Big instances, decomposed by order, on both cores:
 *
 * - main thread: the chain search builds a plan (constructPlan) and improves it by regret-driven
 *   rip-up-and-re-insert (regretSearch) in short bursts;
 * - search worker: MIP polish of one order, then of an order with the orders blocking it, on the
 *   hours the rest leaves free (polish.ts), worst (objective − bound) first; with a budget of
 *   30 s or more a single order is re-planned over every member that can run its operations
 *   (its exact best answer to the others' plans), a group over a neighbourhood of its plans;
 * - bound worker: per-order bounds at λ = 0, a short column generation (plans for the master
 *   MIP), subgradient ascent on the Lagrangian of the capacity rows with each order's term bounded
 *   by its disjunctive LP on the completion week (OrderDisjunctiveLp, evaluated inside the worker),
 *   then one pass of per-order MIPs at the best prices λ — each split by completion week
 *   (orderDisjunctiveMipBound: one MIP per week the order could still finish in, from its strong
 *   LP_f) and given time in proportion to how far its bound could still rise (its priced plan
 *   minus its LP term), smallest model first; an order's MIP incumbent (alone, full
 *   capacity) is adopted when it fits; the last LNS_SHARE of the time after the ascent goes to
 *   a second polish stream on this worker (the LNS) instead of more per-order MIPs. The search
 *   targets orders by their priced reduced cost; the two streams never polish the same order at
 *   once, and every plan the rip-up/re-insert builds joins the master MIP's pool.
 *
 * Every plan change is priced by the independent evaluator and kept only if cheaper.
 *
 * The streams share one run state (decomposition/run.ts) and each live in a module of decomposition/:
 * bound-stream.ts (with lagrangian-pass.ts), search-stream.ts, lns-stream.ts, and the debug
 * report, diagnostics.ts (config `debug`).
 */
import { mulberry32 } from '@clustergraph/runtime/random';
import { totalBound, type OrderBound } from './bound.ts';
import type { Instance } from './instance.ts';
import { constructPlan, type PlanState } from './search.ts';
import { HighsWorker } from './solver-client.ts';
import { boundStream } from './decomposition/bound-stream.ts';
import { reportEnd } from './decomposition/diagnostics.ts';
import { lnsStream } from './decomposition/lns-stream.ts';
import { DecompositionRun, type DecompositionConfig } from './decomposition/run.ts';
import { searchStream } from './decomposition/search-stream.ts';

export type { DecompositionConfig } from './decomposition/run.ts';

export interface DecompositionOutcome {
  state: PlanState;
  bestBound: number | null;
  orderBounds: OrderBound[];
  iterations: number;
  /** Time of the first (chain-search) plan. */
  constructSeconds: number;
  notes: string[];
}

export async function solveByDecomposition(instance: Instance, config: DecompositionConfig): Promise<DecompositionOutcome> {
  const random = mulberry32(config.seed);
  const [boundWorker, searchWorker] = await Promise.all([HighsWorker.start(), HighsWorker.start()]);
  const constructStarted = performance.now();
  const state = constructPlan(instance);
  const constructSeconds = (performance.now() - constructStarted) / 1000;
  const run = new DecompositionRun(instance, config, state, constructStarted, random, boundWorker, searchWorker);
  try {
    await Promise.all([boundStream(run).then(() => lnsStream(run, boundWorker)), searchStream(run)]);
  } finally {
    await Promise.all([boundWorker.close(), searchWorker.close()]);
  }
  if (config.debug) reportEnd(run, run.debug);
  const { bounds, counters, pool, lambdaBound } = run;
  const lpOnly = bounds.filter((bound) => bound.mip === null).length;
  const zeroBound = totalBound(bounds);
  const lagrangianWins = lambdaBound !== null && (zeroBound === null || lambdaBound > zeroBound);
  return {
    state,
    bestBound: run.bestBound(),
    orderBounds: bounds,
    constructSeconds,
    iterations: counters.regretRounds + counters.polished,
    notes: [
      `Decomposition by order: chain search + ${counters.regretRounds} rip-up/re-insert rounds; ${counters.polished} MIP polishes (${counters.polishAccepted} improved); ${counters.adopted} single-order optima adopted.`,
      `Column generation: ${counters.cgIterations} master LP rounds (${pool.size} plans, master LP ${Number.isFinite(counters.masterLp) ? Math.round(counters.masterLp) : 'n/a'}); ${counters.subgradientSteps} subgradient steps on the LP Lagrangian; ${counters.masterMips} master MIPs (${counters.masterAccepted} improved).`,
      lagrangianWins
        ? `Bound = Lagrangian relaxation of the capacity rows at prices λ (subgradient ascent): Σ_o (per-order HiGHS MIP dual bound or LP bound with λ added to the hour price) − Σ λ·free hours (${counters.lagrangianPasses} pass(es)).`
        : `Bound = Σ per-order bounds (capacity coupling relaxed, λ = 0): ${instance.orders.length - lpOnly} per-order MIP dual bounds, ${lpOnly} LP relaxations.`,
    ],
  };
}
