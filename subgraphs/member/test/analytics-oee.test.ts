import { describe, expect, it } from 'vitest';
import { combineOee, computeOeeWeeks, eventDowntimeForShifts } from '../src/analytics/oee.ts';
import type { LineEventsSource } from '../src/analytics/lineEvents.ts';
import { forecastWeek, weeklyOeeByProcess } from '../src/analytics/capacityForecast.ts';
import { plantWeekOf } from '../src/analytics/time.ts';

// Hand-computed ISO 22400 figures. Line rated 30 units/h: planned run time per item 2 min.
// Shifts are KST: Monday 06:00 KST is Sunday 21:00 UTC and belongs to Monday's week.
const kst = (local: string) => new Date(Date.parse(`${local}Z`) - 9 * 3_600_000);
const S1 = { shiftStart: kst('2026-03-02T06:00:00'), runMinutes: 400, downMinutes: 40, goodQuantity: 180, scrapQuantity: 10 };
const S2 = { shiftStart: kst('2026-03-02T14:00:00'), runMinutes: 420, downMinutes: 20, goodQuantity: 190, scrapQuantity: 5 };
const S3 = { shiftStart: kst('2026-03-09T06:00:00'), runMinutes: 300, downMinutes: 140, goodQuantity: 100, scrapQuantity: 20 };

describe('OEE per line and ISO week (ISO 22400-2)', () => {
  it('buckets shifts by the KST week', () => {
    expect(S3.shiftStart.toISOString()).toBe('2026-03-08T21:00:00.000Z');
    expect(plantWeekOf(S3.shiftStart)).toBe('2026-03-09');
  });

  it('computes A, P, Q and OEE from shift records', () => {
    const [w1, w2] = computeOeeWeeks('cell-1', 30, [S1, S2, S3]);
    // Week of 2 March: PBT 880, down 60, APT 820, produced 385, good 370.
    expect(w1).toMatchObject({
      weekStart: '2026-03-02',
      shifts: 2,
      plannedBusyMinutes: 880,
      runMinutes: 820,
      downMinutes: 60,
      producedQuantity: 385,
      goodQuantity: 370,
      scrapQuantity: 15,
    });
    expect(w1!.plannedRunMinutesPerItem).toBe(2);
    expect(w1!.availability).toBeCloseTo(820 / 880, 10); // 0.9318
    expect(w1!.performance).toBeCloseTo((2 * 385) / 820, 10); // 0.9390
    expect(w1!.quality).toBeCloseTo(370 / 385, 10); // 0.9610
    expect(w1!.oee).toBeCloseTo((2 * 370) / 880, 10); // 0.8409 = PRI × good ÷ PBT
    expect(w1!.downtimeSource).toBe('PRODUCTION_RECORDS');
    // Week of 9 March: A 300/440, P 240/300, Q 100/120, OEE 200/440.
    expect(w2!.availability).toBeCloseTo(0.681818, 6);
    expect(w2!.performance).toBeCloseTo(0.8, 10);
    expect(w2!.quality).toBeCloseTo(0.833333, 6);
    expect(w2!.oee).toBeCloseTo(0.454545, 6);
  });

  it('takes DOWN time from line events for the shifts they cover', async () => {
    // RUNNING since 05:00, DOWN 06:30–08:30, RUNNING after: 120 min down instead of the reported 140.
    const events = fakeEvents([
      { lineId: 'cell-1', at: kst('2026-03-09T05:00:00'), state: 'RUNNING' },
      { lineId: 'cell-1', at: kst('2026-03-09T06:30:00'), state: 'DOWN' },
      { lineId: 'cell-1', at: kst('2026-03-09T08:30:00'), state: 'RUNNING' },
    ]);
    const downtime = await eventDowntimeForShifts(events, 'cell-1', [S1.shiftStart, S3.shiftStart]);
    // The events say nothing about the state at S1's start, so S1 keeps its record.
    expect([...downtime]).toEqual([[S3.shiftStart.getTime(), 120]]);
    const [w1, w2] = computeOeeWeeks('cell-1', 30, [S1, S2, S3], downtime);
    expect(w1!.downtimeSource).toBe('PRODUCTION_RECORDS');
    expect(w2).toMatchObject({ downtimeSource: 'LINE_EVENTS', runMinutes: 320, downMinutes: 120 });
    expect(w2!.availability).toBeCloseTo(320 / 440, 10);
    expect(w2!.performance).toBeCloseTo(240 / 320, 10);
    expect(w2!.oee).toBeCloseTo(200 / 440, 10);
  });

  it('leaves performance and OEE null without a rated speed, and sums weeks as totals', () => {
    const [unrated] = computeOeeWeeks('cell-2', null, [S1]);
    expect(unrated).toMatchObject({ performance: null, oee: null, plannedRunMinutesPerItem: null });
    expect(unrated!.availability).toBeCloseTo(400 / 440, 10);
    const both = combineOee(computeOeeWeeks('cell-1', 30, [S1, S2, S3]));
    // PBT 1320, APT 1120, ideal 2 × 505 = 1010, good 470 of 505.
    expect(both.availability).toBeCloseTo(1120 / 1320, 10);
    expect(both.performance).toBeCloseTo(1010 / 1120, 10);
    expect(both.quality).toBeCloseTo(470 / 505, 10);
    expect(both.oee).toBeCloseTo(940 / 1320, 10);
  });
});

describe('capacity forecast', () => {
  it('scales available hours by mean OEE with an 80 % interval from its spread', () => {
    const f = forecastWeek({ process: 'CASTING', weekStart: '2026-03-16', availableHours: 100, committedHours: 20 }, [0.6, 0.7, 0.8]);
    // mean 0.7, sd 0.1, spread 1.2816 × 0.1 × √(4/3) = 0.14799
    expect(f.oeeRatio).toBeCloseTo(0.7, 10);
    expect(f.expectedEffectiveHours).toBeCloseTo(70, 10);
    expect(f.low).toBeCloseTo(100 * (0.7 - 0.147986), 3);
    expect(f.high).toBeCloseTo(100 * (0.7 + 0.147986), 3);
    const none = forecastWeek({ process: 'CASTING', weekStart: '2026-03-16', availableHours: 50, committedHours: 0 }, []);
    expect(none).toMatchObject({ oeeRatio: null, expectedEffectiveHours: 50, low: 50, high: 50 });
  });

  it('pools the lines of a process per week', () => {
    const weeks = [...computeOeeWeeks('a', 30, [S1, S2]), ...computeOeeWeeks('b', 30, [S3])];
    const ratios = weeklyOeeByProcess(
      new Map([
        ['a', ['CASTING']],
        ['b', ['CASTING', 'CNC_MACHINING']],
      ] as const),
      weeks,
    );
    expect(ratios.get('CASTING')).toEqual([expect.closeTo(740 / 880, 10), expect.closeTo(200 / 440, 10)]);
    expect(ratios.get('CNC_MACHINING')).toEqual([expect.closeTo(200 / 440, 10)]);
  });
});

function fakeEvents(states: Array<{ lineId: string; at: Date; state: string }>): LineEventsSource {
  return {
    available: true,
    hasReceivedAt: true,
    hasCycleTime: true,
    linesReporting: async () => new Set(states.map((s) => s.lineId)),
    latencies: async () => [],
    cycleTimes: async () => [],
    states: async (since, until, lineId) => states.filter((s) => s.at >= since && s.at < until && (!lineId || s.lineId === lineId)),
  };
}
