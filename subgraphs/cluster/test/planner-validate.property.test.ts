/**
 * Property: every plan the planner returns — whole MIP, decomposition, greedy, fallback, and a
 * re-plan after a random capacity cut with everything else pinned — passes validatePlan, or
 * the orders it cannot serve are reported infeasible with no allocation returned for them.
 * Small random instances and short time limits keep each property a few seconds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planGreedy, planJointOrders, validatePlan } from '../src/solver/index.ts';
import type { FixedAllocation, JointOrder, Member, PlanInput, PlanOptions, PlanResult, ProcessType } from '../src/solver/index.ts';

const WEEKS = ['2026-11-30', '2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28'];
const PROCESSES: ProcessType[] = ['CASTING', 'HEAT_TREATMENT', 'CNC_MACHINING', 'PAINTING'];
const REGIONS = ['BUSAN', 'ULSAN', 'CHANGWON'];
// Sunday evening of W49 (nothing left of it), Monday morning and Wednesday noon of W50.
const CLOCKS = ['2026-12-06T20:00:00.000Z', '2026-12-07T08:00:00.000Z', '2026-12-09T12:00:00.000Z'];

const memberArb = (index: number) =>
  fc
    .record({
      processes: fc.uniqueArray(fc.constantFrom(...PROCESSES), { minLength: 1, maxLength: 2 }),
      hours: fc.array(fc.integer({ min: 0, max: 80 }), { minLength: WEEKS.length, maxLength: WEEKS.length }),
      price: fc.integer({ min: 20, max: 60 }),
      region: fc.constantFrom(...REGIONS),
    })
    .map((m): Member => ({
      id: `m${index}`,
      region: m.region,
      processes: m.processes.map((process) => ({ process, certifications: [] })),
      capacity: m.processes.flatMap((process, p) =>
        m.hours.map((hours, w) => ({ process, weekStart: WEEKS[w]!, availableHours: p === 0 ? hours : Math.round(hours / 2), pricePerHour: m.price })),
      ),
    }));

const orderArb = (index: number) =>
  fc
    .record({
      quantity: fc.integer({ min: 10, max: 200 }),
      due: fc.integer({ min: 1, max: WEEKS.length - 1 }),
      priority: fc.integer({ min: 1, max: 3 }),
      routing: fc.array(
        fc.record({
          process: fc.constantFrom(...PROCESSES),
          hoursPerUnit: fc.constantFrom(0.1, 0.2, 0.5),
          setupHours: fc.integer({ min: 0, max: 3 }),
          minLotSize: fc.integer({ min: 1, max: 20 }),
          transportDaysToNext: fc.integer({ min: 0, max: 9 }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    })
    .map((o): JointOrder => ({
      id: `o${index}`,
      code: `O-${index}`,
      quantity: o.quantity,
      dueDate: addDays(WEEKS[o.due]!, 6),
      priority: o.priority,
      routing: o.routing,
    }));

const instanceArb = fc
  .record({
    memberCount: fc.integer({ min: 2, max: 4 }),
    orderCount: fc.integer({ min: 1, max: 2 }),
    now: fc.constantFrom(...CLOCKS),
    cut: fc.record({ pick: fc.nat(), keep: fc.double({ min: 0, max: 0.9, noNaN: true }) }),
  })
  .chain(({ memberCount, orderCount, now, cut }) =>
    fc.record({
      members: fc.tuple(...Array.from({ length: memberCount }, (_, i) => memberArb(i))),
      orders: fc.tuple(...Array.from({ length: orderCount }, (_, i) => orderArb(i))),
      now: fc.constant(now),
      cut: fc.constant(cut),
    }),
  )
  .map(({ members, orders, now, cut }) => ({ input: { orders, members, weeks: WEEKS, now } as PlanInput, cut }));

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The property itself: valid, or the order is reported infeasible and nothing of it is returned. */
const served = { planned: 0, infeasible: 0 };
function expectValid(input: PlanInput, options: PlanOptions, result: PlanResult): void {
  expect(validatePlan(input, options, result)).toEqual([]);
  served.infeasible += result.infeasibleOrderIds.length;
  served.planned += input.orders.length - result.infeasibleOrderIds.length;
  const infeasible = new Set(result.infeasibleOrderIds);
  for (const order of input.orders) {
    if (infeasible.has(order.id)) {
      // Only what was pinned for it may remain (runPlanner keeps pins of infeasible orders itself).
      expect(result.allocations.filter((a) => a.jointOrderId === order.id)).toEqual([]);
      continue;
    }
    order.routing.forEach((_, k) => {
      const total = result.allocations.filter((a) => a.jointOrderId === order.id && a.operationIndex === k).reduce((sum, a) => sum + a.quantity, 0);
      expect(total).toBeCloseTo(order.quantity, 6);
    });
  }
}

/**
 * A re-plan as the reconciler makes it after a capacity cut: the bucket of one allocation of the
 * first plan loses part of its hours, that allocation is released, everything else is pinned.
 */
function capacityCut(input: PlanInput, first: PlanResult, cut: { pick: number; keep: number }): { input: PlanInput; options: PlanOptions } | null {
  if (first.allocations.length === 0) return null;
  const broken = first.allocations[cut.pick % first.allocations.length]!;
  const members = input.members.map((m) =>
    m.id !== broken.memberId
      ? m
      : {
          ...m,
          capacity: m.capacity.map((slot) =>
            slot.process === broken.process && slot.weekStart === broken.weekStart
              ? { ...slot, availableHours: Math.floor(slot.availableHours * cut.keep) }
              : slot,
          ),
        },
  );
  const fixedAllocations: FixedAllocation[] = first.allocations
    .filter((a) => a !== broken)
    .map((a) => ({ memberId: a.memberId, jointOrderId: a.jointOrderId, operationIndex: a.operationIndex, weekStart: a.weekStart, quantity: a.quantity }));
  return { input: { ...input, members }, options: { fixedAllocations, timeLimitSeconds: 1 } };
}

describe('every plan the planner returns passes the validator (fast-check)', () => {
  it('greedy and fallback, first plans and re-plans after a capacity cut', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb, async ({ input, cut }) => {
        const greedy = await planGreedy(input);
        expectValid(input, {}, greedy);
        const fallback = await planJointOrders(input, { timeLimitSeconds: 0.001 });
        expectValid(input, { timeLimitSeconds: 0.001 }, fallback);
        const replan = capacityCut(input, fallback, cut);
        if (replan) {
          const options = { ...replan.options, timeLimitSeconds: 0.001 };
          expectValid(replan.input, options, await planJointOrders(replan.input, options));
          expectValid(replan.input, replan.options, await planGreedy(replan.input, replan.options));
        }
      }),
      { numRuns: 60, seed: 20261206 },
    );
    // Not vacuous: the instances mix served and unservable orders.
    expect(served.planned).toBeGreaterThan(30);
    expect(served.infeasible).toBeGreaterThan(10);
  }, 60_000);

  it('the whole MIP, first plans and re-plans after a capacity cut', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb, async ({ input, cut }) => {
        const first = await planJointOrders(input, { timeLimitSeconds: 1, strategy: 'mip' });
        expectValid(input, { timeLimitSeconds: 1, strategy: 'mip' }, first);
        const replan = capacityCut(input, first, cut);
        if (replan) expectValid(replan.input, replan.options, await planJointOrders(replan.input, { ...replan.options, strategy: 'mip' }));
      }),
      { numRuns: 6, seed: 61202026 },
    );
  }, 90_000);

  it('the decomposition', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb, async ({ input }) => {
        const options: PlanOptions = { timeLimitSeconds: 1, strategy: 'decompose' };
        expectValid(input, options, await planJointOrders(input, options));
      }),
      { numRuns: 3, seed: 7 },
    );
  }, 90_000);
});
