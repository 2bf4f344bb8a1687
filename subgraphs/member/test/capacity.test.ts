import { describe, expect, it } from 'vitest';
import { computeCapacityBuckets, type AllocationLoad, type CalendarWeek } from '../src/capacity/buckets.ts';

const week = (
  process: CalendarWeek['process'],
  weekStart: string,
  actualHours: number,
  maximumHours: number,
  pricePerHour: number | null = null,
): CalendarWeek => ({
  process,
  weekStart,
  actualHours,
  maximumHours,
  pricePerHour,
});
const load = (process: AllocationLoad['process'], weekStart: string, hours: number, status: AllocationLoad['status']): AllocationLoad => ({
  process,
  weekStart,
  hours,
  status,
});

describe('capacity arithmetic (pure)', () => {
  it('derives committed, available and flexible hours per process and week', () => {
    const buckets = computeCapacityBuckets({
      from: '2026-03-02',
      to: '2026-03-08',
      calendar: [week('CASTING', '2026-03-02', 100, 140, 70_000)],
      allocations: [load('CASTING', '2026-03-02', 30, 'ACCEPTED'), load('CASTING', '2026-03-02', 15, 'IN_PROGRESS')],
    });
    expect(buckets).toEqual([
      {
        process: 'CASTING',
        weekStart: '2026-03-02',
        actualHours: 100,
        maximumHours: 140,
        committedHours: 45,
        availableHours: 55,
        flexibleHours: 40,
        pricePerHour: 70_000,
      },
    ]);
  });

  it('counts only ACCEPTED and IN_PROGRESS allocations as committed', () => {
    const [bucket] = computeCapacityBuckets({
      from: '2026-03-02',
      to: '2026-03-02',
      calendar: [week('WELDING', '2026-03-02', 80, 100)],
      allocations: [
        load('WELDING', '2026-03-02', 10, 'PROPOSED'),
        load('WELDING', '2026-03-02', 20, 'DECLINED'),
        load('WELDING', '2026-03-02', 40, 'DONE'),
        load('WELDING', '2026-03-02', 5, 'ACCEPTED'),
      ],
    });
    expect(bucket?.committedHours).toBe(5);
    expect(bucket?.availableHours).toBe(75);
  });

  it('never reports negative available hours when over-committed', () => {
    const [bucket] = computeCapacityBuckets({
      from: '2026-03-02',
      to: '2026-03-02',
      calendar: [week('ASSEMBLY', '2026-03-02', 40, 60)],
      allocations: [load('ASSEMBLY', '2026-03-02', 55, 'ACCEPTED')],
    });
    expect(bucket).toMatchObject({ committedHours: 55, availableHours: 0, flexibleHours: 20 });
  });

  it('gives one bucket per overlapping ISO week and process, sorted by week then process', () => {
    const buckets = computeCapacityBuckets({
      // Wednesday to the next-but-one Tuesday overlaps three ISO weeks.
      from: '2026-03-04',
      to: '2026-03-17',
      calendar: [
        week('PAINTING', '2026-03-16', 10, 10),
        week('CASTING', '2026-03-02', 1, 2),
        week('PAINTING', '2026-03-02', 3, 4),
        week('CASTING', '2026-03-09', 1, 2),
        week('CASTING', '2026-03-23', 9, 9), // outside the range
      ],
      allocations: [],
    });
    expect(buckets.map((b) => `${b.weekStart} ${b.process}`)).toEqual([
      '2026-03-02 CASTING',
      '2026-03-02 PAINTING',
      '2026-03-09 CASTING',
      '2026-03-16 PAINTING',
    ]);
  });

  it('filters by process', () => {
    const buckets = computeCapacityBuckets({
      from: '2026-03-02',
      to: '2026-03-02',
      process: 'PAINTING',
      calendar: [week('CASTING', '2026-03-02', 1, 2), week('PAINTING', '2026-03-02', 3, 4)],
      allocations: [load('CASTING', '2026-03-02', 1, 'ACCEPTED')],
    });
    expect(buckets.map((b) => b.process)).toEqual(['PAINTING']);
  });

  it('shows committed work in a week with no calendar row as a zero-capacity bucket', () => {
    const buckets = computeCapacityBuckets({
      from: '2026-03-02',
      to: '2026-03-15',
      calendar: [week('CASTING', '2026-03-02', 10, 10)],
      allocations: [load('CASTING', '2026-03-09', 12, 'ACCEPTED')],
    });
    expect(buckets[1]).toEqual({
      process: 'CASTING',
      weekStart: '2026-03-09',
      actualHours: 0,
      maximumHours: 0,
      committedHours: 12,
      availableHours: 0,
      flexibleHours: 0,
      pricePerHour: null,
    });
  });

  it('returns nothing for an empty or inverted range', () => {
    expect(computeCapacityBuckets({ from: '2026-03-09', to: '2026-03-01', calendar: [week('CASTING', '2026-03-02', 1, 1)], allocations: [] })).toEqual([]);
  });
});
