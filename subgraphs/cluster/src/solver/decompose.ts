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
 *   a second polish stream on this worker (lnsTask) instead of more per-order MIPs. The search
 *   targets orders by their priced reduced cost; the two streams never polish the same order at
 *   once, and every plan the rip-up/re-insert builds joins the master MIP's pool.
 *
 * Every plan change is priced by the independent evaluator and kept only if cheaper.
 */
import { bestOrderBound, OrderDisjunctiveLp, orderDisjunctiveMipBound, orderMipBound, totalBound, type OrderBound } from './bound.ts';
import { mulberry32, relativeGap } from './full-mip.ts';
import type { IndexedAllocation } from './greedy.ts';
import type { Instance } from './instance.ts';
import { polishOrders, type PolishOptions, type PolishResult } from './polish.ts';
import { constructPlan, freeWithout, hoursOf, regretSearch, slotOf, tryReplace, type PlanState } from './search.ts';
import { orderObjective } from './evaluate.ts';
import { HIGHS_STATUS, HighsWorker } from './solver-client.ts';
import {
  addPricedPlans,
  buildMaster,
  ColumnPool,
  lambdaCapacity,
  masterChoice,
  masterPrices,
  masterStart,
  priceColumns,
  priceOf,
  slotHours,
} from './lagrange.ts';

const DEBUG = process.env.PLANNER_DEBUG === '1';
/** Share of the budget left after the subgradient phase that goes to the LNS instead of order MIPs. */
const LNS_SHARE = 0.3;
const debug = (message: string): void => {
  if (DEBUG) process.stderr.write(`[planner] ${message}\n`);
};

export interface DecompositionOutcome {
  state: PlanState;
  bestBound: number | null;
  orderBounds: OrderBound[];
  iterations: number;
  /** Time of the first (chain-search) plan. */
  constructSeconds: number;
  notes: string[];
}

export async function solveByDecomposition(instance: Instance, options: { deadline: number; mipGap: number; seed: number }): Promise<DecompositionOutcome> {
  const { deadline, mipGap } = options;
  const random = mulberry32(options.seed);
  const [boundWorker, searchWorker] = await Promise.all([HighsWorker.start(), HighsWorker.start()]);
  const bounds: OrderBound[] = instance.orders.map(() => ({ lp: null, mip: null, alone: null }));
  const constructStarted = performance.now();
  const state = constructPlan(instance);
  const constructSeconds = (performance.now() - constructStarted) / 1000;
  const counters = {
    regretRounds: 0,
    polished: 0,
    polishAccepted: 0,
    adopted: 0,
    mipBounds: 0,
    cgIterations: 0,
    masterLp: NaN,
    lagrangianPasses: 0,
    subgradientSteps: 0,
    masterMips: 0,
    masterAccepted: 0,
  };
  const left = (): number => (deadline - performance.now()) / 1000;
  /** Objective decrease by source (diagnostics, PLANNER_DEBUG=1). */
  const gains: Record<string, number> = {};
  const credit = <T>(source: string, run: () => T): T => {
    const before = objective();
    const value = run();
    gains[source] = (gains[source] ?? 0) + before - objective();
    return value;
  };
  const objective = (): number => state.cost.reduce((sum, cost) => sum + cost, 0);
  const pool = new ColumnPool(instance);
  const disjunctive = new OrderDisjunctiveLp(boundWorker);
  let lambdaBound: number | null = null;
  /** Best capacity prices so far and each order's sub-problem bound there (search targeting). */
  let prices: Float64Array | null = null;
  const pricedLower = new Float64Array(instance.orders.length);
  let masterReady = false;
  const addCurrentPlans = (): void => {
    state.byOrder.forEach((allocations, order) => {
      if (allocations) pool.add(order, allocations, state.cost[order]);
    });
  };
  const bestBound = (): number | null => {
    const zero = totalBound(bounds);
    if (zero === null) return lambdaBound;
    return lambdaBound === null ? zero : Math.max(zero, lambdaBound);
  };
  const modelSize = (order: number): number => (instance.orders[order]?.operations ?? []).reduce((sum, operation) => sum + operation.candidates.length, 0);
  const closed = (): boolean => {
    const bound = bestBound();
    return bound !== null && relativeGap(objective(), bound) <= mipGap;
  };
  /**
   * How much order o's plan pays above what it could: with prices λ, its cost plus the λ-price
   * of its hours minus its sub-problem bound at λ (a congested order whose cheap capacity is taken
   * scores low — re-planning it alone cannot help); before λ, its cost minus its own bound.
   */
  const orderGap = (order: number): number => {
    const planned = state.byOrder[order];
    if (prices && planned) return (state.cost[order] ?? Infinity) + priceOf(slotHours(instance, planned), prices) - (pricedLower[order] ?? 0);
    return (state.cost[order] ?? Infinity) - (bestOrderBound(bounds[order] ?? { lp: null, mip: null, alone: null }) ?? 0);
  };

  const boundTask = async (): Promise<void> => {
    // λ = 0: per-order bounds (capacity coupling dropped), also the subgradient's first point.
    const zero = new Float64Array(instance.freeHours.length);
    const initial = await lpLagrangian(zero, (order, value) => {
      const bound = bounds[order];
      if (bound) bound.lp = value;
    });
    if (!initial) return;
    // Column generation (primal: plans for the master MIP), then capacity prices λ by subgradient
    // ascent on the LP Lagrangian, then a Lagrangian pass with per-order MIPs at the best λ.
    const total = (deadline - constructStarted) / 1000;
    const cgUntil = performance.now() + 1000 * Math.max(0.3, Math.min(4, total * 0.035));
    while (performance.now() < cgUntil && left() > 0.5) {
      addCurrentPlans();
      const master = buildMaster(instance, pool, false);
      await boundWorker.load(master.lp);
      const reply = await boundWorker.solve({ timeLimitSeconds: Math.max(0.1, left() - 0.3), mipGap: 0, relaxation: true, wantDuals: true });
      if (!reply.rowDual || reply.status !== HIGHS_STATUS.optimal) break;
      const prices = masterPrices(instance, master, reply.rowDual);
      counters.cgIterations++;
      counters.masterLp = reply.objective ?? counters.masterLp;
      masterReady = true;
      const added = priceColumns(instance, pool, prices.lambda, prices.mu);
      debug(
        `CG ${counters.cgIterations}: master LP ${Math.round(reply.objective ?? NaN)}, ${added} new, incumbent ${Math.round(objective())}, ${left().toFixed(1)} s left`,
      );
      if (added === 0) break;
    }
    masterReady = true;
    // (The master LP's capacity duals were tried as a start: worse than λ = 0 on the benchmark.)
    let lambda: Float64Array = Float64Array.from(zero);
    let first: { value: number; subgradient: Float64Array; perOrder: Float64Array } | null = initial;
    const subgradientUntil = performance.now() + 1000 * Math.max(0.5, Math.min(30, total * 0.36));
    let best = { value: first.value, lambda: Float64Array.from(lambda) };
    let alpha = 0.3;
    let stale = 0;
    while (performance.now() < subgradientUntil && left() > 1) {
      const pass = first ?? (await lpLagrangian(lambda));
      first = null;
      if (!pass) break;
      counters.subgradientSteps++;
      debug(`subgradient ${counters.subgradientSteps}: L_LP ${Math.round(pass.value)} (alpha ${alpha}), ${left().toFixed(1)} s left`);
      // Step size halves after two steps without a real (0.03 %) rise; the Polyak target is 6 %
      // above the best value, not the incumbent, so the prices do not depend on the search's timing.
      const rose = pass.value > best.value + 3e-4 * Math.abs(best.value);
      if (pass.value > best.value + 1e-6) {
        best = { value: pass.value, lambda: Float64Array.from(lambda) };
        prices = best.lambda;
        pricedLower.set(pass.perOrder);
      }
      if (rose) stale = 0;
      else if (++stale >= 2) {
        alpha /= 2;
        stale = 0;
      }
      if (lambdaBound === null || pass.value > lambdaBound) lambdaBound = pass.value;
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
    if (left() < 0.5 || closed()) return;
    // The per-order MIPs raise the bound by a little at the end of the pass: the last part of the
    // budget goes to the large-neighbourhood search on this worker instead (lnsTask).
    const passUntil = deadline - 1000 * Math.max(0, (deadline - performance.now()) / 1000 - 1) * LNS_SHARE;
    const value = await lagrangianPass(best.lambda, passUntil);
    counters.lagrangianPasses++;
    if (value !== null && (lambdaBound === null || value > lambdaBound)) lambdaBound = value;
  };

  /**
   * L_LP(λ) = Σ_o min_f [late(f) + LP_f(λ)] − Σ λ·free (a valid bound: each term is a lower
   * bound of order o's Lagrangian sub-problem, see OrderDisjunctiveLp) and its subgradient
   * Σ_o hours_o(slot) − free(slot) from the LP solutions reaching each order's minimum.
   */
  const lpLagrangian = async (
    lambda: Float64Array,
    onOrder?: (order: number, value: number) => void,
  ): Promise<{ value: number; subgradient: Float64Array; perOrder: Float64Array } | null> => {
    const subgradient = Float64Array.from(instance.freeHours, (hours) => -hours);
    const perOrder = new Float64Array(instance.orders.length);
    let value = -lambdaCapacity(instance, lambda);
    const all = await disjunctive.solveAll(
      instance,
      instance.orders.map((prepared) => prepared.index),
      deadline - 100,
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
  };

  /**
   * L(λ) = Σ_o LB_o(λ) − Σ λ·free, LB_o = max(LP, MIP dual bound) of order o's Lagrangian
   * sub-problem (its own model, all capacity, hour prices + λ). Orders are solved smallest model
   * first, each with an equal share of the time left; an order without a MIP bound keeps its LP.
   */
  const lagrangianPass = async (lambda: Float64Array, until: number): Promise<number | null> => {
    const left = (): number => (until - performance.now()) / 1000;
    const constant = lambdaCapacity(instance, lambda);
    const lower: number[] = [];
    const floors: number[] = [];
    if (left() < 0.2) return null;
    const all = await disjunctive.solveAll(
      instance,
      instance.orders.map((prepared) => prepared.index),
      deadline - 100,
      lambda,
    );
    for (const prepared of instance.orders) {
      const solved = all[prepared.index];
      if (!solved) return null;
      lower[prepared.index] = solved.value;
      floors[prepared.index] = solved.floor;
    }
    const current = (): number => lower.reduce((sum, value) => sum + value, 0) - constant;
    if (lambdaBound === null || current() > lambdaBound) lambdaBound = current();
    // An order whose cheapest known plan at λ (incumbent or pool) already meets its LP bound
    // gains nothing from a MIP: skipped, its time goes to the others.
    /** Order o's current plan with its cost at prices λ. */
    const pricedPlan = (order: number): { allocations: IndexedAllocation[]; cost: number } | null => {
      const planned = state.byOrder[order];
      return planned ? { allocations: planned, cost: (state.cost[order] ?? Infinity) + priceOf(slotHours(instance, planned), lambda) } : null;
    };
    const cheapest = (order: number): { allocations: IndexedAllocation[]; cost: number } | null => {
      let best = pricedPlan(order);
      for (const column of pool.byOrder[order] ?? []) {
        const cost = column.cost + priceOf(column.slots, lambda);
        if (!best || cost < best.cost) best = { allocations: column.allocations, cost };
      }
      return best;
    };
    const upper = (order: number): number => cheapest(order)?.cost ?? Infinity;
    /** Order o's sub-problem bound at λ in `seconds`: the disjunctive MIP (bound.ts) when a plan is known. */
    const orderBound = async (order: number, seconds: number): Promise<{ bound: number | null; alone: OrderBound['alone']; optimal: boolean }> => {
      const known = cheapest(order);
      if (known && Number.isFinite(known.cost)) {
        const started = performance.now();
        const weeks = await disjunctive.weeks(instance, order, lambda, known.cost, Math.min(deadline - 100, started + 1000 * seconds));
        const rest = seconds - (performance.now() - started) / 1000;
        if (weeks && rest > 0.05) return orderDisjunctiveMipBound(boundWorker, instance, order, known, weeks, rest, lambda);
      }
      return orderMipBound(boundWorker, instance, order, pricedPlan(order), seconds, lambda, floors[order] ?? 0);
    };
    const sequence = instance.orders
      .map((prepared) => prepared.index)
      .filter((order) => upper(order) - (lower[order] ?? -Infinity) > 1e-4 * Math.max(1, Math.abs(upper(order))))
      .sort((a, b) => modelSize(a) - modelSize(b));
    const potential = new Float64Array(instance.orders.length);
    for (const order of sequence) potential[order] = Math.max(0, upper(order) - (lower[order] ?? 0));
    debug(`Lagrangian pass: L_LP ${Math.round(current())}, ${sequence.length} order MIPs, ${left().toFixed(1)} s left`);
    const unsolved: { order: number; seconds: number }[] = [];
    for (let i = 0; i < sequence.length; i++) {
      const order = sequence[i] ?? 0;
      // Time in proportion to what the order's bound could still rise (its priced plan − its LP
      // term), at least 0.2 s: a near-tight order gets little, the far ones most.
      let remaining = 0;
      for (let j = i; j < sequence.length; j++) remaining += potential[sequence[j] ?? 0] ?? 0;
      const share = Math.max(0.2 / Math.max(0.2, left() - 0.3), (potential[order] ?? 0) / Math.max(1e-9, remaining));
      const seconds = Math.min(left() - 0.3, (left() - 0.3) * share);
      if (seconds < 0.05) break;
      const lpLower = lower[order] ?? 0;
      const result = await orderBound(order, seconds);
      counters.mipBounds++;
      if (result.bound !== null) lower[order] = Math.max(lower[order] ?? -Infinity, result.bound);
      if (prices === lambda) pricedLower[order] = Math.max(pricedLower[order] ?? -Infinity, lower[order] ?? -Infinity);
      if (result.alone) {
        const cost = orderObjective(instance, order, result.alone.allocations);
        pool.add(order, result.alone.allocations, cost);
        const plans = new Map([[order, result.alone.allocations]]);
        if (credit('adopt', () => tryReplace(instance, state, [order], plans, new Map([[order, cost]])))) counters.adopted++;
      }
      if (!result.optimal) unsolved.push({ order, seconds });
      if (lambdaBound === null || current() > lambdaBound) lambdaBound = current();
      debug(
        `order MIP ${order} (${i + 1}/${sequence.length}): ${seconds.toFixed(2)} s, lp ${Math.round(lpLower)}→${Math.round(lower[order] ?? 0)} (mip ${result.bound === null ? '-' : Math.round(result.bound)}, upper ${Math.round(upper(order))}, ${result.optimal ? 'optimal' : 'open'}); L ${Math.round(current())}, ${left().toFixed(1)} s left`,
      );
    }
    // Time left: the orders HiGHS did not close get it again, shortest first, with a longer limit.
    unsolved.sort((a, b) => a.seconds - b.seconds);
    for (let i = 0; i < unsolved.length; i++) {
      const { order, seconds: before } = unsolved[i] ?? { order: 0, seconds: 0 };
      const seconds = (left() - 0.3) / (unsolved.length - i);
      if (seconds < Math.max(0.3, 1.5 * before)) continue;
      const result = await orderBound(order, seconds);
      counters.mipBounds++;
      if (result.bound !== null) lower[order] = Math.max(lower[order] ?? -Infinity, result.bound);
      if (lambdaBound === null || current() > lambdaBound) lambdaBound = current();
    }
    debug(`Lagrangian pass: ${Math.round(current())} at ${left().toFixed(1)} s left`);
    return current();
  };

  /** One plan per order from the column pool, capacity respected (search worker). */
  const masterMip = async (seconds: number): Promise<void> => {
    addCurrentPlans();
    const master = buildMaster(instance, pool, true);
    const start = masterStart(master, state.byOrder);
    await searchWorker.load(master.lp);
    const reply = await searchWorker.solve({ timeLimitSeconds: seconds, mipGap: 1e-5, ...(start ? { start } : {}) });
    counters.masterMips++;
    debug(
      `master MIP: ${master.columns.length} plans, status ${reply.status} in ${reply.seconds.toFixed(2)} s, objective ${Math.round(reply.objective ?? NaN)} (incumbent ${Math.round(objective())})`,
    );
    if (!reply.colValue) return;
    const chosen = masterChoice(master, reply.colValue);
    const group = [...chosen.keys()].filter((order) => chosen.get(order)?.allocations !== state.byOrder[order]);
    if (group.length === 0) return;
    const plans = new Map(group.map((order) => [order, chosen.get(order)?.allocations ?? []]));
    const costs = new Map(group.map((order) => [order, chosen.get(order)?.cost ?? Infinity]));
    if (credit('master', () => tryReplace(instance, state, group, plans, costs))) counters.masterAccepted++;
  };

  /** Orders a polish on the other worker is re-planning (the two searches keep apart). */
  const busy = new Set<number>();
  const onPlan = (order: number, allocations: IndexedAllocation[], cost: number): void => {
    if (masterReady) pool.add(order, allocations, cost);
  };
  /**
   * MIP polish of `group` on `worker` from `incumbent`, on the hours the rest leaves free (polish.ts);
   * its plans join the master's pool and replace the group's if the evaluator prices them cheaper.
   * The group is busy meanwhile, so the other stream leaves it alone.
   */
  const polishAndKeep = async (
    worker: HighsWorker,
    group: number[],
    incumbent: Map<number, IndexedAllocation[]>,
    options: PolishOptions,
    source: string,
  ): Promise<PolishResult | null> => {
    for (const order of group) busy.add(order);
    try {
      const result = await polishOrders(worker, instance, group, freeWithout(instance, state, group), incumbent, options);
      counters.polished++;
      if (result) for (const [order, allocations] of result.byOrder) pool.add(order, allocations, result.cost.get(order));
      if (result && credit(source, () => tryReplace(instance, state, group, result.byOrder, result.cost))) counters.polishAccepted++;
      return result;
    } finally {
      for (const order of group) busy.delete(order);
    }
  };

  // A single order's polish over every candidate member (its exact best answer to the others)
  // takes longer than over the four cheapest: on the benchmark it pays with a long budget (60 s:
  // plans about 10k cheaper) and costs with a short one (10 s: 904–915k against 900–902k), so
  // it is used from 30 s up (between the two measured points).
  const wideSingles = (deadline - constructStarted) / 1000 >= 30;
  const searchTask = async (): Promise<void> => {
    let round = 0;
    let ideal: Parameters<typeof regretSearch>[2]['ideal'];
    const tried = new Set<string>();
    while (left() > 0.4 && !closed()) {
      round++;
      // Rip-up/re-insert on the main thread in short slices: between slices the event loop
      // forwards the bound worker's replies (its LP stream would stall behind a long burst).
      const burstUntil = Math.min(deadline - 300, performance.now() + 250);
      for (let rounds = 0; rounds < 15 && performance.now() < burstUntil;) {
        const slice = credit('regret', () =>
          regretSearch(instance, state, {
            deadline: Math.min(burstUntil, performance.now() + 20),
            random,
            maxRounds: Math.min(2, 15 - rounds),
            onPlan,
            ...(ideal ? { ideal } : {}),
          }),
        );
        ideal = slice.ideal;
        rounds += slice.rounds;
        counters.regretRounds += slice.rounds;
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (slice.rounds === 0) break;
      }
      const ranked = instance.orders.map((prepared) => prepared.index).sort((a, b) => orderGap(b) - orderGap(a));
      const grouped = round % 3 === 0;
      const target =
        ranked.find((order) => !busy.has(order) && !tried.has(`${order}|${grouped ? 'g' : 's'}`)) ?? ranked[Math.floor(random() * ranked.length)] ?? 0;
      tried.add(`${target}|${grouped ? 'g' : 's'}`);
      const group = grouped ? [target, ...blockers(instance, state, target, random, prices).filter((order) => !busy.has(order))] : [target];
      const incumbent = new Map<number, IndexedAllocation[]>(group.map((order) => [order, state.byOrder[order] ?? []]));
      const seconds = Math.min(left() - 0.3, Math.max(0.6, Math.min(grouped ? 4 : 2.5, left() / 8)));
      if (seconds < 0.2) break;
      if (masterReady && left() > 1) await masterMip(Math.min(3, Math.max(0.5, left() / 8)));
      const result = await polishAndKeep(
        searchWorker,
        group,
        incumbent,
        { timeLimitSeconds: seconds, seed: round, cheapest: grouped || !wideSingles ? 4 : Infinity },
        grouped ? 'polish-group' : 'polish',
      );
      debug(`polish [${group.join(',')}] ${seconds.toFixed(1)} s limit: ${result ? `${result.seconds.toFixed(2)} s, status ${result.status}` : 'no result'}`);
      debug(
        `search round ${round}: incumbent ${Math.round(objective())}, ${left().toFixed(1)} s left; gains ${JSON.stringify(Object.fromEntries(Object.entries(gains).map(([k, v]) => [k, Math.round(v)])))}`,
      );
      if (tried.size >= 2 * instance.orders.length) tried.clear();
    }
  };

  /**
   * Large-neighbourhood search on the bound worker once the bound is done: two of the orders
   * farthest above their priced optimum, re-planned together with the orders blocking them as one
   * exact MIP on the hours the rest leaves free; kept only if the evaluator prices it cheaper.
   */
  const lnsTask = async (worker: HighsWorker): Promise<void> => {
    let round = 0;
    while (left() > 0.8 && !closed()) {
      round++;
      const ranked = instance.orders
        .map((prepared) => prepared.index)
        .filter((order) => !busy.has(order))
        .sort((a, b) => orderGap(b) - orderGap(a));
      const top = ranked.slice(0, 6);
      if (top.length === 0) break;
      const first = top[Math.floor(random() * top.length)] ?? 0;
      const grouped = round % 2 === 0;
      const group = grouped ? [first, ...blockers(instance, state, first, random, prices).filter((order) => !busy.has(order))] : [first];
      const seconds = Math.min(left() - 0.4, grouped ? 4 : 2.5);
      if (seconds < 0.3) break;
      const incumbent = new Map<number, IndexedAllocation[]>(group.map((order) => [order, state.byOrder[order] ?? []]));
      const result = await polishAndKeep(worker, group, incumbent, { timeLimitSeconds: seconds, seed: 1000 + round }, 'lns');
      debug(
        `LNS [${group.join(',')}] ${seconds.toFixed(1)} s limit: ${result ? `${result.seconds.toFixed(2)} s, status ${result.status}` : 'no result'}; incumbent ${Math.round(objective())}, ${left().toFixed(1)} s left`,
      );
    }
  };

  try {
    await Promise.all([boundTask().then(() => lnsTask(boundWorker)), searchTask()]);
  } finally {
    await Promise.all([boundWorker.close(), searchWorker.close()]);
  }
  const finalPrices = prices as Float64Array | null;
  if (DEBUG && finalPrices) {
    // Gap at the best prices: Σ_o [cost_o + λ·hours_o − LB_o(λ)] (orders off their priced optimum)
    // + Σ λ·(free − used) (priced hours the plan leaves idle).
    let reduced = 0;
    const worst: [number, number][] = [];
    state.byOrder.forEach((allocations, order) => {
      if (!allocations) return;
      const value = (state.cost[order] ?? 0) + priceOf(slotHours(instance, allocations), finalPrices) - (pricedLower[order] ?? 0);
      reduced += value;
      worst.push([order, Math.round(value)]);
    });
    let idle = 0;
    finalPrices.forEach((price, slot) => {
      if (price > 0) idle += price * Math.max(0, state.free[slot] ?? 0);
    });
    worst.sort((a, b) => b[1] - a[1]);
    debug(
      `gap at best λ: orders off their priced optimum ${Math.round(reduced)} (worst ${JSON.stringify(worst.slice(0, 8))}), priced idle hours ${Math.round(idle)}`,
    );
  }
  const lpOnly = bounds.filter((bound) => bound.mip === null).length;
  const zeroBound = totalBound(bounds);
  const lagrangianWins = lambdaBound !== null && (zeroBound === null || lambdaBound > zeroBound);
  return {
    state,
    bestBound: bestBound(),
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

/**
 * Up to two orders using the capacity slots (member, process, week ± 1) of the target's plan:
 * with prices λ, those booking the most priced (congested) hours there, else at random.
 */
function blockers(instance: Instance, state: PlanState, target: number, random: () => number, prices: Float64Array | null = null): number[] {
  const slots = new Set<number>();
  for (const allocation of state.byOrder[target] ?? []) {
    for (const shift of [-1, 0, 1]) {
      const week = allocation.week + shift;
      if (week >= 0 && week < instance.weeks.length) slots.add(slotOf(instance, { ...allocation, week }));
    }
  }
  const score = new Map<number, number>();
  state.byOrder.forEach((allocations, order) => {
    if (order === target) return;
    for (const allocation of allocations ?? []) {
      const slot = slotOf(instance, allocation);
      if (!slots.has(slot)) continue;
      score.set(order, (score.get(order) ?? 0) + (prices ? (prices[slot] ?? 0) * hoursOf(instance, allocation) : 0));
    }
  });
  const noise = new Map([...score.keys()].map((order) => [order, random()]));
  return [...score.keys()].sort((a, b) => (score.get(b) ?? 0) - (score.get(a) ?? 0) || (noise.get(a) ?? 0) - (noise.get(b) ?? 0)).slice(0, 2);
}
