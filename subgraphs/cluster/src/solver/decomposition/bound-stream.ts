/**
 * The bound worker's stream: per-order bounds at λ = 0 (capacity coupling dropped, also the
 * subgradient's first point), a short column generation (plans for the master MIP), capacity
 * prices λ by subgradient ascent on the LP Lagrangian, then one Lagrangian pass with per-order
 * MIPs at the best λ (lagrangian-pass.ts). decompose.ts hands the worker to the LNS afterwards.
 */
import { HIGHS_STATUS } from '../solver-client.ts';
import { addPricedPlans, buildMaster, lambdaCapacity, masterPrices, priceColumns } from '../lagrange.ts';
import { lagrangianPass } from './lagrangian-pass.ts';
import type { DecompositionRun } from './run.ts';

/** Share of the budget left after the subgradient phase that goes to the LNS instead of order MIPs. */
const LNS_SHARE = 0.3;

interface LpLagrangian {
  value: number;
  subgradient: Float64Array;
  perOrder: Float64Array;
}

export async function boundStream(run: DecompositionRun): Promise<void> {
  const { instance, bounds } = run;
  const zero = new Float64Array(instance.freeHours.length);
  const initial = await lpLagrangian(run, zero, (order, value) => {
    const bound = bounds[order];
    if (bound) bound.lp = value;
  });
  if (!initial) return;
  await columnGeneration(run);
  // (The master LP's capacity duals were tried as a start: worse than λ = 0 on the benchmark.)
  const best = await subgradientAscent(run, zero, initial);
  if (run.left() < 0.5 || run.closed()) return;
  // The per-order MIPs raise the bound by a little at the end of the pass: the last part of the
  // budget goes to the large-neighbourhood search on this worker instead (lns-stream.ts).
  const passUntil = run.deadline - 1000 * Math.max(0, (run.deadline - performance.now()) / 1000 - 1) * LNS_SHARE;
  const value = await lagrangianPass(run, best.lambda, passUntil);
  run.counters.lagrangianPasses++;
  run.raiseLambdaBound(value);
}

/** Master LP over the pool, its duals price new plans into the pool, until none prices in or its time is up. */
async function columnGeneration(run: DecompositionRun): Promise<void> {
  const { instance, pool, boundWorker, counters } = run;
  const until = performance.now() + 1000 * Math.max(0.3, Math.min(4, run.budget() * 0.035));
  while (performance.now() < until && run.left() > 0.5) {
    run.addCurrentPlans();
    const master = buildMaster(instance, pool, false);
    await boundWorker.load(master.lp);
    const reply = await boundWorker.solve({ timeLimitSeconds: Math.max(0.1, run.left() - 0.3), mipGap: 0, relaxation: true, wantDuals: true });
    if (!reply.rowDual || reply.status !== HIGHS_STATUS.optimal) break;
    const duals = masterPrices(instance, master, reply.rowDual);
    counters.cgIterations++;
    counters.masterLp = reply.objective ?? counters.masterLp;
    run.masterReady = true;
    const added = priceColumns(instance, pool, duals.lambda, duals.mu);
    run.debug(
      `CG ${counters.cgIterations}: master LP ${Math.round(reply.objective ?? NaN)}, ${added} new, incumbent ${Math.round(run.objective())}, ${run.left().toFixed(1)} s left`,
    );
    if (added === 0) break;
  }
  run.masterReady = true;
}

/**
 * Subgradient ascent on L_LP(λ) from λ = 0 (whose value `initial` holds): the best value raises
 * the run's Lagrangian bound, the best prices and each order's term there go to the search's
 * targeting (run.prices, run.pricedLower), and every step's prices add priced plans to the pool.
 */
async function subgradientAscent(run: DecompositionRun, zero: Float64Array, initial: LpLagrangian): Promise<{ value: number; lambda: Float64Array }> {
  const { instance, pool, counters } = run;
  let lambda: Float64Array = Float64Array.from(zero);
  let first: LpLagrangian | null = initial;
  const until = performance.now() + 1000 * Math.max(0.5, Math.min(30, run.budget() * 0.36));
  let best = { value: initial.value, lambda: Float64Array.from(lambda) };
  let alpha = 0.3;
  let stale = 0;
  while (performance.now() < until && run.left() > 1) {
    const pass = first ?? (await lpLagrangian(run, lambda));
    first = null;
    if (!pass) break;
    counters.subgradientSteps++;
    run.debug(`subgradient ${counters.subgradientSteps}: L_LP ${Math.round(pass.value)} (alpha ${alpha}), ${run.left().toFixed(1)} s left`);
    // Step size halves after two steps without a real (0.03 %) rise; the Polyak target is 6 %
    // above the best value, not the incumbent, so the prices do not depend on the search's timing.
    const rose = pass.value > best.value + 3e-4 * Math.abs(best.value);
    if (pass.value > best.value + 1e-6) {
      best = { value: pass.value, lambda: Float64Array.from(lambda) };
      run.prices = best.lambda;
      run.pricedLower.set(pass.perOrder);
    }
    if (rose) stale = 0;
    else if (++stale >= 2) {
      alpha /= 2;
      stale = 0;
    }
    run.raiseLambdaBound(pass.value);
    let norm = 0;
    pass.subgradient.forEach((g, slot) => {
      if (g > 0 || (lambda[slot] ?? 0) > 0) norm += g * g;
    });
    if (norm <= 1e-12) break;
    const step = (alpha * Math.max(1, 1.06 * best.value - pass.value)) / norm;
    const next = new Float64Array(lambda.length);
    lambda.forEach((value, slot) => {
      next[slot] = Math.max(0, value + step * (pass.subgradient[slot] ?? 0));
    });
    lambda = next;
    addPricedPlans(instance, pool, lambda);
  }
  return best;
}

/**
 * L_LP(λ) = Σ_o min_f [late(f) + LP_f(λ)] − Σ λ·free (a valid bound: each term is a lower
 * bound of order o's Lagrangian sub-problem, see OrderDisjunctiveLp) and its subgradient
 * Σ_o hours_o(slot) − free(slot) from the LP solutions reaching each order's minimum.
 */
async function lpLagrangian(run: DecompositionRun, lambda: Float64Array, onOrder?: (order: number, value: number) => void): Promise<LpLagrangian | null> {
  const { instance } = run;
  const subgradient = Float64Array.from(instance.freeHours, (hours) => -hours);
  const perOrder = new Float64Array(instance.orders.length);
  let value = -lambdaCapacity(instance, lambda);
  const all = await run.disjunctive.solveAll(
    instance,
    instance.orders.map((prepared) => prepared.index),
    run.deadline - 100,
    lambda,
  );
  for (const prepared of instance.orders) {
    const solved = all[prepared.index];
    if (!solved) return null;
    onOrder?.(prepared.index, solved.value);
    perOrder[prepared.index] = solved.value;
    value += solved.value;
    for (const [slot, hours] of solved.slots) subgradient[slot] = (subgradient[slot] ?? 0) + hours;
  }
  return { value, subgradient, perOrder };
}
