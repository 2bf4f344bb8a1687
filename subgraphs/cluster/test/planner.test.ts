import { describe, expect, it } from 'vitest';
import { planGreedy, planJointOrders } from '../src/solver/index.ts';
import type { JointOrder, Member, Operation, PlanInput, PlanResult, ProcessType } from '../src/solver/index.ts';

// Weeks of the tests: Mondays 2026-11-23 (W48), 11-30 (W49), 12-07 (W50), 12-14 (W51).
const WEEKS = ['2026-11-23', '2026-11-30', '2026-12-07', '2026-12-14'];

function member(id: string, offers: { process: ProcessType; hours: number[]; price: number; certifications?: string[] }[], region = 'BUSAN'): Member {
  return {
    id,
    region,
    processes: offers.map((offer) => ({ process: offer.process, certifications: offer.certifications ?? [] })),
    capacity: offers.flatMap((offer) =>
      offer.hours.map((availableHours, week) => ({ process: offer.process, weekStart: WEEKS[week] ?? '', availableHours, pricePerHour: offer.price })),
    ),
  };
}

function order(id: string, quantity: number, routing: Operation[], dueDate = '2027-06-30'): JointOrder {
  return { id, code: id.toUpperCase(), quantity, dueDate, priority: 1, routing };
}

const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);
const quantityAt = (result: PlanResult, memberId: string, operationIndex = 0): number =>
  sum(result.allocations.filter((a) => a.memberId === memberId && a.operationIndex === operationIndex).map((a) => a.quantity));

describe('planJointOrders (HiGHS)', () => {
  it('splits between a cheap small member and a dearer big one exactly as computed by hand', async () => {
    // 100 units × 1 h. M1: 40/h, 60 h; M2: 50/h, 200 h. Split: 60×40 + 40×50 = 4400 (+500 split) = 4900
    // beats all at M2: 100×50 = 5000.
    const input: PlanInput = {
      orders: [order('a', 100, [{ process: 'CNC_MACHINING', hoursPerUnit: 1 }])],
      members: [member('m1', [{ process: 'CNC_MACHINING', hours: [60], price: 40 }]), member('m2', [{ process: 'CNC_MACHINING', hours: [200], price: 50 }])],
      weeks: WEEKS.slice(0, 1),
    };
    const result = await planJointOrders(input, { timeLimitSeconds: 20 });
    expect(result.solverStatus).toBe('OPTIMAL');
    expect(quantityAt(result, 'm1')).toBeCloseTo(60, 6);
    expect(quantityAt(result, 'm2')).toBeCloseTo(40, 6);
    expect(result.costBreakdown.production).toBeCloseTo(4400, 6);
    expect(result.costBreakdown.split).toBe(500);
    expect(result.objective).toBeCloseTo(4900, 6);
    expect(result.bestBound).not.toBeNull();
    expect(result.gap ?? 1).toBeLessThanOrEqual(0.001);
  });

  it('respects precedence and the transport lead time between different members', async () => {
    // Casting at C (week 0), 8 transport days ⇒ 2 weeks ⇒ machining at D in week 2 (ends 2026-12-13).
    const routing: Operation[] = [
      { process: 'CASTING', hoursPerUnit: 1, transportDaysToNext: 8 },
      { process: 'CNC_MACHINING', hoursPerUnit: 1 },
    ];
    const input: PlanInput = {
      orders: [order('a', 10, routing, '2026-11-29')],
      members: [
        member('c', [{ process: 'CASTING', hours: [100, 100, 100, 100], price: 40 }]),
        member('d', [{ process: 'CNC_MACHINING', hours: [100, 100, 100, 100], price: 40 }]),
      ],
      weeks: WEEKS,
    };
    const result = await planJointOrders(input, { timeLimitSeconds: 20 });
    const casting = result.allocations.filter((a) => a.operationIndex === 0);
    const machining = result.allocations.filter((a) => a.operationIndex === 1);
    expect(casting.map((a) => a.weekStart)).toEqual(['2026-11-23']);
    expect(machining.map((a) => a.weekStart)).toEqual(['2026-12-07']);
    expect(result.orders[0]?.completionDate).toBe('2026-12-13');
    expect(result.lateDays).toBe(14);
    expect(result.costBreakdown.lateness).toBe(14_000);
    expect(result.costBreakdown.transport).toBeCloseTo(10 * 15 * 0.02, 6); // same region: 15 km
    expect(result.costBreakdown.production).toBeCloseTo(800, 6);

    // A dearer member able to do both steps may do them in the same week: on time is worth it.
    const withBoth = {
      ...input,
      members: [
        ...input.members,
        member('e', [
          { process: 'CASTING', hours: [100], price: 60 },
          { process: 'CNC_MACHINING', hours: [100], price: 60 },
        ]),
      ],
    };
    const sameMember = await planJointOrders(withBoth, { timeLimitSeconds: 20 });
    expect(sameMember.allocations.every((a) => a.memberId === 'e' && a.weekStart === '2026-11-23')).toBe(true);
    expect(sameMember.lateDays).toBe(0);
    expect(sameMember.objective).toBeCloseTo(1200, 6);
  });

  it('charges lateness in the model exactly as the evaluator does (on time beats cheap and late)', async () => {
    // Due Sunday of week 0. A (40/h) has hours only in week 1 → 7 days late: 400 + 7000.
    // B (100/h) in week 0: 1000, on time. The old completion indicator was one week off and took A.
    const input: PlanInput = {
      orders: [order('a', 10, [{ process: 'CNC_MACHINING', hoursPerUnit: 1 }], '2026-11-29')],
      members: [
        member('a', [{ process: 'CNC_MACHINING', hours: [0, 100], price: 40 }]),
        member('b', [{ process: 'CNC_MACHINING', hours: [100, 0], price: 100 }]),
      ],
      weeks: WEEKS.slice(0, 2),
    };
    for (const strategy of ['mip', 'decompose'] as const) {
      const result = await planJointOrders(input, { timeLimitSeconds: 5, strategy });
      expect(quantityAt(result, 'b')).toBe(10);
      expect(result.objective).toBeCloseTo(1000, 6);
      expect(result.lateDays).toBe(0);
      expect(result.bestBound ?? Infinity).toBeLessThanOrEqual(1000 + 1e-6);
    }
  });

  it('prices transport independently: the cheapest timely routing of lots, not the solver flows', async () => {
    // 20 units cast at c1 (BUSAN) and c2 (INCHEON) in week 0, machined at d (BUSAN, 10 units) and
    // e (INCHEON, 10 units) in week 1: the cheapest routing ships BUSAN→BUSAN and INCHEON→INCHEON (15 km each).
    const routing: Operation[] = [
      { process: 'CASTING', hoursPerUnit: 1, transportDaysToNext: 1 },
      { process: 'CNC_MACHINING', hoursPerUnit: 1 },
    ];
    const input: PlanInput = {
      orders: [order('a', 20, routing)],
      members: [
        member('c1', [{ process: 'CASTING', hours: [10, 0], price: 10 }], 'BUSAN'),
        member('c2', [{ process: 'CASTING', hours: [10, 0], price: 10 }], 'INCHEON'),
        member('d', [{ process: 'CNC_MACHINING', hours: [0, 10], price: 10 }], 'BUSAN'),
        member('e', [{ process: 'CNC_MACHINING', hours: [0, 10], price: 10 }], 'INCHEON'),
      ],
      weeks: WEEKS.slice(0, 2),
    };
    const result = await planGreedy(input);
    expect(result.costBreakdown.transport).toBeCloseTo(20 * 15 * 0.02, 6);
    const solved = await planJointOrders(input, { timeLimitSeconds: 5, strategy: 'mip' });
    expect(solved.costBreakdown.transport).toBeCloseTo(20 * 15 * 0.02, 6);
  });

  it('honours minimum lot sizes and setup hours', async () => {
    // minLot 40: M1 (10/h) has only 30 h, so everything goes to M2 (20/h): 100 × 20 + setup 2 h × 20.
    const input: PlanInput = {
      orders: [order('a', 100, [{ process: 'WELDING', hoursPerUnit: 1, minLotSize: 40, setupHours: 2 }])],
      members: [member('m1', [{ process: 'WELDING', hours: [30], price: 10 }]), member('m2', [{ process: 'WELDING', hours: [200], price: 20 }])],
      weeks: WEEKS.slice(0, 1),
    };
    const result = await planJointOrders(input, { timeLimitSeconds: 20 });
    expect(quantityAt(result, 'm1')).toBe(0);
    expect(quantityAt(result, 'm2')).toBeCloseTo(100, 6);
    expect(result.costBreakdown.production).toBeCloseTo(2040, 6);
    expect(result.allocations[0]?.hours).toBeCloseTo(102, 6);
  });

  it('caps the number of members per operation', async () => {
    // Uncapped optimum uses m1, m2, m3 (1800). With at most 2 members: 40@m1 + 60@m4 = 400 + 3000.
    const members = [
      member('m1', [{ process: 'PRESSING', hours: [40], price: 10 }]),
      member('m2', [{ process: 'PRESSING', hours: [40], price: 20 }]),
      member('m3', [{ process: 'PRESSING', hours: [40], price: 30 }]),
      member('m4', [{ process: 'PRESSING', hours: [100], price: 50 }]),
    ];
    const input: PlanInput = { orders: [order('a', 100, [{ process: 'PRESSING', hoursPerUnit: 1 }])], members, weeks: WEEKS.slice(0, 1) };
    const free = await planJointOrders(input, { timeLimitSeconds: 20, weights: { split: 0 } });
    expect(free.costBreakdown.production).toBeCloseTo(1800, 6);
    const capped = await planJointOrders(input, { timeLimitSeconds: 20, weights: { split: 0 }, maxMembersPerOperation: 2 });
    expect(new Set(capped.allocations.map((a) => a.memberId))).toEqual(new Set(['m1', 'm4']));
    expect(capped.costBreakdown.production).toBeCloseTo(3400, 6);
  });

  it('keeps fixed allocations and re-optimises the rest', async () => {
    const input: PlanInput = {
      orders: [order('a', 100, [{ process: 'CNC_MACHINING', hoursPerUnit: 1 }])],
      members: [member('m1', [{ process: 'CNC_MACHINING', hours: [60], price: 40 }]), member('m2', [{ process: 'CNC_MACHINING', hours: [200], price: 50 }])],
      weeks: WEEKS.slice(0, 1),
    };
    const fixedAllocations = [{ memberId: 'm2', jointOrderId: 'a', operationIndex: 0, weekStart: '2026-11-23', quantity: 50 }];
    const result = await planJointOrders(input, { timeLimitSeconds: 20, fixedAllocations, weights: { split: 0 } });
    expect(quantityAt(result, 'm2')).toBeCloseTo(50, 6);
    expect(quantityAt(result, 'm1')).toBeCloseTo(50, 6);
    expect(result.costBreakdown.production).toBeCloseTo(4500, 6);
  });

  it('explains an infeasible order (process, hours, certification) and still plans the others', async () => {
    const members = [
      member('h1', [{ process: 'HEAT_TREATMENT', hours: [60, 60], price: 30 }]),
      member('p1', [{ process: 'PAINTING', hours: [100, 100], price: 30, certifications: ['ISO9001'] }]),
    ];
    const input: PlanInput = {
      orders: [
        order('too-big', 100, [{ process: 'HEAT_TREATMENT', hoursPerUnit: 3 }]),
        order('no-cert', 10, [{ process: 'PAINTING', hoursPerUnit: 1, certification: 'IATF16949' }]),
        order('fine', 10, [{ process: 'PAINTING', hoursPerUnit: 1 }]),
      ],
      members,
      weeks: WEEKS.slice(0, 2),
    };
    // A re-plan pins the infeasible order's accepted work: the reasons explain it, not a warning per pin.
    const fixedAllocations = [{ memberId: 'h1', jointOrderId: 'too-big', operationIndex: 0, weekStart: WEEKS[0]!, quantity: 20 }];
    const result = await planJointOrders(input, { timeLimitSeconds: 20, fixedAllocations });
    expect(result.solverStatus).toBe('INFEASIBLE');
    expect(result.infeasibleOrderIds.sort()).toEqual(['no-cert', 'too-big']);
    const text = result.explanation.join('\n');
    expect(text).not.toContain('fixed allocation ignored');
    expect(text).toContain('HEAT_TREATMENT: 300 h needed in weeks 2026-W48–W49, 120 h available');
    expect(text).toContain('no member has process PAINTING with certification IATF16949');
    expect(quantityAt(result, 'p1')).toBeCloseTo(10, 6);
  });

  it('explains orders that fit alone but not together (shared capacity)', async () => {
    const input: PlanInput = {
      orders: [order('a', 50, [{ process: 'HEAT_TREATMENT', hoursPerUnit: 1 }]), order('b', 50, [{ process: 'HEAT_TREATMENT', hoursPerUnit: 1 }])],
      members: [member('h1', [{ process: 'HEAT_TREATMENT', hours: [80], price: 30 }])],
      weeks: WEEKS.slice(0, 1),
    };
    const result = await planJointOrders(input, { timeLimitSeconds: 20 });
    expect(result.solverStatus).toBe('INFEASIBLE');
    expect(result.infeasibleOrderIds).toHaveLength(1);
    expect(result.explanation.join('\n')).toMatch(/HEAT_TREATMENT: 100 h needed in weeks 2026-W48, 80 h available/);
  });

  it('falls back to the greedy plan when the time limit leaves no room to solve', async () => {
    const input: PlanInput = {
      orders: [
        order('a', 100, [
          { process: 'CNC_MACHINING', hoursPerUnit: 1 },
          { process: 'PAINTING', hoursPerUnit: 0.5 },
        ]),
      ],
      members: [
        member('m1', [{ process: 'CNC_MACHINING', hours: [60, 60], price: 40 }]),
        member('m2', [
          { process: 'CNC_MACHINING', hours: [200, 200], price: 50 },
          { process: 'PAINTING', hours: [100, 100], price: 30 },
        ]),
      ],
      weeks: WEEKS.slice(0, 2),
    };
    const result = await planJointOrders(input, { timeLimitSeconds: 0.001 });
    expect(result.solverStatus).toBe('GREEDY_FALLBACK');
    expect(quantityAt(result, 'm1') + quantityAt(result, 'm2')).toBe(100);
    expect(quantityAt(result, 'm2', 1)).toBe(100);
    const greedy = await planGreedy(input);
    expect(greedy.solverStatus).toBe('GREEDY');
    expect(greedy.objective).toBeCloseTo(result.objective, 6);
  });
});
