/**
 * The state the decomposition's streams share (decompose.ts runs them): the incumbent plan, the
 * bounds and capacity prices found so far, the column pool of the master MIP, the two HiGHS
 * workers, the orders being re-planned, and the counters the notes report.
 */
import { bestOrderBound, OrderDisjunctiveLp, totalBound, type OrderBound } from '../bound.ts';
import { relativeGap } from '../gap.ts';
import type { IndexedAllocation } from '../greedy.ts';
import type { Instance } from '../instance.ts';
import { ColumnPool, priceOf, slotHours } from '../lagrange.ts';
import type { PlanState } from '../search.ts';
import type { HighsWorker } from '../solver-client.ts';
import { debugWriter } from './diagnostics.ts';

export interface DecompositionConfig {
  /** performance.now() by which the streams stop. */
  deadline: number;
  mipGap: number;
  /** Seed of the random choices (search targets, blockers, re-insertion order). */
  seed: number;
  /** Progress lines on stderr and the gap at the best prices at the end (diagnostics.ts). */
  debug: boolean;
}

export interface DecompositionCounters {
  regretRounds: number;
  polished: number;
  polishAccepted: number;
  adopted: number;
  mipBounds: number;
  cgIterations: number;
  masterLp: number;
  lagrangianPasses: number;
  subgradientSteps: number;
  masterMips: number;
  masterAccepted: number;
}

export class DecompositionRun {
  readonly deadline: number;
  readonly mipGap: number;
  readonly debug: (message: string) => void;
  readonly bounds: OrderBound[];
  readonly pool: ColumnPool;
  /** The orders' disjunctive LPs, held by the bound worker. */
  readonly disjunctive: OrderDisjunctiveLp;
  readonly counters: DecompositionCounters = {
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
  /** Objective decrease by source (diagnostics). */
  readonly gains: Record<string, number> = {};
  /** Orders a polish on one worker is re-planning (the two streams keep apart). */
  readonly busy = new Set<number>();
  /** Best Lagrangian bound so far (any prices). */
  lambdaBound: number | null = null;
  /** Best capacity prices so far and each order's sub-problem bound there (search targeting). */
  prices: Float64Array | null = null;
  readonly pricedLower: Float64Array;
  /** Set once column generation is over: from then on every plan the search builds joins the pool. */
  masterReady = false;

  constructor(
    readonly instance: Instance,
    config: DecompositionConfig,
    readonly state: PlanState,
    /** When the first plan's construction started: the budget the streams share runs from here. */
    readonly constructStarted: number,
    readonly random: () => number,
    readonly boundWorker: HighsWorker,
    readonly searchWorker: HighsWorker,
  ) {
    this.deadline = config.deadline;
    this.mipGap = config.mipGap;
    this.debug = debugWriter(config.debug);
    this.bounds = instance.orders.map(() => ({ lp: null, mip: null, alone: null }));
    this.pool = new ColumnPool(instance);
    this.disjunctive = new OrderDisjunctiveLp(boundWorker);
    this.pricedLower = new Float64Array(instance.orders.length);
  }

  /** Seconds to the deadline. */
  left(): number {
    return (this.deadline - performance.now()) / 1000;
  }

  /** Seconds between the first plan and the deadline. */
  budget(): number {
    return (this.deadline - this.constructStarted) / 1000;
  }

  objective(): number {
    return this.state.cost.reduce((sum, cost) => sum + cost, 0);
  }

  /** Runs `change` and books the objective decrease it brought to `source`. */
  credit<T>(source: string, change: () => T): T {
    const before = this.objective();
    const value = change();
    this.gains[source] = (this.gains[source] ?? 0) + before - this.objective();
    return value;
  }

  addCurrentPlans(): void {
    this.state.byOrder.forEach((allocations, order) => {
      if (allocations) this.pool.add(order, allocations, this.state.cost[order]);
    });
  }

  /** Passed to the rip-up/re-insert search: its plans join the pool once the master is built. */
  readonly onPlan = (order: number, allocations: IndexedAllocation[], cost: number): void => {
    if (this.masterReady) this.pool.add(order, allocations, cost);
  };

  raiseLambdaBound(value: number | null): void {
    if (value !== null && (this.lambdaBound === null || value > this.lambdaBound)) this.lambdaBound = value;
  }

  bestBound(): number | null {
    const zero = totalBound(this.bounds);
    if (zero === null) return this.lambdaBound;
    return this.lambdaBound === null ? zero : Math.max(zero, this.lambdaBound);
  }

  closed(): boolean {
    const bound = this.bestBound();
    return bound !== null && relativeGap(this.objective(), bound) <= this.mipGap;
  }

  modelSize(order: number): number {
    return (this.instance.orders[order]?.operations ?? []).reduce((sum, operation) => sum + operation.candidates.length, 0);
  }

  /**
   * How much order o's plan pays above what it could: with prices λ, its cost plus the λ-price
   * of its hours minus its sub-problem bound at λ (a congested order whose cheap capacity is taken
   * scores low — re-planning it alone cannot help); before λ, its cost minus its own bound.
   */
  orderGap(order: number): number {
    const planned = this.state.byOrder[order];
    const cost = this.state.cost[order] ?? Infinity;
    if (this.prices && planned) return cost + priceOf(slotHours(this.instance, planned), this.prices) - (this.pricedLower[order] ?? 0);
    return cost - (bestOrderBound(this.bounds[order] ?? { lp: null, mip: null, alone: null }) ?? 0);
  }
}
