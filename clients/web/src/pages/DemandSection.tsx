import { useMemo } from 'react';
import { useQuery } from 'urql';
import { DemandCapacityDocument, type DemandCapacityStatus } from '@clustergraph/sdk';
import { ApiErrors } from '../components/ApiErrors.tsx';
import { Chart, type ChartOption } from '../charts/Chart.tsx';
import { useI18n } from '../i18n/useI18n.ts';
import { PLANNING } from '../urqlClient.ts';

const MARK: Record<DemandCapacityStatus, string> = { OK: '', BOTTLENECK_FLEXIBLE: '◆', BOTTLENECK: '▲' };
/** Colour code per cell (visualMap dimension 5): 0 no demand, then by DCM status. */
const CODE: Record<DemandCapacityStatus, number> = { OK: 1, BOTTLENECK_FLEXIBLE: 2, BOTTLENECK: 3 };

/** Demand of open joint orders against summed capacity (demandCapacity), with the DCM marks. */
export function DemandSection({ from, to, weeks }: { from: string; to: string; weeks: readonly string[] }) {
  const { t, fmt, label } = useI18n();
  const processLabel = (process: string) => label('ProcessType', process);
  const [{ data, error, fetching }] = useQuery({ query: DemandCapacityDocument, variables: { from, to }, context: PLANNING });
  const buckets = useMemo(() => data?.demandCapacity ?? [], [data]);
  const processes = useMemo(() => [...new Set(buckets.filter((b) => b.demandHours > 0 || b.actualHours > 0).map((b) => b.process))].sort(), [buckets]);
  const cell = (process: string, week: string) => buckets.find((b) => b.process === process && b.weekStart === week);

  const option: ChartOption = useMemo(
    () => ({
      tooltip: {
        formatter: (p: { data: [number, number, number, DemandCapacityStatus] }) => {
          const b = cell(processes[p.data[1]]!, weeks[p.data[0]]!);
          if (!b) return '';
          const hours = { demand: fmt.hours(b.demandHours), actual: fmt.hours(b.actualHours), maximum: fmt.hours(b.maximumHours) };
          return `<b>${processLabel(b.process)}</b> · ${fmt.week(b.weekStart)}<br/>${t('capacity:demand.tooltip', hours)}<br/>${`${MARK[b.status]} ${label('DemandCapacityStatus', b.status)}`.trim()}`;
        },
      },
      grid: { left: 150, right: 20, top: 10, bottom: 60 },
      visualMap: {
        type: 'piecewise',
        dimension: 5,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        pieces: [
          { value: 0, label: t('capacity:demand.noDemand'), color: '#f3f6fa' },
          { value: 1, label: t('capacity:demand.fine'), color: '#b7dfc4' },
          { value: 2, label: `◆ ${t('capacity:demand.flexible')}`, color: '#f2c86b' },
          { value: 3, label: `▲ ${t('capacity:demand.bottleneck')}`, color: '#e88b8b' },
        ],
      },
      xAxis: { type: 'category', data: weeks.map(fmt.week), splitArea: { show: true } },
      yAxis: { type: 'category', data: processes.map(processLabel), splitArea: { show: true } },
      series: [
        {
          type: 'heatmap',
          name: t('capacity:demand.series'),
          data: processes.flatMap((p, y) =>
            weeks.map((w, x) => {
              const b = cell(p, w);
              return [x, y, Math.round(b?.demandHours ?? 0), b?.status ?? 'OK', Math.round(b?.actualHours ?? 0), b && b.demandHours > 0 ? CODE[b.status] : 0];
            }),
          ),
          label: {
            show: true,
            formatter: (p: { value: [number, number, number, DemandCapacityStatus, number, number] }) =>
              `${p.value[2]}/${p.value[4]}${MARK[p.value[3]] ? ` ${MARK[p.value[3]]}` : ''}`,
          },
        },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [buckets, processes, weeks, t, fmt],
  );

  const bottlenecks = buckets.filter((b) => b.status !== 'OK' && b.demandHours > 0);
  return (
    <section className="card" data-testid="demand-capacity">
      <h2>{t('capacity:demand.title')}</h2>
      <p className="muted small">{t('capacity:demand.intro')}</p>
      <ApiErrors error={error} data={data} />
      {fetching && !data && <p>{t('capacity:demand.loading')}</p>}
      {processes.length > 0 && <Chart testId="demand-heatmap" option={option} style={{ height: Math.max(180, 80 + processes.length * 34) }} />}
      {data && bottlenecks.length === 0 && <p className="muted">{t('capacity:demand.noBottleneck')}</p>}
      {bottlenecks.length > 0 && (
        <ul data-testid="bottlenecks">
          {bottlenecks.map((b) => (
            <li key={`${b.process}${b.weekStart}`} className={b.status === 'BOTTLENECK' ? 'dcm-bottleneck' : 'dcm-flexible'}>
              {MARK[b.status]}{' '}
              {t('capacity:demand.bottleneckLine', {
                process: processLabel(b.process),
                week: fmt.week(b.weekStart),
                demand: fmt.hours(b.demandHours),
                actual: fmt.hours(b.actualHours),
                maximum: fmt.hours(b.maximumHours),
                surplus: fmt.hours(b.surplusHours),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
