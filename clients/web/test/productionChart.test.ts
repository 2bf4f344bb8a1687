import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { createI18n, type Translate } from '@clustergraph/i18n';
import { cataloguesIn } from '@clustergraph/i18n/testing';
import { productionChart } from '../src/charts/productionChart.ts';

const i18n = createI18n({
  language: 'en',
  catalogues: cataloguesIn(fileURLToPath(new URL('../src/i18n/locales', import.meta.url))),
  defaultNamespace: 'common',
});
const words = { t: ((key, values) => i18n.t(key, values ?? {})) as Translate };

type Series = { name: string; data: Array<number | null> };
const seriesOf = (option: ReturnType<typeof productionChart>) => (option as { series: Series[] }).series;
const categories = (option: ReturnType<typeof productionChart>) => (option as { xAxis: { data: string[] } }).xAxis.data;

describe('member production chart', () => {
  const today = '2026-12-06'; // a Sunday of W49

  it('draws weekly totals (AGGREGATED, lineId "*") as one bar per ISO week', () => {
    const weekly = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'].map((monday, i) => ({
      lineId: '*',
      shiftStart: `${monday}T00:00:00Z`,
      goodQuantity: 1000 + i,
      scrapQuantity: 10,
    }));
    const option = productionChart(weekly, today, words);
    expect(categories(option)).toEqual(['W43', 'W44', 'W45', 'W46', 'W47', 'W48', 'W49']);
    const good = seriesOf(option).find((s) => s.name === 'Good')!.data;
    // Weeks served have their total; weeks not served (before the data, the running week) have no bar, not a zero.
    expect(good).toEqual([null, null, 1000, 1001, 1002, 1003, null]); // W45 (2 Nov) to W48; W49 is running
  });

  it('draws per-shift records per day', () => {
    const shifts = [
      { lineId: 'l1', shiftStart: '2026-12-03T06:00:00Z', goodQuantity: 100, scrapQuantity: 2 },
      { lineId: 'l2', shiftStart: '2026-12-03T14:00:00Z', goodQuantity: 50, scrapQuantity: null },
    ];
    const option = productionChart(shifts, today, words);
    const days = categories(option);
    expect(days).toHaveLength(43);
    expect(days.at(-1)).toBe('12-06');
    const good = seriesOf(option).find((s) => s.name === 'Good')!.data;
    expect(good[days.indexOf('12-03')]).toBe(150);
    expect(good[days.indexOf('12-04')]).toBe(0);
  });
});
