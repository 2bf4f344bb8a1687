import { describe, expect, it } from 'vitest';
import { disjunctiveLagrangianBound, OrderDisjunctiveLp, orderDisjunctiveMipBound, orderLpBound, orderMipBound } from '../src/solver/bound.ts';
import { priceOf, slotHours } from '../src/solver/lagrange.ts';
import { mulberry32 } from '@clustergraph/runtime/random';
import { capacityIndex, prepareInstance } from '../src/solver/instance.ts';
import { planJointOrders, PROCESS_TYPES } from '../src/solver/index.ts';
import { HighsWorker } from '../src/solver/solver-client.ts';
import type { PlanInput } from '../src/solver/index.ts';

// Mondays 2026-11-23 and 11-30; due 2026-11-29 (the first week's Sunday): finishing in the
// second week costs 7 late days × 1000.
const WEEKS = ['2026-11-23', '2026-11-30'];
const DUE = '2026-11-29';
const cnc = (id: string, hours: number[], price: number) => ({
  id,
  region: 'BUSAN',
  processes: [{ process: 'CNC_MACHINING' as const, certifications: [] }],
  capacity: hours.map((availableHours, week) => ({ process: 'CNC_MACHINING' as const, weekStart: WEEKS[week] ?? '', availableHours, pricePerHour: price })),
});
const order = (id: string, quantity: number) => ({
  id,
  code: id.toUpperCase(),
  quantity,
  dueDate: DUE,
  priority: 1,
  routing: [{ process: 'CNC_MACHINING' as const, hoursPerUnit: 1 }],
});

describe('disjunctive LP bound on the completion week', () => {
  it('closes the lateness integrality gap the plain LP leaves open', async () => {
    // 100 units, 1 h each; 60 h in week 1, 100 h in week 2 at 40/h: the order can only finish in
    // week 2 — 4000 production + 7000 lateness. The plain LP completes 60 % on time and pays
    // 40 % of the lateness (6800).
    const input: PlanInput = { orders: [order('a', 100)], members: [cnc('m1', [60, 100], 40)], weeks: WEEKS };
    const instance = prepareInstance(input, { weights: { split: 0 } });
    const worker = await HighsWorker.start();
    try {
      const lp = await orderLpBound(worker, instance, 0, performance.now() + 10_000);
      const disjunctive = await new OrderDisjunctiveLp(worker).solve(instance, 0, performance.now() + 10_000);
      expect(lp).toBeCloseTo(6800, 3);
      expect(disjunctive?.value).toBeCloseTo(11_000, 3);
      expect(disjunctive?.week).toBe(1);
      const plan = await planJointOrders(input, { timeLimitSeconds: 10, weights: { split: 0 } });
      expect(plan.objective).toBeCloseTo(11_000, 3);
    } finally {
      await worker.close();
    }
  });

  it('stays a lower bound of the exact optimum at any capacity prices', async () => {
    // Two orders of 60 units due in week 1 compete for 90 h (m1 60 h at 40, m2 30 h at 50): one
    // of them must finish late. The whole MIP proves the optimum; L(λ) must never exceed it.
    const input: PlanInput = { orders: [order('a', 60), order('b', 60)], members: [cnc('m1', [60, 60], 40), cnc('m2', [30, 100], 50)], weeks: WEEKS };
    const options = { weights: { split: 0 } };
    const plan = await planJointOrders(input, { ...options, timeLimitSeconds: 10, strategy: 'mip' });
    expect(plan.solverStatus).toBe('OPTIMAL');
    // a on m1 in week 1 (2400); b on m1 in week 2 (2400) + 7000 lateness.
    expect(plan.objective).toBeCloseTo(11_800, 3);
    const instance = prepareInstance(input, options);
    const worker = await HighsWorker.start();
    try {
      // λ = 0: each order alone on m1 in week 1, on time (2 × 2400).
      expect(await disjunctiveLagrangianBound(worker, instance, new Float64Array(instance.freeHours.length))).toBeCloseTo(4800, 3);
      const random = mulberry32(11);
      let best = -Infinity;
      for (let trial = 0; trial < 12; trial++) {
        const lambda = Float64Array.from(instance.freeHours, () => 150 * random());
        const bound = await disjunctiveLagrangianBound(worker, instance, lambda);
        expect(bound).not.toBeNull();
        expect(bound ?? Infinity).toBeLessThanOrEqual(plan.objective + 1e-6);
        best = Math.max(best, bound ?? -Infinity);
      }
      expect(best).toBeGreaterThan(0);
      // λ = 100 on m1 and 90 on m2 in week 1: on time costs 60 × 140 = 8400 per order (late: 9400),
      // L = 2 × 8400 − 100 × 60 − 90 × 30 = 8100 — above λ = 0, below the optimum (duality gap).
      const priced = new Float64Array(instance.freeHours.length);
      priced[capacityIndex(instance, 0, PROCESS_TYPES.indexOf('CNC_MACHINING'), 0)] = 100;
      priced[capacityIndex(instance, 1, PROCESS_TYPES.indexOf('CNC_MACHINING'), 0)] = 90;
      expect(await disjunctiveLagrangianBound(worker, instance, priced)).toBeCloseTo(8100, 3);
    } finally {
      await worker.close();
    }
  });

  it('solves each completion week as a MIP: the lot gap closed, never above the optimum', async () => {
    // 100 units, 1 h each, 20 h setup per lot; m1 has 60 h in week 1 and 100 h in week 2 at 40/h.
    // No single lot fits a week, so the order needs two lots (140 h = 5600) and finishes in week 2
    // (7000 late): 12,600. The disjunctive LP spreads the setup over each week's capacity and
    // stays below (12,200); the per-week MIPs reach the optimum.
    const input: PlanInput = {
      orders: [{ ...order('a', 100), routing: [{ process: 'CNC_MACHINING' as const, hoursPerUnit: 1, setupHours: 20 }] }],
      members: [cnc('m1', [60, 100], 40)],
      weeks: WEEKS,
    };
    const options = { weights: { split: 0 } };
    const plan = await planJointOrders(input, { ...options, timeLimitSeconds: 10, strategy: 'mip' });
    expect(plan.solverStatus).toBe('OPTIMAL');
    expect(plan.objective).toBeCloseTo(12_600, 3);
    const instance = prepareInstance(input, options);
    const allocations = plan.allocations.map((allocation) => ({
      order: 0,
      operation: allocation.operationIndex,
      member: 0,
      week: WEEKS.indexOf(allocation.weekStart),
      quantity: allocation.quantity,
    }));
    const worker = await HighsWorker.start();
    try {
      const disjunctive = new OrderDisjunctiveLp(worker);
      const lp = await disjunctive.solve(instance, 0, performance.now() + 10_000);
      expect(lp?.value).toBeCloseTo(12_200, 3);
      const random = mulberry32(5);
      for (let trial = 0; trial < 8; trial++) {
        const lambda = trial === 0 ? new Float64Array(instance.freeHours.length) : Float64Array.from(instance.freeHours, () => 80 * random());
        // The plan's cost at these prices is an upper bound; the plain MIP with time proves the optimum.
        const upper = plan.objective + priceOf(slotHours(instance, allocations), lambda);
        const weeks = await disjunctive.weeks(instance, 0, lambda, upper, performance.now() + 10_000);
        expect(weeks).not.toBeNull();
        const bound = await orderDisjunctiveMipBound(worker, instance, 0, { allocations, cost: upper }, weeks!, 5, lambda);
        const exact = await orderMipBound(worker, instance, 0, null, 10, lambda);
        expect(exact.optimal).toBe(true);
        // (HiGHS stops at a 0.01 % gap: its dual bound may sit that far below the optimum.)
        expect(bound.bound ?? Infinity).toBeLessThanOrEqual((exact.bound ?? -Infinity) * (1 + 2e-4) + 1e-6);
        if (trial === 0) expect(bound.bound).toBeCloseTo(12_600, 3);
      }
    } finally {
      await worker.close();
    }
  });
});
