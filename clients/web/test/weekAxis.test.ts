import { describe, expect, it } from 'vitest';
import { weekAxis } from '../src/charts/weekAxis.ts';

describe('Gantt week axis', () => {
  it('has one tick per ISO week, each labelled with its week and Monday', () => {
    // 2026-11-25 is a Wednesday of W48; 2026-12-31 a Thursday of W53 (2026 has 53 weeks).
    const axis = weekAxis(['2026-12-31', '2026-11-25', '2026-12-07']);
    expect(axis.mondays).toEqual(['2026-11-23', '2026-11-30', '2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28']);
    const labels = axis.mondays.map((_, i) => axis.label(i));
    expect(labels).toEqual(['W48\n23 Nov', 'W49\n30 Nov', 'W50\n7 Dec', 'W51\n14 Dec', 'W52\n21 Dec', 'W53\n28 Dec']);
    expect(new Set(labels).size).toBe(labels.length);
    expect(axis.label(6)).toBe(''); // the closing tick after the last week
    expect(axis.label(0.5)).toBe('');
  });

  it('places dates within their week', () => {
    const axis = weekAxis(['2026-11-23', '2026-12-07']);
    expect(axis.x('2026-11-23')).toBe(0);
    expect(axis.x('2026-12-07')).toBe(2);
    expect(axis.x('2026-12-10')).toBeCloseTo(2 + 3 / 7);
  });
});
