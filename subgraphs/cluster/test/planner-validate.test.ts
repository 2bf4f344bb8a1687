import { describe, expect, it } from 'vitest';
import { planGreedy, planJointOrders, validatePlan } from '../src/solver/index.ts';
import type { FixedAllocation, JointOrder, Member, PlanInput, PlanOptions, ProcessType } from '../src/solver/index.ts';
import { shareOfWeekLeft } from '../src/solver/clock.ts';
import { describeAllocation } from '../src/planning/reconcile.ts';
import { planningWeeks } from '../src/planning/planInput.ts';
import { validateStoredPlan } from '../src/planning/proposals.ts';
import type { JointOrderRow, PlannedAllocationRow } from '../src/db/planning.ts';

// Mondays: W49 2026-11-30, W50 12-07, W51 12-14, W52 12-21, W53 12-28, 2027-W01 2027-01-04.
const W49 = '2026-11-30';
const W50 = '2026-12-07';
const W51 = '2026-12-14';
const W52 = '2026-12-21';
const WEEKS = [W49, W50, W51, W52, '2026-12-28', '2027-01-04'];
const SUNDAY_EVENING = '2026-12-06T20:00:00.000Z';

function member(id: string, offers: { process: ProcessType; hours: number[]; price?: number; certifications?: string[] }[], region = 'ULSAN'): Member {
  return {
    id,
    region,
    processes: offers.map((o) => ({ process: o.process, certifications: o.certifications ?? [] })),
    capacity: offers.flatMap((o) =>
      o.hours.map((availableHours, w) => ({ process: o.process, weekStart: WEEKS[w]!, availableHours, pricePerHour: o.price ?? 40 })),
    ),
  };
}

/** README's JO-HS40-01: casting → heat treatment → CNC → inspection, 1,500 units, one transport day between firms. */
const HS40: JointOrder = {
  id: 'jo-hs40',
  code: 'JO-HS40-01',
  quantity: 1500,
  dueDate: '2026-12-20',
  priority: 2,
  routing: [
    { process: 'CASTING', hoursPerUnit: 0.04, setupHours: 4, minLotSize: 250, transportDaysToNext: 1 },
    { process: 'HEAT_TREATMENT', hoursPerUnit: 0.015, setupHours: 2, certification: 'CQI-9', transportDaysToNext: 1 },
    { process: 'CNC_MACHINING', hoursPerUnit: 0.06, setupHours: 3 },
    { process: 'INSPECTION', hoursPerUnit: 0.01 },
  ],
};

/** The W51 scenario: casting done in W49 and CNC + inspection accepted in W51 are pinned; Sejin's W50 was cut to 20 h. */
function w51Scenario(): { input: PlanInput; options: PlanOptions } {
  const members = [
    member('daesung-casting', [{ process: 'CASTING', hours: [0, 120, 120, 120, 120, 120] }], 'GYEONGNAM'),
    member('sejin-heat', [{ process: 'HEAT_TREATMENT', hours: [0, 20, 120, 120, 120, 120], certifications: ['CQI-9'] }], 'ULSAN'),
    member(
      'mirae-cnc',
      [
        { process: 'CNC_MACHINING', hours: [0, 120, 120, 120, 120, 120] },
        { process: 'INSPECTION', hours: [0, 60, 60, 60, 60, 60] },
      ],
      'BUSAN',
    ),
    member('hanbit-ev', [{ process: 'INSPECTION', hours: [0, 60, 60, 60, 60, 60] }], 'ULSAN'),
  ];
  const fixedAllocations: FixedAllocation[] = [
    { memberId: 'daesung-casting', jointOrderId: HS40.id, operationIndex: 0, weekStart: W49, quantity: 1500 },
    { memberId: 'mirae-cnc', jointOrderId: HS40.id, operationIndex: 2, weekStart: W51, quantity: 1500 },
    { memberId: 'mirae-cnc', jointOrderId: HS40.id, operationIndex: 3, weekStart: W51, quantity: 1500 },
  ];
  return { input: { orders: [HS40], members, weeks: WEEKS, now: SUNDAY_EVENING }, options: { fixedAllocations, timeLimitSeconds: 2 } };
}

describe('validatePlan', () => {
  it('rejects the W51 plan that was proposed: 300 units heat-treated in W51 feed CNC at another firm in W51', () => {
    const { input, options } = w51Scenario();
    const broken = [
      { memberId: 'daesung-casting', jointOrderId: HS40.id, operationIndex: 0, weekStart: W49, quantity: 1500 },
      { memberId: 'sejin-heat', jointOrderId: HS40.id, operationIndex: 1, weekStart: W50, quantity: 1200 },
      { memberId: 'sejin-heat', jointOrderId: HS40.id, operationIndex: 1, weekStart: W51, quantity: 300 },
      { memberId: 'mirae-cnc', jointOrderId: HS40.id, operationIndex: 2, weekStart: W51, quantity: 1500 },
      { memberId: 'mirae-cnc', jointOrderId: HS40.id, operationIndex: 3, weekStart: W51, quantity: 1500 },
    ];
    const violations = validatePlan(input, options, { allocations: broken });
    expect(violations.map((v) => [v.kind, v.operationIndex, v.memberId, v.weekStart])).toEqual([['ROUTING_ORDER', 2, 'mirae-cnc', W51]]);
    expect(violations[0]?.message).toContain('300 units at mirae-cnc in 2026-W51 have no input in time from operation 1 (HEAT_TREATMENT');
    // The same plan with the heat treatment a week earlier (and the hours for it) is valid.
    const roomy = {
      ...input,
      members: input.members.map((m) =>
        m.id === 'sejin-heat' ? member('sejin-heat', [{ process: 'HEAT_TREATMENT', hours: [0, 120, 120, 120, 120, 120], certifications: ['CQI-9'] }]) : m,
      ),
    };
    const fixed = broken.map((a) => (a.operationIndex === 1 ? { ...a, weekStart: W50, quantity: a.quantity } : a));
    expect(validatePlan(roomy, options, { allocations: fixed })).toEqual([]);
  });

  it('names each broken rule: capacity, past week, current week hours, pins, quantities, lots, capability', () => {
    const order: JointOrder = {
      id: 'o',
      code: 'O-1',
      quantity: 100,
      dueDate: '2027-01-31',
      priority: 1,
      routing: [{ process: 'PAINTING', hoursPerUnit: 1, minLotSize: 30 }],
    };
    const input: PlanInput = {
      orders: [order],
      members: [
        member('p', [{ process: 'PAINTING', hours: [100, 100, 40, 100, 100, 100] }]),
        member('q', [{ process: 'WELDING', hours: [100, 100, 100, 100, 100, 100] }]),
      ],
      now: '2026-12-09T12:00:00.000Z',
    };
    const kinds = (allocations: { memberId: string; weekStart: string; quantity: number }[], options: PlanOptions = {}) =>
      validatePlan(input, options, { allocations: allocations.map((a) => ({ ...a, jointOrderId: 'o', operationIndex: 0 })) })
        .map((v) => v.kind)
        .sort();
    // Wednesday noon: half of W50's 100 h are left.
    expect(
      kinds([
        { memberId: 'p', weekStart: W50, quantity: 50 },
        { memberId: 'p', weekStart: W52, quantity: 50 },
      ]),
    ).toEqual([]);
    expect(
      kinds([
        { memberId: 'p', weekStart: W50, quantity: 60 },
        { memberId: 'p', weekStart: W52, quantity: 40 },
      ]),
    ).toEqual(['CURRENT_WEEK_HOURS']);
    expect(
      kinds([
        { memberId: 'p', weekStart: W49, quantity: 50 },
        { memberId: 'p', weekStart: W52, quantity: 50 },
      ]),
    ).toEqual(['PAST_WEEK', 'PAST_WEEK']);
    expect(
      kinds([
        { memberId: 'p', weekStart: W51, quantity: 50 },
        { memberId: 'p', weekStart: W52, quantity: 50 },
      ]),
    ).toEqual(['CAPACITY']);
    expect(kinds([{ memberId: 'p', weekStart: W52, quantity: 90 }])).toEqual(['QUANTITY']);
    expect(
      kinds([
        { memberId: 'p', weekStart: W52, quantity: 80 },
        { memberId: 'p', weekStart: '2026-12-28', quantity: 20 },
      ]),
    ).toEqual(['MIN_LOT']);
    expect(kinds([{ memberId: 'q', weekStart: W52, quantity: 100 }])).toEqual(['CAPABILITY', 'CAPACITY']);
    const pin = { memberId: 'p', jointOrderId: 'o', operationIndex: 0, weekStart: '2026-12-28', quantity: 40 };
    expect(kinds([{ memberId: 'p', weekStart: W52, quantity: 100 }], { fixedAllocations: [pin] })).toEqual(['PIN']);
    // Pinned work keeps its hours wherever it is, a week over included; only new work is held to the clock.
    expect(
      kinds(
        [
          { memberId: 'p', weekStart: W49, quantity: 40 },
          { memberId: 'p', weekStart: W52, quantity: 60 },
        ],
        { fixedAllocations: [{ ...pin, weekStart: W49 }] },
      ),
    ).toEqual([]);
  });

  it('holds a stored plan to the clock when it is proposed', () => {
    const order = {
      id: 'o',
      code: 'O-1',
      quantity: 10,
      dueDate: '2027-01-31',
      priority: 1,
      routing: [{ process: 'PAINTING', hoursPerUnit: 1, setupHours: 0, minLotSize: 1, certification: null, transportDaysToNext: 0 }],
    } as unknown as JointOrderRow;
    const row = (weekStart: string, status: PlannedAllocationRow['status']) =>
      ({ memberId: 'p', jointOrderId: 'o', operationIndex: 0, process: 'PAINTING', weekStart, quantity: 10, status }) as unknown as PlannedAllocationRow;
    expect(validateStoredPlan([order], [row(W50, 'NOT_PROPOSED')], new Date(SUNDAY_EVENING))).toEqual([]);
    expect(validateStoredPlan([order], [row(W50, 'NOT_PROPOSED')], new Date('2026-12-14T08:00:00Z')).map((v) => v.kind)).toEqual(['PAST_WEEK']);
    expect(validateStoredPlan([order], [row(W50, 'ACCEPTED')], new Date('2026-12-14T08:00:00Z'))).toEqual([]);
  });
});

describe('the planner returns only valid plans', () => {
  it('W51 scenario: no plan fits around the pins, so none is returned (MIP and fallback alike), with what the leader can do', async () => {
    const { input, options } = w51Scenario();
    for (const run of [options, { ...options, timeLimitSeconds: 0.001 }]) {
      const result = await planJointOrders(input, run);
      expect(result.solverStatus).toBe('INFEASIBLE');
      expect(result.infeasibleOrderIds).toEqual([HS40.id]);
      expect(result.allocations).toEqual([]);
      expect(validatePlan(input, run, result)).toEqual([]);
      const kinds = result.suggestions.map((s) => s.kind);
      expect(kinds).toContain('ACCEPT_LATENESS');
      expect(kinds).toContain('ALLOW_MEMBER');
      const late = result.suggestions.find((s) => s.kind === 'ACCEPT_LATENESS');
      // Without the pins: heat treatment W50 (20 h) + W51, CNC from W52 at the earliest.
      expect((late?.completionDate ?? '') >= '2026-12-27').toBe(true);
      expect(result.suggestions.find((s) => s.kind === 'ALLOW_MEMBER' && s.process === 'HEAT_TREATMENT')?.message).toContain(
        'Only sejin-heat can take operation 1 (HEAT_TREATMENT, CQI-9)',
      );
    }
  });

  it('names no member as able to take an operation whose certification nobody holds', async () => {
    const { input } = w51Scenario();
    const strict: JointOrder = { ...HS40, id: 'jo-strict', routing: HS40.routing.map((op, k) => (k === 1 ? { ...op, certification: 'NADCAP' } : op)) };
    const result = await planJointOrders({ ...input, orders: [strict] }, { timeLimitSeconds: 1 });
    expect(result.infeasibleOrderIds).toEqual([strict.id]);
    const messages = result.suggestions.filter((s) => s.kind === 'ALLOW_MEMBER').map((s) => s.message);
    expect(messages).toContain('Only no member can take operation 1 (HEAT_TREATMENT, NADCAP): admit another partner with it to the cluster.');
    expect(messages.some((m) => m.startsWith('Allow sejin-heat for operation 1') && m.includes('lacks the certification NADCAP'))).toBe(true);
    expect(messages.some((m) => m.startsWith('Only sejin-heat'))).toBe(false);
  });

  it('W51 scenario with the hours back: the plan keeps the pins and heat-treats everything by W50', async () => {
    const { input, options } = w51Scenario();
    const roomy = {
      ...input,
      members: input.members.map((m) =>
        m.id === 'sejin-heat' ? member('sejin-heat', [{ process: 'HEAT_TREATMENT', hours: [0, 40, 120, 120, 120, 120], certifications: ['CQI-9'] }]) : m,
      ),
    };
    const result = await planJointOrders(roomy, options);
    expect(result.infeasibleOrderIds).toEqual([]);
    expect(validatePlan(roomy, options, result)).toEqual([]);
    expect(result.allocations.filter((a) => a.operationIndex === 1).map((a) => [a.weekStart, a.quantity])).toEqual([[W50, 1500]]);
  });

  it('on Sunday 2026-12-06 no new work lands in 2026-W49, and mid-week only the hours left are used', async () => {
    expect(shareOfWeekLeft(SUNDAY_EVENING)).toBe(0);
    expect(shareOfWeekLeft('2026-12-06T00:00:00.000Z')).toBe(0);
    expect(shareOfWeekLeft('2026-12-09T12:00:00.000Z')).toBe(0.5);
    expect(planningWeeks([{ dueDate: '2026-12-20' }], '2026-12-06')[0]).toBe(W49);
    const order: JointOrder = {
      id: 'a',
      code: 'A',
      quantity: 100,
      dueDate: '2026-12-06',
      priority: 1,
      routing: [
        { process: 'CASTING', hoursPerUnit: 0.5, transportDaysToNext: 2 },
        { process: 'PAINTING', hoursPerUnit: 0.2 },
      ],
    };
    const members = [
      member('c', [{ process: 'CASTING', hours: [200, 200, 200, 200, 200, 200] }]),
      member('p', [{ process: 'PAINTING', hours: [100, 100, 100, 100, 100, 100] }]),
    ];
    const input: PlanInput = { orders: [order], members, weeks: WEEKS, now: SUNDAY_EVENING };
    for (const result of [
      await planJointOrders(input, { timeLimitSeconds: 2 }),
      await planGreedy(input),
      await planJointOrders(input, { timeLimitSeconds: 0.001 }),
    ]) {
      expect(result.infeasibleOrderIds).toEqual([]);
      expect(result.allocations.length).toBeGreaterThan(0);
      expect(result.allocations.filter((a) => a.weekStart === W49)).toEqual([]);
      expect(validatePlan(input, {}, result)).toEqual([]);
    }
    // Wednesday noon of W50: 100 h of casting left of 200.
    const midweek = { ...input, weeks: WEEKS.slice(1), now: '2026-12-09T12:00:00.000Z', orders: [{ ...order, quantity: 300 }] };
    const result = await planJointOrders(midweek, { timeLimitSeconds: 2 });
    const castingW50 = result.allocations.filter((a) => a.weekStart === W50 && a.process === 'CASTING').reduce((sum, a) => sum + a.hours, 0);
    expect(castingW50).toBeGreaterThan(0);
    expect(castingW50).toBeLessThanOrEqual(100);
    expect(validatePlan(midweek, {}, result)).toEqual([]);
  });

  it('numbers operations from 0 in explanations, like the tables', async () => {
    const order: JointOrder = { ...HS40, id: 'jo-x', code: 'JO-X' };
    const members = [
      member('c', [{ process: 'CASTING', hours: [0, 200, 200, 200, 200, 200] }]),
      member('h', [{ process: 'HEAT_TREATMENT', hours: [0, 200, 200, 200, 200, 200], certifications: ['CQI-9'] }]),
      member('m', [{ process: 'CNC_MACHINING', hours: [0, 200, 200, 200, 200, 200] }]),
    ];
    const result = await planGreedy({ orders: [order], members, weeks: WEEKS, now: SUNDAY_EVENING });
    expect(result.explanation.join('\n')).toContain('order JO-X operation 3 (INSPECTION): no member has process INSPECTION');
    expect(describeAllocation({ quantity: 2400, operationIndex: 2, process: 'CNC_MACHINING', jointOrderId: 'jo-1', weekStart: W50 })).toBe(
      '2400 × operation 2 (CNC_MACHINING) of jo-1 in 2026-W50',
    );
  });
});
