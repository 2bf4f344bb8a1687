import { describe, expect, it } from 'vitest';
import type { ForwardedAuth } from '@clustergraph/runtime';
import type { JointOrderRow, PlannedAllocationRow, ProductionPlanRow } from '../src/db/planning.ts';
import { allocationProposal, requireAllocationReader } from '../src/planning/allocationProposal.ts';

const order = {
  id: 'jo-1',
  code: 'JO-1',
  customer: 'EV Motors',
  product: 'Motor housing',
  quantity: 300,
  dueDate: '2026-12-28',
  routing: [
    { process: 'CASTING', hoursPerUnit: 0.2, setupHours: 2, minLotSize: 1, certification: null, transportDaysToNext: 1 },
    { process: 'HEAT_TREATMENT', hoursPerUnit: 0.1, setupHours: 0, minLotSize: 1, certification: null, transportDaysToNext: 2 },
    { process: 'CNC_MACHINING', hoursPerUnit: 0.3, setupHours: 0, minLotSize: 1, certification: null, transportDaysToNext: 0 },
  ],
} as unknown as JointOrderRow;
const plan = { id: 'plan-2', version: 2 } as ProductionPlanRow;
const row = (memberId: string, operationIndex: number, weekStart: string, quantity: number, status = 'PROPOSED', hours = 10, cost = 520_000) =>
  ({
    planId: 'plan-2',
    allocationId: `${memberId}-${operationIndex}-${weekStart}`,
    memberId,
    jointOrderId: 'jo-1',
    operationIndex,
    weekStart,
    quantity,
    hours,
    cost,
    status,
  }) as unknown as PlannedAllocationRow;

describe("an allocation's proposal", () => {
  const rows = [
    row('cast', 0, '2026-12-07', 300),
    row('heat', 1, '2026-12-14', 200, 'PROPOSED', 20, 1_040_000),
    row('sejin', 1, '2026-12-14', 100, 'DECLINED'),
    row('heat2', 1, '2026-12-21', 100),
    row('mirae', 2, '2026-12-21', 300),
  ];

  it('names the order, the price and who does the operations before and after', () => {
    const proposal = allocationProposal(order, plan, rows[1]!, rows);
    expect(proposal).toMatchObject({
      orderCode: 'JO-1',
      customer: 'EV Motors',
      product: 'Motor housing',
      orderQuantity: 300,
      dueDate: '2026-12-28',
      planVersion: 2,
      price: 1_040_000,
      pricePerHour: 52_000,
    });
    expect(proposal.previousOperation).toEqual({
      operationIndex: 0,
      process: 'CASTING',
      transportDaysToNext: 1,
      assignments: [{ memberId: 'cast', weekStart: '2026-12-07', quantity: 300 }],
    });
    expect(proposal.nextOperation?.assignments).toEqual([{ memberId: 'mirae', weekStart: '2026-12-21', quantity: 300 }]);
    // A declined allocation is no one's work: not among the neighbours.
    const fromMirae = allocationProposal(order, plan, rows[4]!, rows);
    expect(fromMirae.previousOperation?.assignments.map((a) => a.memberId)).toEqual(['heat', 'heat2']);
    expect(fromMirae.nextOperation).toBeNull();
    expect(allocationProposal(order, plan, rows[0]!, rows).previousOperation).toBeNull();
  });

  it('is for the allocated firm and the leader only', () => {
    const as = (memberId: string | null): ForwardedAuth => ({
      viewer: memberId ? ({ memberId, userId: `admin@${memberId}`, roles: ['admin'], memberRoles: [] } as never) : null,
      purpose: 'JOINT_PLANNING',
      system: false,
    });
    expect(() => requireAllocationReader(as('heat'), 'heat', 'lead')).not.toThrow();
    expect(() => requireAllocationReader(as('lead'), 'heat', 'lead')).not.toThrow();
    expect(() => requireAllocationReader(as('cast'), 'heat', 'lead')).toThrow(/allocated firm/);
    expect(() => requireAllocationReader(as(null), 'heat', 'lead')).toThrow(/allocated firm/);
    expect(() => requireAllocationReader(as('cast'), 'heat', null)).toThrow(/allocated firm/);
  });
});
