import { addDays, addWeeks, isoWeekLabel, mondayOf } from '@clustergraph/sdk';
import type { Translate } from '@clustergraph/i18n';
import type { ChartOption } from './Chart.tsx';

/** What the chart reads of a ProductionRecord. */
export interface ProductionRow {
  lineId: string;
  shiftStart: string;
  goodQuantity: number;
  scrapQuantity?: number | null;
}

/** How far back the member page shows production. */
export const PRODUCTION_WEEKS = 6;
const PRODUCTION_DAYS = PRODUCTION_WEEKS * 7;

/**
 * Good and scrap per day from per-shift records, or per ISO week when the owner serves weekly
 * totals (an AGGREGATED grant: lineId "*", one record per complete week at its Monday). A
 * weekly total drawn on a day axis would read as a one-day spike followed by idle days.
 */
export function productionChart(records: readonly ProductionRow[], today: string, { t }: { t: Translate }): ChartOption {
  const weekly = records.some((r) => r.lineId === '*');
  const bucketOf = (iso: string) => (weekly ? mondayOf(iso.slice(0, 10)) : iso.slice(0, 10));
  const first = addDays(today, -PRODUCTION_DAYS);
  const buckets = weekly
    ? Array.from({ length: PRODUCTION_DAYS / 7 + 1 }, (_, i) => addWeeks(mondayOf(first), i)).filter((w) => w <= today)
    : Array.from({ length: PRODUCTION_DAYS + 1 }, (_, i) => addDays(first, i));
  const good = new Map<string, number>();
  const scrap = new Map<string, number>();
  for (const r of records) {
    const bucket = bucketOf(r.shiftStart);
    good.set(bucket, (good.get(bucket) ?? 0) + r.goodQuantity);
    scrap.set(bucket, (scrap.get(bucket) ?? 0) + (r.scrapQuantity ?? 0));
  }
  // A week not served (the running one, or before the data starts) has no bar, not a zero.
  const value = (map: Map<string, number>, bucket: string) => (weekly && !good.has(bucket) ? null : (map.get(bucket) ?? 0));
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 60, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: buckets.map((b) => (weekly ? isoWeekLabel(b).slice(5) : b.slice(5))) },
    yAxis: { type: 'value', name: weekly ? t('member:production.perWeek') : t('member:production.perDay') },
    series: [
      { name: t('member:production.good'), type: 'bar', stack: 'q', data: buckets.map((b) => value(good, b)), itemStyle: { color: '#2e9d5b' } },
      { name: t('member:production.scrap'), type: 'bar', stack: 'q', data: buckets.map((b) => value(scrap, b)), itemStyle: { color: '#d64545' } },
    ],
  };
}
