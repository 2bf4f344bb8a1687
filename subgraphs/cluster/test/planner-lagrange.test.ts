import { describe, expect, it } from 'vitest';
import { lagrangianBound } from '../src/solver/bound.ts';
import { capacityIndex, prepareInstance } from '../src/solver/instance.ts';
import { PROCESS_TYPES, planJointOrders } from '../src/solver/index.ts';
import { HighsWorker } from '../src/solver/solver-client.ts';
import { mulberry32 } from '@clustergraph/runtime/random';
import type { PlanInput } from '../src/solver/index.ts';

// Two orders of 60 units × 1 h CNC in one week compete for M1 (40/h, 60 h); M2 (50/h, 200 h) is
// the alternative. No split penalty. Alone each order would take all of M1 (2400), so the
// uncoupled bound is 4800; together one order must go to M2: optimum 60×40 + 60×50 = 5400.
const WEEK = '2026-11-23';
const input: PlanInput = {
  orders: ['a', 'b'].map((id) => ({
    id,
    code: id.toUpperCase(),
    quantity: 60,
    dueDate: '2027-06-30',
    priority: 1,
    routing: [{ process: 'CNC_MACHINING' as const, hoursPerUnit: 1 }],
  })),
  members: [
    {
      id: 'm1',
      region: 'BUSAN',
      processes: [{ process: 'CNC_MACHINING', certifications: [] }],
      capacity: [{ process: 'CNC_MACHINING', weekStart: WEEK, availableHours: 60, pricePerHour: 40 }],
    },
    {
      id: 'm2',
      region: 'BUSAN',
      processes: [{ process: 'CNC_MACHINING', certifications: [] }],
      capacity: [{ process: 'CNC_MACHINING', weekStart: WEEK, availableHours: 200, pricePerHour: 50 }],
    },
  ],
  weeks: [WEEK],
};
const OPTIMUM = 5400;

describe('Lagrangian bound of the capacity rows', () => {
  it('is exact at the right price, weaker elsewhere, never above the optimum or a feasible plan', async () => {
    const instance = prepareInstance(input, { weights: { split: 0 } });
    const m1 = capacityIndex(instance, 0, PROCESS_TYPES.indexOf('CNC_MACHINING'), 0);
    const at = (price: number): Float64Array => {
      const lambda = new Float64Array(instance.freeHours.length);
      lambda[m1] = price;
      return lambda;
    };
    const worker = await HighsWorker.start();
    try {
      // λ = 0: each order alone on M1.
      expect(await lagrangianBound(worker, instance, at(0))).toBeCloseTo(4800, 4);
      // λ = 10 makes M1 as dear as M2: 2 × 3000 − 10 × 60 = 5400, the optimum.
      expect(await lagrangianBound(worker, instance, at(10))).toBeCloseTo(OPTIMUM, 4);
      // λ = 20 overprices M1: 2 × 3000 − 20 × 60 = 4800.
      expect(await lagrangianBound(worker, instance, at(20))).toBeCloseTo(4800, 4);
      const plan = await planJointOrders(input, { timeLimitSeconds: 10, weights: { split: 0 } });
      expect(plan.objective).toBeCloseTo(OPTIMUM, 4);
      const random = mulberry32(7);
      for (let trial = 0; trial < 6; trial++) {
        const lambda = Float64Array.from(instance.freeHours, () => 40 * random());
        const bound = await lagrangianBound(worker, instance, lambda);
        expect(bound).not.toBeNull();
        expect(bound ?? Infinity).toBeLessThanOrEqual(OPTIMUM + 1e-6);
        expect(bound ?? Infinity).toBeLessThanOrEqual(plan.objective + 1e-6);
      }
      await expect(lagrangianBound(worker, instance, at(-1))).rejects.toThrow(/≥ 0/);
    } finally {
      await worker.close();
    }
  });
});
