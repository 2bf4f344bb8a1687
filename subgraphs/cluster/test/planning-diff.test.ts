import { describe, expect, it } from 'vitest';
import { diffPlans, type DiffAllocation } from '../src/planning/planDiff.ts';
import { operationProgress, orderStatusFromAllocations } from '../src/planning/orderStatus.ts';
import { droppedAllocations, openAllocations } from '../src/planning/withdrawals.ts';
import { assignAllocationIds } from '../src/planning/planRunner.ts';
import { buildPlanInput } from '../src/planning/planInput.ts';
import type { JointOrderRow, PlannedAllocationRow } from '../src/db/planning.ts';

const a = (memberId: string, operationIndex: number, weekStart: string, quantity: number, hours = quantity): DiffAllocation => ({
  jointOrderId: 'jo-1',
  operationIndex,
  process: operationIndex === 0 ? 'CASTING' : operationIndex === 1 ? 'HEAT_TREATMENT' : 'ASSEMBLY',
  memberId,
  weekStart,
  quantity,
  hours,
});

describe('plan diff', () => {
  it('lists added, removed and changed work and leaves unchanged work out', () => {
    const before = [a('cast', 0, '2026-11-30', 100), a('heat', 1, '2026-12-07', 100, 20), a('lead', 2, '2026-12-14', 60), a('lead', 2, '2026-12-21', 40)];
    const after = [a('cast2', 0, '2026-11-30', 100), a('heat', 1, '2026-12-07', 100, 20), a('lead', 2, '2026-12-14', 100)];
    expect(diffPlans(before, after)).toEqual(
      [
        { ...a('cast', 0, '2026-11-30', 0), kind: 'REMOVED', quantityBefore: 100, quantityAfter: 0, hoursBefore: 100, hoursAfter: 0 },
        { ...a('cast2', 0, '2026-11-30', 0), kind: 'ADDED', quantityBefore: 0, quantityAfter: 100, hoursBefore: 0, hoursAfter: 100 },
        { ...a('lead', 2, '2026-12-14', 0), kind: 'CHANGED', quantityBefore: 60, quantityAfter: 100, hoursBefore: 60, hoursAfter: 100 },
        { ...a('lead', 2, '2026-12-21', 0), kind: 'REMOVED', quantityBefore: 40, quantityAfter: 0, hoursBefore: 40, hoursAfter: 0 },
      ].map(({ quantity: _q, hours: _h, ...change }) => change),
    );
  });

  it('sums rows of the same member, operation and week (a kept allocation plus a new one)', () => {
    expect(diffPlans([a('cast', 0, '2026-11-30', 100)], [a('cast', 0, '2026-11-30', 60), a('cast', 0, '2026-11-30', 40)])).toEqual([]);
  });

  it('is empty for identical plans', () => {
    const plan = [a('cast', 0, '2026-11-30', 100), a('heat', 1, '2026-12-07', 100, 20)];
    expect(diffPlans(plan, [...plan].reverse())).toEqual([]);
  });
});

const row = (
  position: number,
  memberId: string,
  operationIndex: number,
  status: PlannedAllocationRow['status'],
  extra: Partial<PlannedAllocationRow> = {},
): PlannedAllocationRow => ({
  planId: 'plan-old',
  position,
  allocationId: `plan-old-a${position}`,
  memberId,
  jointOrderId: 'jo-1',
  operationIndex,
  process: operationIndex === 0 ? 'CASTING' : operationIndex === 1 ? 'HEAT_TREATMENT' : 'ASSEMBLY',
  weekStart: '2026-11-30',
  quantity: 100,
  hours: 50,
  cost: 3000,
  status,
  goodQuantity: 0,
  scrapQuantity: 0,
  declineReason: null,
  conflictCause: null,
  conflictReason: null,
  syncedAt: null,
  withdrawalState: null,
  withdrawReason: null,
  withdrawRequestedAt: null,
  withdrawnAt: null,
  withdrawError: null,
  ...extra,
});

describe('order status from the members’ answers', () => {
  it('is PROPOSED while anything is unanswered or declined, then CONFIRMED, IN_PRODUCTION, DONE', () => {
    expect(orderStatusFromAllocations([])).toBeNull();
    expect(orderStatusFromAllocations([row(0, 'a', 0, 'ACCEPTED'), row(1, 'b', 1, 'PROPOSED')])).toBe('PROPOSED');
    expect(orderStatusFromAllocations([row(0, 'a', 0, 'ACCEPTED'), row(1, 'b', 1, 'DECLINED')])).toBe('PROPOSED');
    expect(orderStatusFromAllocations([row(0, 'a', 0, 'ACCEPTED'), row(1, 'b', 1, 'ACCEPTED')])).toBe('CONFIRMED');
    expect(orderStatusFromAllocations([row(0, 'a', 0, 'DONE'), row(1, 'b', 1, 'ACCEPTED')])).toBe('IN_PRODUCTION');
    expect(orderStatusFromAllocations([row(0, 'a', 0, 'DONE'), row(1, 'b', 1, 'DONE')])).toBe('DONE');
  });

  it('reports progress per operation (declined work left out)', () => {
    const order = { quantity: 100, routing: [{ process: 'CASTING' }, { process: 'HEAT_TREATMENT' }] } as unknown as JointOrderRow;
    const progress = operationProgress(order, [
      row(0, 'a', 0, 'IN_PROGRESS', { quantity: 60, goodQuantity: 30, scrapQuantity: 2 }),
      row(1, 'b', 0, 'DECLINED', { quantity: 40 }),
      row(2, 'c', 0, 'PROPOSED', { quantity: 40 }),
    ]);
    expect(progress[0]).toEqual({
      operationIndex: 0,
      process: 'CASTING',
      quantity: 100,
      plannedQuantity: 100,
      acceptedQuantity: 60,
      goodQuantity: 30,
      scrapQuantity: 2,
      progress: 0.3,
    });
    expect(progress[1]).toMatchObject({ plannedQuantity: 0, progress: 0 });
  });
});

describe('what a new version takes back from the members', () => {
  it('withdraws proposed and accepted work the next version no longer holds, once per member-side id', () => {
    const previous = [
      row(0, 'a', 0, 'ACCEPTED'),
      row(1, 'b', 1, 'ACCEPTED', { conflictCause: 'CAPACITY_CUT' }),
      row(2, 'c', 2, 'PROPOSED'),
      row(3, 'd', 2, 'DECLINED'),
      row(4, 'e', 1, 'IN_PROGRESS'),
      row(5, 'f', 0, 'NOT_PROPOSED'),
      row(6, 'b', 1, 'ACCEPTED', { allocationId: 'plan-old-a1' }),
    ];
    // The next version keeps a0 (pinned) and moves the rest.
    expect(droppedAllocations(previous, [{ allocationId: 'plan-old-a0' }, { allocationId: 'plan-new-a1' }]).map((r) => r.allocationId)).toEqual([
      'plan-old-a1',
      'plan-old-a2',
    ]);
    // A cancelled order takes back everything its members have that holds or asks for hours.
    expect(openAllocations(previous).map((r) => r.allocationId)).toEqual(['plan-old-a0', 'plan-old-a1', 'plan-old-a2']);
  });
});

describe('allocation ids across versions', () => {
  const planned = (memberId: string, operationIndex: number, quantity: number, hours: number) => ({
    memberId,
    jointOrderId: 'jo-1',
    operationIndex,
    process: (operationIndex === 0 ? 'CASTING' : 'HEAT_TREATMENT') as 'CASTING' | 'HEAT_TREATMENT',
    weekStart: '2026-11-30',
    quantity,
    hours,
    cost: hours * 10,
  });

  it('keeps the member-side id and status of kept work and derives new ids from the plan id', () => {
    const kept = [row(3, 'heat', 1, 'ACCEPTED', { quantity: 100, hours: 20 })];
    const rows = assignAllocationIds('plan-new', [planned('heat', 1, 100, 20), planned('cast2', 0, 100, 50)], kept);
    expect(rows.map((r) => [r.position, r.allocationId, r.memberId, r.status ?? 'NOT_PROPOSED'])).toEqual([
      [0, 'plan-new-a0', 'cast2', 'NOT_PROPOSED'],
      [1, 'plan-old-a3', 'heat', 'ACCEPTED'],
    ]);
  });

  it('splits extra work in a kept bucket into a new allocation', () => {
    const kept = [row(0, 'cast', 0, 'ACCEPTED', { quantity: 60, hours: 30 })];
    const rows = assignAllocationIds('plan-new', [planned('cast', 0, 100, 50)], kept);
    expect(rows.map((r) => [r.allocationId, r.quantity, r.hours])).toEqual([
      ['plan-old-a0', 60, 30],
      ['plan-new-a1', 40, 20],
    ]);
  });
});

describe('planner input from the gateway’s capacity', () => {
  const member = (id: string, process: 'CASTING', actual: number, committed: number, price: number | null) => ({
    id,
    region: 'Busan',
    capabilities: [{ process, certifications: [] }],
    capacity: [
      {
        process,
        weekStart: '2026-11-30',
        actualHours: actual,
        maximumHours: actual,
        committedHours: committed,
        availableHours: Math.max(0, actual - committed),
        flexibleHours: 0,
        pricePerHour: price,
      },
    ],
  });

  it('gives back own committed hours, takes out other proposals, blocks decliners and prices unknown buckets dearly', () => {
    const input = buildPlanInput({
      orders: [],
      members: [member('a', 'CASTING', 100, 80, 50), member('b', 'CASTING', 100, 0, null), member('c', 'CASTING', 100, 30, 40)],
      weeks: ['2026-11-30'],
      ownCommittedHours: new Map([
        ['a|CASTING|2026-11-30', 30],
        ['c|CASTING|2026-11-30', 10],
      ]),
      reservedHours: new Map([['b|CASTING|2026-11-30', 25]]),
      blocked: new Set(['c|CASTING']),
    });
    expect(input.members.map((m) => [m.id, m.capacity[0]!.availableHours, m.capacity[0]!.pricePerHour])).toEqual([
      ['a', 50, 50],
      ['b', 75, 50],
      ['c', 10, 40],
    ]);
  });

  it('gives back the hours of accepted work this re-plan withdraws (a capacity cut), except where the member is blocked', () => {
    // a cut CASTING to 50 h with 70 h committed (30 pinned + 40 broken): 50 − 70 + 30 + 40 = 50 free.
    const input = buildPlanInput({
      orders: [],
      members: [member('a', 'CASTING', 50, 70, 50), member('c', 'CASTING', 100, 40, 40)],
      weeks: ['2026-11-30'],
      ownCommittedHours: new Map([['a|CASTING|2026-11-30', 30]]),
      releasedHours: new Map([
        ['a|CASTING|2026-11-30', 40],
        ['c|CASTING|2026-11-30', 40],
      ]),
      blocked: new Set(['c|CASTING']),
    });
    expect(input.members.map((m) => [m.id, m.capacity[0]!.availableHours])).toEqual([
      ['a', 50],
      ['c', 0],
    ]);
  });
});
