/**
 * Lower bound by decomposition. The objective is a sum over orders and orders are coupled only
 * by capacity, so dropping the coupling (each order may use every member's full free hours) is
 * a relaxation: Σ_o LB_o ≤ optimum, for any valid lower bound LB_o of order o's own model
 * (Lagrangian relaxation with zero multipliers). Per order we take the better of
 *   - the LP relaxation of its full model (all members, all weeks; lots projected out), and
 *   - HiGHS' dual bound of its full MIP (time-limited, started from the incumbent plan).
 * The model's transport (region flows through a timed pool) never costs more than the real
 * routing of the same allocations, so these are bounds of the evaluator's objective too.
 */
import type { IndexedAllocation } from './greedy.ts';
import { capacityIndex, type Instance } from './instance.ts';
import { subInstance } from './lns.ts';
import { buildPlanModel, type PlanModel } from './model.ts';
import { HIGHS_STATUS, type DisjunctiveWeeks, type HighsWorker } from './solver-client.ts';
import { greedyStart } from './warm-start.ts';
import { lambdaCapacity } from './lagrange.ts';

export interface OrderBound {
  lp: number | null;
  mip: number | null;
  /** Objective of the MIP's incumbent (order alone, full capacity) and its allocations. */
  alone: { objective: number; allocations: IndexedAllocation[] } | null;
}

export function bestOrderBound(bound: OrderBound): number | null {
  const values = [bound.lp, bound.mip].filter((value): value is number => value !== null && Number.isFinite(value));
  return values.length === 0 ? null : Math.max(...values);
}

export function totalBound(bounds: OrderBound[]): number | null {
  let total = 0;
  for (const bound of bounds) {
    const value = bestOrderBound(bound);
    if (value === null) return null;
    total += value;
  }
  return total;
}

/** LP relaxation of one order's (Lagrangian) sub-problem: all members, all weeks, lots projected out. */
export async function orderLpBound(worker: HighsWorker, instance: Instance, order: number, deadline: number, hourCost?: Float64Array): Promise<number | null> {
  const sub = subInstance(instance, [order], []);
  const model = buildPlanModel(sub, { relaxLots: true, ...(hourCost ? { hourCost } : {}) });
  await worker.load(model.lp);
  const seconds = (deadline - performance.now()) / 1000;
  if (seconds < 0.02) return null;
  const reply = await worker.solve({ timeLimitSeconds: seconds, mipGap: 0, relaxation: true, extraOptions: { solver: 'simplex' } });
  return reply.status === HIGHS_STATUS.optimal ? reply.dualBound : null;
}

/**
 * Disjunction on the completion week (per order, a valid bound of its own MIP, λ ≥ 0 added to the
 * hour price or not). A plan finishing in week f costs exactly late(f) (lateness is a function of
 * f alone) plus its other costs, and does all its work in weeks ≤ f. So
 *
 *     cost(plan) ≥ min_f [ late(f) + LP_f ],  LP_f = LP relaxation of the order's model with the
 *                                             lateness dropped and every week after f closed,
 *
 * for every plan (an order left unplanned pays the shortfall penalty inside each LP_f and at
 * least late(f) lateness for every f). LP_f falls as f grows and late(f) rises, so weeks past
 * the first f with late(f) + LP_∞ ≥ best are skipped (each of them is ≥ best). The plain LP
 * relaxation charges lateness only for the fraction completed late; this closes most of that
 * integrality gap at a few LP solves per order (same model, only column bounds change).
 */
/**
 * Order `order` alone with its lateness dropped (the disjunctions charge late(f) themselves),
 * optionally cut after week `lastWeek`.
 */
function withoutLateness(instance: Instance, order: number, lastWeek?: number): { sub: Instance; prepared: Instance['orders'][number] | undefined } {
  const sub = subInstance(instance, [order], []);
  const prepared = sub.orders[0];
  if (prepared)
    sub.orders = [{ ...prepared, lateDaysByWeek: prepared.lateDaysByWeek.map(() => 0), ...(lastWeek !== undefined && lastWeek >= 0 ? { lastWeek } : {}) }];
  return { sub, prepared };
}

export class OrderDisjunctiveLp {
  private readonly keys = new Map<number, string>();
  private static next = 0;
  private readonly prefix = `dj${OrderDisjunctiveLp.next++}-`;

  constructor(private readonly worker: HighsWorker) {}

  private async prepare(instance: Instance, order: number): Promise<string> {
    const known = this.keys.get(order);
    if (known) return known;
    const { sub, prepared } = withoutLateness(instance, order);
    if (!prepared) throw new Error(`unknown order index ${order}`);
    const model = buildPlanModel(sub, { relaxLots: true });
    const { slot, hours, week } = columnCapacityUse(instance, sub, model);
    const firstLate = prepared.lateDaysByWeek.findIndex((days) => days > 0);
    const weekCount = prepared.lateDaysByWeek.length;
    const key = `${this.prefix}${order}`;
    await this.worker.registerDisjunctive(key, model.lp, {
      baseCost: Float64Array.from(model.lp.colCost),
      slot,
      hours,
      week,
      lower: Float64Array.from(model.lp.colLower),
      upper: Float64Array.from(model.lp.colUpper),
      late: Float64Array.from(prepared.lateDaysByWeek, (days) => prepared.lateRatePerDay * days),
      start: firstLate < 0 ? weekCount - 1 : Math.max(0, firstLate - 1),
    });
    this.keys.set(order, key);
    return key;
  }

  /**
   * min_f [late(f) + LP_f] of each order at hour prices `hourCost` (λ), the week f reaching it
   * and the hours its LP solution books per capacity slot (a supergradient of the order's term
   * in λ); null for an order whose LPs did not finish (no bound can be claimed for it then).
   */
  async solveAll(
    instance: Instance,
    orders: number[],
    deadline: number,
    hourCost?: Float64Array,
  ): Promise<({ value: number; slots: Map<number, number>; week: number; floor: number } | null)[]> {
    const keys: string[] = [];
    for (const order of orders) keys.push(await this.prepare(instance, order));
    const seconds = (deadline - performance.now()) / 1000;
    if (seconds < 0.02) return orders.map(() => null);
    const results = await this.worker.evaluateDisjunctive(keys, hourCost ?? null, seconds);
    return results.map((result) => {
      if (!result) return null;
      const slots = new Map<number, number>();
      result.slots.forEach((slot, i) => slots.set(slot, result.hours[i] ?? 0));
      return { value: result.value, slots, week: result.week, floor: result.floor };
    });
  }

  /** The completion weeks order `order` could end in below `upper` at prices `hourCost` (λ). */
  async weeks(instance: Instance, order: number, hourCost: Float64Array | null, upper: number, deadline: number): Promise<DisjunctiveWeeks | null> {
    const key = await this.prepare(instance, order);
    const seconds = (deadline - performance.now()) / 1000;
    if (seconds < 0.02) return null;
    return this.worker.disjunctiveWeeks(key, hourCost, upper, seconds);
  }

  async solve(
    instance: Instance,
    order: number,
    deadline: number,
    hourCost?: Float64Array,
  ): Promise<{ value: number; slots: Map<number, number>; week: number; floor: number } | null> {
    return (await this.solveAll(instance, [order], deadline, hourCost))[0] ?? null;
  }
}

export async function orderMipBound(
  worker: HighsWorker,
  instance: Instance,
  order: number,
  incumbent: { allocations: IndexedAllocation[]; cost: number } | null,
  timeLimitSeconds: number,
  hourCost?: Float64Array,
  tailFloor = 0,
): Promise<{ bound: number | null; alone: OrderBound['alone']; optimal: boolean }> {
  const sub = subInstance(instance, [order], []);
  const prepared = sub.orders[0];
  if (!prepared) return { bound: null, alone: null, optimal: false };
  // Horizon cut: finishing after week L costs at least lateness(L+1) + F ≥ the incumbent's cost U,
  // F = tailFloor ≥ 0 a lower bound of every other cost of the order (0, or LP_∞ of the
  // disjunctive LP: the LP without lateness, all weeks open). So optimum ≥ min(bound of the model
  // cut at L, lateness(L+1) + F) — still a valid bound (with prices λ ≥ 0 every other cost stays
  // ≥ 0, so it holds for the Lagrangian sub-problem too, U and F including the λ-prices).
  let tailBound = Infinity;
  const floor = Math.max(0, Number.isFinite(tailFloor) ? tailFloor : 0);
  if (incumbent && Number.isFinite(incumbent.cost)) {
    const days = prepared.lateDaysByWeek;
    const cut = days.findIndex((value, week) => week + 1 < days.length && prepared.lateRatePerDay * (days[week + 1] ?? 0) + floor >= incumbent.cost);
    if (cut >= 0) {
      prepared.lastWeek = cut;
      tailBound = prepared.lateRatePerDay * (days[cut + 1] ?? 0) + floor;
    }
  }
  const model = buildPlanModel(sub, hourCost ? { hourCost } : {});
  await worker.load(model.lp);
  const started = performance.now();
  const inHorizon = (incumbent?.allocations ?? []).every((allocation) => allocation.week <= (prepared.lastWeek ?? Infinity));
  const current = inHorizon ? (incumbent?.allocations ?? []).map((allocation) => ({ ...allocation, order: 0 })) : [];
  const start =
    current.length > 0
      ? await greedyStart(worker, sub, model, { allocations: current, shipments: [], failedOrders: [] }, Math.min(0.5, timeLimitSeconds / 4))
      : null;
  const left = timeLimitSeconds - (performance.now() - started) / 1000;
  if (left < 0.05) return { bound: null, alone: null, optimal: false };
  // The start's LP fixed the integer columns: the MIP gets the model's own bounds back.
  const reply = await worker.solve({
    timeLimitSeconds: left,
    mipGap: 1e-4,
    colLower: model.lp.colLower,
    colUpper: model.lp.colUpper,
    ...(start ? { start } : {}),
  });
  const mipBound = reply.dualBound !== null && Number.isFinite(reply.dualBound) ? reply.dualBound : null;
  const bound = mipBound === null ? null : Math.min(mipBound, tailBound);
  const alone = reply.objective === null ? null : wholeUnitPlan(model, reply.colValue, order, reply.objective);
  return { bound, alone, optimal: reply.status === HIGHS_STATUS.optimal };
}

/**
 * The allocations of a one-order MIP solution that plans the order (not dropped), as a plan of
 * order `order`; null unless every quantity is a whole unit (the bound models keep quantities
 * continuous, and only whole-unit plans may be adopted).
 */
function wholeUnitPlan(model: PlanModel, colValue: Float64Array | null, order: number, objective: number): OrderBound['alone'] {
  if (!colValue || (colValue[model.shortfallColumn[0] ?? 0] ?? 0) >= 0.5) return null;
  const allocations: IndexedAllocation[] = [];
  for (const entry of model.quantities) {
    const value = colValue[entry.column] ?? 0;
    if (value <= 1e-6) continue;
    if (Math.abs(value - Math.round(value)) >= 1e-6) return null;
    allocations.push({ order, operation: entry.operation, member: entry.member, week: entry.week, quantity: Math.round(value) });
  }
  return { objective, allocations };
}

/**
 * Disjunctive MIP bound of one order's (Lagrangian) sub-problem: the disjunction on the
 * completion week f of OrderDisjunctiveLp, with each branch solved as a MIP. A plan finishing in
 * week f costs late(f) plus its other costs, and does all its work in weeks ≤ f, so
 *
 *     optimum = min_f [late(f) + MIP_f] ≥ min( U, min_{f ∈ F} [late(f) + dualBound(MIP_f)] ),
 *
 * MIP_f = the order's MIP with lateness dropped and every week after f closed, U the priced cost
 * of a feasible plan (≥ optimum) and F the weeks with late(f) + LP_f < U (`weeks`; any other week
 * costs ≥ U). Each branch starts from its strong LP_f, where the plain MIP starts from an LP that
 * charges lateness only for the late fraction: the branches close the lot and split gaps instead
 * of spending their time on the completion binaries. Branches are solved lowest value first; a
 * branch solved to optimality lowers U, which prunes the branches above it.
 */
export async function orderDisjunctiveMipBound(
  worker: HighsWorker,
  instance: Instance,
  order: number,
  incumbent: { allocations: IndexedAllocation[]; cost: number },
  candidates: DisjunctiveWeeks,
  timeLimitSeconds: number,
  hourCost?: Float64Array,
): Promise<{ bound: number | null; alone: OrderBound['alone']; optimal: boolean }> {
  const until = performance.now() + 1000 * timeLimitSeconds;
  let upper = incumbent.cost;
  const branches = candidates.weeks.filter((branch) => branch.value < upper).sort((a, b) => a.value - b.value);
  const { sub, prepared } = withoutLateness(instance, order, Math.max(...branches.map((branch) => branch.week)));
  if (!prepared || branches.length === 0) return { bound: Number.isFinite(upper) ? upper : null, alone: null, optimal: true };
  const model = buildPlanModel(sub, hourCost ? { hourCost } : {});
  await worker.load(model.lp);
  const incumbentLast = Math.max(-1, ...incumbent.allocations.map((allocation) => allocation.week));
  const terms = new Map<number, number>(branches.map((branch) => [branch.week, branch.value]));
  let alone: OrderBound['alone'] = null;
  let optimal = true;
  for (let i = 0; i < branches.length; i++) {
    const branch = branches[i];
    if (!branch || branch.value >= upper) continue;
    // Lowest branch first with all the time left: the bound is the minimum over the branches, so
    // only the lowest one's rise counts (the others keep their LP_f term, already above it).
    const seconds = (until - performance.now()) / 1000;
    if (seconds < 0.05) {
      optimal = false;
      continue;
    }
    const colUpper = Float64Array.from(model.lp.colUpper);
    for (const quantity of model.quantities) if (quantity.week > branch.week) colUpper[quantity.column] = 0;
    const started = performance.now();
    let start: Float64Array | null = null;
    if (incumbentLast >= 0 && incumbentLast <= branch.week) {
      const current = incumbent.allocations.map((allocation) => ({ ...allocation, order: 0 }));
      start = await greedyStart(worker, sub, model, { allocations: current, shipments: [], failedOrders: [] }, Math.min(0.3, seconds / 4));
    }
    const left = seconds - (performance.now() - started) / 1000;
    if (left < 0.03) {
      optimal = false;
      continue;
    }
    const reply = await worker.solve({ timeLimitSeconds: left, mipGap: 1e-4, colLower: model.lp.colLower, colUpper, ...(start ? { start } : {}) });
    const dual = reply.dualBound !== null && Number.isFinite(reply.dualBound) ? reply.dualBound : null;
    if (dual !== null) terms.set(branch.week, Math.min(upper, Math.max(branch.value, branch.late + dual)));
    if (reply.status !== HIGHS_STATUS.optimal) optimal = false;
    if (reply.colValue && reply.objective !== null && (reply.colValue[model.shortfallColumn[0] ?? 0] ?? 0) < 0.5 && branch.late + reply.objective < upper) {
      upper = branch.late + reply.objective;
      alone = wholeUnitPlan(model, reply.colValue, order, upper);
    }
  }
  let bound = upper;
  for (const value of terms.values()) bound = Math.min(bound, value);
  return { bound, alone, optimal };
}

/**
 * L(λ) = Σ_o LB_o(λ) − Σ_slot λ_slot·free(slot): the Lagrangian bound of the capacity rows at
 * prices λ ≥ 0 (money per hour, indexed by capacity slot), LB_o = max(LP, MIP dual bound) of
 * order o's sub-problem with λ added to its hour prices. Valid for every λ ≥ 0 (weak duality).
 */
export async function lagrangianBound(worker: HighsWorker, instance: Instance, lambda: Float64Array, secondsPerOrder = 2): Promise<number | null> {
  if (lambda.some((value) => value < 0)) throw new Error('capacity prices must be ≥ 0');
  let total = -lambdaCapacity(instance, lambda);
  for (const prepared of instance.orders) {
    const lp = await orderLpBound(worker, instance, prepared.index, performance.now() + 1000 * secondsPerOrder, lambda);
    const mip = await orderMipBound(worker, instance, prepared.index, null, secondsPerOrder, lambda);
    const values = [lp, mip.bound].filter((value): value is number => value !== null && Number.isFinite(value));
    if (values.length === 0) return null;
    total += Math.max(...values);
  }
  return total;
}

/** L(λ) with the disjunctive LP per order (no MIP): Σ_o min_f [late(f) + LP_f(λ)] − Σ λ·free. */
export async function disjunctiveLagrangianBound(worker: HighsWorker, instance: Instance, lambda: Float64Array): Promise<number | null> {
  if (lambda.some((value) => value < 0)) throw new Error('capacity prices must be ≥ 0');
  const disjunctive = new OrderDisjunctiveLp(worker);
  let total = -lambdaCapacity(instance, lambda);
  for (const prepared of instance.orders) {
    const solved = await disjunctive.solve(instance, prepared.index, performance.now() + 60_000, lambda);
    if (solved === null) return null;
    total += solved.value;
  }
  return total;
}

/**
 * For each quantity column of a one-order model: the capacity slot (member, process, week)
 * it uses, the hours per unit it takes there (setup spread over the column's upper bound,
 * as the relaxed lots do) and its week; -1 for other columns.
 */
function columnCapacityUse(instance: Instance, sub: Instance, model: PlanModel): { slot: Int32Array; hours: Float64Array; week: Int32Array } {
  const slot = new Int32Array(model.lp.numCols).fill(-1);
  const hours = new Float64Array(model.lp.numCols);
  const week = new Int32Array(model.lp.numCols).fill(-1);
  for (const quantity of model.quantities) {
    const operation = sub.orders[0]?.operations[quantity.operation];
    if (!operation) continue;
    const upper = model.lp.colUpper[quantity.column] ?? 1;
    slot[quantity.column] = capacityIndex(instance, quantity.member, operation.processIndex, quantity.week);
    hours[quantity.column] = operation.hoursPerUnit + (operation.setupHours > 0 || operation.minLotSize > 1 ? operation.setupHours / Math.max(1e-9, upper) : 0);
    week[quantity.column] = quantity.week;
  }
  return { slot, hours, week };
}
