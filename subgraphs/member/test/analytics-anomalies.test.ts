import { describe, expect, it } from 'vitest';
import { detectInSeries, eventCycleTimeSeries, type AnomalyKind, type SeriesPoint } from '../src/analytics/anomalies.ts';
import { detectShifts } from '../src/analytics/detectors.ts';
import { between, seededRandom } from '../src/seed/random.ts';
import { generateProductionHistory, plannedShiftStarts } from '../src/seed/productionHistory.ts';
import { recordCycleTimeSeries, scrapRateSeries } from '../src/analytics/anomalies.ts';

// Synthetic shop-floor series with planted shifts and drifts of known position. Noise is
// shaped like the demo's production history: scrap rate around a line's own base with
// binomial counting noise, cycle time from a performance that wanders 82–97 %.

interface Planted {
  series: string;
  kind: AnomalyKind;
  start: number;
  end: number;
  shape: 'step' | 'ramp';
}

const SHIFTS = 320;
const T0 = Date.parse('2025-06-02T21:00:00Z');
const at = (i: number) => new Date(T0 + i * 8 * 3_600_000);

function binomial(random: () => number, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (random() < p) k++;
  return k;
}

function plantSegments(random: () => number, series: string, kind: AnomalyKind): Planted[] {
  const planted: Planted[] = [];
  const count = random() < 0.2 ? 0 : random() < 0.55 ? 1 : 2;
  let cursor = 40;
  for (let n = 0; n < count; n++) {
    const start = cursor + Math.floor(between(random, 10, 90));
    const length = Math.floor(between(random, 15, 40));
    if (start + length + 20 >= SHIFTS) break;
    planted.push({ series, kind, start, end: start + length - 1, shape: kind === 'CYCLE_TIME_DRIFT' && random() < 0.4 ? 'ramp' : 'step' });
    cursor = start + length + 30;
  }
  return planted;
}

/** Effect of a planted segment at point i: 0 outside, up to `size` inside (a ramp climbs over its first 60 %). */
function effectAt(p: Planted, i: number, size: number): number {
  if (i < p.start || i > p.end) return 0;
  if (p.shape === 'step') return size;
  const climb = Math.max(1, Math.floor((p.end - p.start + 1) * 0.6));
  return size * Math.min(1, (i - p.start + 1) / climb);
}

function syntheticFixture(seed: string, seriesCount: number) {
  const random = seededRandom(seed);
  const series: Array<{ id: string; kind: AnomalyKind; points: SeriesPoint[] }> = [];
  const planted: Planted[] = [];
  for (let s = 0; s < seriesCount; s++) {
    const kind: AnomalyKind = s % 2 === 0 ? 'SCRAP_RATE_SHIFT' : 'CYCLE_TIME_DRIFT';
    const id = `line-${s}`;
    const plants = plantSegments(random, id, kind);
    planted.push(...plants);
    const sizes = plants.map(() => (kind === 'SCRAP_RATE_SHIFT' ? between(random, 0.8, 2.0) : (random() < 0.75 ? 1 : -1) * between(random, 0.1, 0.2)));
    const baseScrap = between(random, 0.012, 0.03);
    const unitsPerHour = between(random, 12, 90);
    const points: SeriesPoint[] = [];
    for (let i = 0; i < SHIFTS; i++) {
      const effect = plants.reduce((sum, p, j) => sum + effectAt(p, i, sizes[j]!), 0);
      const runMinutes = 440 - Math.round(between(random, 5, 35));
      if (kind === 'SCRAP_RATE_SHIFT') {
        const produced = Math.floor(unitsPerHour * (runMinutes / 60) * between(random, 0.82, 0.97));
        const p = Math.min(0.5, Math.max(0.002, (baseScrap + between(random, -0.006, 0.008)) * (1 + effect)));
        const scrap = binomial(random, produced, p);
        points.push({ at: at(i), value: scrap / produced });
      } else {
        const performance = between(random, 0.82, 0.97) / (1 + effect);
        points.push({ at: at(i), value: 3600 / (unitsPerHour * performance) });
      }
    }
    series.push({ id, kind, points });
  }
  return { series, planted };
}

/** A detection matches a planted segment of the same series when they overlap (± 3 shifts). */
function score(planted: readonly Planted[], detected: ReadonlyArray<{ series: string; start: number; end: number }>) {
  const overlaps = (p: Planted, d: { series: string; start: number; end: number }) => p.series === d.series && d.start <= p.end + 3 && d.end >= p.start - 3;
  const found = planted.filter((p) => detected.some((d) => overlaps(p, d))).length;
  const correct = detected.filter((d) => planted.some((p) => overlaps(p, d))).length;
  return {
    planted: planted.length,
    detected: detected.length,
    recall: planted.length ? found / planted.length : 1,
    precision: detected.length ? correct / detected.length : 1,
  };
}

describe('anomaly detection on synthetic series with planted shifts', () => {
  it('finds planted scrap-rate shifts and cycle-time drifts (precision and recall printed)', () => {
    const { series, planted } = syntheticFixture('analytics-fixture-v1', 80);
    const detected = series.flatMap((s) =>
      detectInSeries(s.id, s.kind, 'PRODUCTION_RECORDS', s.points).map((a) => {
        const index = (d: Date) => s.points.findIndex((p) => p.at.getTime() === d.getTime());
        return { series: s.id, kind: a.kind, start: index(a.start), end: a.end ? index(a.end) : SHIFTS - 1 };
      }),
    );
    const lines: string[] = [];
    const results: Record<string, ReturnType<typeof score>> = {};
    for (const kind of ['SCRAP_RATE_SHIFT', 'CYCLE_TIME_DRIFT', 'ALL'] as const) {
      const p = kind === 'ALL' ? planted : planted.filter((x) => x.kind === kind);
      const d = kind === 'ALL' ? detected : detected.filter((x) => x.kind === kind);
      const r = score(p, d);
      results[kind] = r;
      lines.push(
        `${kind.padEnd(17)} planted ${String(r.planted).padStart(3)}  detected ${String(r.detected).padStart(3)}  recall ${r.recall.toFixed(3)}  precision ${r.precision.toFixed(3)}`,
      );
    }
    if (process.env['CG_DEBUG_ANOMALIES']) {
      for (const d of detected) {
        if (planted.some((p) => p.series === d.series && d.start <= p.end + 3 && d.end >= p.start - 3)) continue;
        const near = planted.filter((p) => p.series === d.series).map((p) => `${p.shape} ${p.start}-${p.end}`);
        console.log('false', d, near);
      }
    }
    console.log(`anomaly detection, ${series.length} synthetic series × ${SHIFTS} shifts:\n  ${lines.join('\n  ')}`);
    expect(results['ALL']!.recall).toBeGreaterThanOrEqual(0.9);
    expect(results['ALL']!.precision).toBeGreaterThanOrEqual(0.8);
    for (const kind of ['SCRAP_RATE_SHIFT', 'CYCLE_TIME_DRIFT']) {
      expect(results[kind]!.recall, kind).toBeGreaterThanOrEqual(0.9);
      expect(results[kind]!.precision, kind).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('stays quiet on the demo production history, which has no planted shift', () => {
    const lines = Array.from({ length: 12 }, (_, i) => ({ id: `l${i}`, processes: ['CASTING' as const], ratedUnitsPerHour: 10 + i * 7 }));
    const shifts = plannedShiftStarts(new Date('2025-01-06T00:00:00Z'), new Date('2025-07-06T00:00:00Z'));
    const history = generateProductionHistory(lines, shifts, 'quiet-check');
    let alarms = 0;
    for (const line of lines) {
      const own = history.filter((r) => r.lineId === line.id);
      alarms += detectInSeries(line.id, 'SCRAP_RATE_SHIFT', 'PRODUCTION_RECORDS', scrapRateSeries(own)).length;
      alarms += detectInSeries(line.id, 'CYCLE_TIME_DRIFT', 'PRODUCTION_RECORDS', recordCycleTimeSeries(own)).length;
    }
    const seriesShifts = lines.length * 2 * (history.length / lines.length);
    console.log(
      `false alarms on ${lines.length} quiet lines × 2 series × ${history.length / lines.length} shifts: ${alarms} (${((alarms / seriesShifts) * 1000).toFixed(2)} per 1000 shifts)`,
    );
    expect(alarms / seriesShifts).toBeLessThan(0.005);
  });

  it('dates a step at the change point and measures its size', () => {
    const values = [
      ...Array.from({ length: 40 }, (_, i) => 100 + (i % 5) - 2),
      ...Array.from({ length: 20 }, (_, i) => 120 + (i % 5) - 2),
      ...Array.from({ length: 20 }, (_, i) => 100 + (i % 5) - 2),
    ];
    const { shifts } = detectShifts(values);
    expect(shifts).toHaveLength(1);
    expect(shifts[0]!.startIndex).toBeGreaterThanOrEqual(37);
    expect(shifts[0]!.startIndex).toBeLessThanOrEqual(41);
    expect(shifts[0]!.endIndex).toBe(59);
    expect(shifts[0]!.ongoing).toBe(false);
    expect(shifts[0]!.relativeEffect).toBeCloseTo(0.2, 1);
  });

  it('averages event cycle times per 8 h shift from 06:00 KST', () => {
    // 05:59 KST belongs to the night shift that began 22:00 KST the day before.
    const kst = (s: string) => new Date(Date.parse(`${s}Z`) - 9 * 3_600_000);
    const series = eventCycleTimeSeries([
      { at: kst('2026-03-02T05:59:00'), seconds: 10 },
      { at: kst('2026-03-02T05:58:00'), seconds: 20 },
      { at: kst('2026-03-02T05:57:00'), seconds: 30 },
      { at: kst('2026-03-02T06:00:00'), seconds: 50 },
      { at: kst('2026-03-02T07:00:00'), seconds: 60 },
      { at: kst('2026-03-02T13:59:00'), seconds: 70 },
    ]);
    expect(series).toEqual([
      { at: kst('2026-03-01T22:00:00'), value: 20 },
      { at: kst('2026-03-02T06:00:00'), value: 60 },
    ]);
  });
});
