import { describe, expect, it } from 'vitest';
import { buildDemandCapacity, classifyDcm, spreadOrderDemand, type DemandOrder } from '../src/planning/demand.ts';
import { PROCESS_TYPES } from '../src/solver/index.ts';
import type { StoredOperation } from '../src/db/planning.ts';

const op = (process: StoredOperation['process'], hoursPerUnit: number, extra: Partial<StoredOperation> = {}): StoredOperation => ({
  process,
  hoursPerUnit,
  setupHours: 0,
  minLotSize: 1,
  certification: null,
  transportDaysToNext: 0,
  ...extra,
});

// 2026-12-18 is the Friday of ISO week 51 (Monday 2026-12-14).
const ORDER: DemandOrder = {
  id: 'jo-1',
  quantity: 100,
  dueDate: '2026-12-18',
  routing: [op('CASTING', 0.5, { setupHours: 4, transportDaysToNext: 3 }), op('HEAT_TREATMENT', 0.2), op('ASSEMBLY', 1)],
};

describe('DCM classification', () => {
  it('follows the Catena-X rule at its boundaries', () => {
    expect(classifyDcm(80, 80, 100)).toBe('OK');
    expect(classifyDcm(80.5, 80, 100)).toBe('BOTTLENECK_FLEXIBLE');
    expect(classifyDcm(100, 80, 100)).toBe('BOTTLENECK_FLEXIBLE');
    expect(classifyDcm(100.5, 80, 100)).toBe('BOTTLENECK');
    expect(classifyDcm(0, 0, 0)).toBe('OK');
    expect(classifyDcm(1, 0, 0)).toBe('BOTTLENECK');
  });
});

describe('demand spreading', () => {
  it('schedules unplanned operations backwards from the due date, one week each plus transport weeks', () => {
    const entries = spreadOrderDemand(ORDER, [], '2026-11-02');
    expect(entries.map((e) => [e.process, e.weekStart, e.hours])).toEqual([
      // Casting: one week before heat treatment plus 3 transport days (→ 1 week): 2 weeks before.
      ['CASTING', '2026-11-23', 54],
      ['HEAT_TREATMENT', '2026-12-07', 20],
      ['ASSEMBLY', '2026-12-14', 100],
    ]);
  });

  it('moves weeks already past to the current week', () => {
    const entries = spreadOrderDemand(ORDER, [], '2026-12-09');
    expect(entries.map((e) => e.weekStart)).toEqual(['2026-12-07', '2026-12-07', '2026-12-14']);
  });

  it('takes planned operations from their allocations, week by week', () => {
    const planned = [
      { operationIndex: 0, weekStart: '2026-11-23', hours: 30 },
      { operationIndex: 0, weekStart: '2026-11-30', hours: 26 },
    ];
    const entries = spreadOrderDemand(ORDER, planned, '2026-11-02');
    expect(entries.filter((e) => e.process === 'CASTING').map((e) => [e.weekStart, e.hours])).toEqual([
      ['2026-11-23', 30],
      ['2026-11-30', 26],
    ]);
    expect(entries.find((e) => e.process === 'ASSEMBLY')?.weekStart).toBe('2026-12-14');
  });
});

describe('demand against capacity', () => {
  const capacity = (
    memberId: string,
    process: StoredOperation['process'],
    weekStart: string,
    actualHours: number,
    maximumHours: number,
    committedHours = 0,
  ) => ({
    memberId,
    process,
    weekStart,
    actualHours,
    maximumHours,
    committedHours,
    availableHours: Math.max(0, actualHours - committedHours),
    flexibleHours: maximumHours - actualHours,
  });

  it('sums members per process and week and classifies each bucket', () => {
    const buckets = buildDemandCapacity({
      from: '2026-11-23',
      to: '2026-12-20',
      demand: spreadOrderDemand(ORDER, [], '2026-11-02'),
      capacity: [
        capacity('cast-a', 'CASTING', '2026-11-23', 30, 40),
        capacity('cast-b', 'CASTING', '2026-11-23', 20, 30, 5),
        capacity('heat', 'HEAT_TREATMENT', '2026-12-07', 10, 15),
        capacity('lead', 'ASSEMBLY', '2026-12-14', 120, 150),
        // Outside the range: ignored.
        capacity('lead', 'ASSEMBLY', '2026-12-21', 120, 150),
      ],
      processOrder: PROCESS_TYPES,
    });
    expect(buckets.map((b) => [b.weekStart, b.process, b.demandHours, b.actualHours, b.maximumHours, b.surplusHours, b.status, b.memberIds])).toEqual([
      ['2026-11-23', 'CASTING', 54, 50, 70, -4, 'BOTTLENECK_FLEXIBLE', ['cast-a', 'cast-b']],
      ['2026-12-07', 'HEAT_TREATMENT', 20, 10, 15, -10, 'BOTTLENECK', ['heat']],
      ['2026-12-14', 'ASSEMBLY', 100, 120, 150, 20, 'OK', ['lead']],
    ]);
    expect(buckets[0]).toMatchObject({ isoWeek: '2026-W48', committedHours: 5, availableHours: 45, flexibleHours: 20 });
  });

  it('filters by process and keeps weeks with capacity but no demand', () => {
    const buckets = buildDemandCapacity({
      from: '2026-11-30',
      to: '2026-12-06',
      process: 'CASTING',
      demand: [],
      capacity: [capacity('cast-a', 'CASTING', '2026-11-30', 30, 40), capacity('lead', 'ASSEMBLY', '2026-11-30', 120, 150)],
      processOrder: PROCESS_TYPES,
    });
    expect(buckets).toHaveLength(1);
    expect(buckets[0]).toMatchObject({ process: 'CASTING', demandHours: 0, status: 'OK', surplusHours: 30 });
  });
  it('leaves out a member row out of bounds with a warning, and the rest stands (issue 13)', () => {
    const buckets = buildDemandCapacity({
      from: '2026-11-23',
      to: '2026-11-29',
      demand: [],
      capacity: [
        capacity('cast-a', 'CASTING', '2026-11-23', 30, 40),
        capacity('rogue', 'CASTING', '2026-11-23', 1e308, 1e308),
        { ...capacity('nan', 'CASTING', '2026-11-23', 10, 20), committedHours: Number.NaN },
        capacity('upside', 'CASTING', '2026-11-23', 50, 20),
        { ...capacity('forge', 'CASTING', '2026-11-23', 10, 20), inCapabilities: false },
      ],
      processOrder: PROCESS_TYPES,
    });
    expect(buckets).toHaveLength(1);
    expect(buckets[0]).toMatchObject({ actualHours: 30, maximumHours: 40, memberIds: ['cast-a'], status: 'OK' });
    expect(buckets[0]!.warnings).toHaveLength(4);
    expect(buckets[0]!.warnings[3]).toContain("CASTING is not among the member's capabilities");
    expect(buckets[0]!.warnings[0]).toMatch(/^member rogue: capacity of CASTING in week 2026-11-23 left out \(actualHours 1e\+308/);
    expect(buckets[0]!.warnings[1]).toContain('member nan');
    expect(buckets[0]!.warnings[2]).toContain('actualHours 50 exceed maximumHours 20');
    expect(Number.isFinite(buckets[0]!.surplusHours)).toBe(true);
  });

  it('has no warnings when every row counts', () => {
    const [bucket] = buildDemandCapacity({
      from: '2026-11-23',
      to: '2026-11-29',
      demand: [],
      capacity: [capacity('cast-a', 'CASTING', '2026-11-23', 30, 40)],
      processOrder: PROCESS_TYPES,
    });
    expect(bucket!.warnings).toEqual([]);
  });
});
