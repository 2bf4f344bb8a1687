import { useMemo } from 'react';
import { useQuery, type OperationContext } from 'urql';
import { SupportProgrammesDocument, type SupportProgrammesQuery } from '@clustergraph/sdk';
import { ApiErrors, PurposeNote } from '../components/ApiErrors.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { Chart, type ChartOption } from '../charts/Chart.tsx';
import { useI18n } from '../i18n/useI18n.ts';

/** AI insights are shared with the anchor for the AI transition (the cluster's default policies). */
const AI: Partial<OperationContext> = { purpose: 'AI_TRANSITION' };

type Programme = SupportProgrammesQuery['supportProgrammes'][number];
type Supplier = Programme['suppliers'][number];
type Kpi = NonNullable<Supplier['progress']>['kpis'][number];

const signedPercent = (percent: (fraction: number) => string) => (value: number | null | undefined) =>
  value == null ? '—' : `${value > 0 ? '+' : ''}${percent(value)}`;
const figure = (value: number | null | undefined) => (value == null ? '—' : Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3));

/** The anchor's supplier programmes: each supplier's level then and now and its KPI changes, as charts and a table. */
export function ProgrammePage() {
  const { t } = useI18n();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: SupportProgrammesDocument, context: AI });
  const programmes = data?.supportProgrammes ?? [];
  return (
    <div className="page" data-testid="programme-page">
      <h1>
        {t('programme:title')} <PurposeNote purpose="AI_TRANSITION" />
      </h1>
      <p className="muted">{t('programme:intro')}</p>
      <ApiErrors error={error} data={data} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      {fetching && !data && <p>{t('programme:loading')}</p>}
      {data && programmes.length === 0 && <p className="muted">{t('ai:noProgramme')}</p>}
      {programmes.map((p) => (
        <ProgrammeView key={p.id} programme={p} />
      ))}
    </div>
  );
}

interface KpiRow {
  key: string;
  supplier: Supplier;
  kpi: Kpi;
}

function ProgrammeView({ programme }: { programme: Programme }) {
  const { t, fmt, label, firm } = useI18n();
  const percent = signedPercent((fraction) => fmt.percent(fraction, 1));
  const shown = programme.suppliers.filter((s) => s.progress && !s.progress.withheld);
  const kpiNames = useMemo(() => [...new Set(shown.flatMap((s) => s.progress!.kpis.map((k) => k.kpi)))], [shown]);
  const rows = useMemo<KpiRow[]>(
    () => programme.suppliers.flatMap((s) => (s.progress?.kpis ?? []).map((kpi) => ({ key: `${s.member.id}/${kpi.kpi}`, supplier: s, kpi }))),
    [programme],
  );

  // The axis title sits beside the axis, not above it where the legend is; the legend scrolls
  // rather than wrapping into the plot when there are many suppliers.
  const kpiChart: ChartOption = {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => percent(typeof v === 'number' ? v : null) },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 72, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: kpiNames.map((k) => label('ProgrammeKpi', k)), axisLabel: { interval: 0, hideOverlap: false } },
    yAxis: {
      type: 'value',
      name: t('programme:chart.changeAxis'),
      nameLocation: 'middle',
      nameRotate: 90,
      nameGap: 48,
      axisLabel: { formatter: (v: number) => fmt.percent(v, 0) },
    },
    series: [
      ...shown.map((s) => ({
        name: firm(s.member),
        type: 'bar' as const,
        data: kpiNames.map((k) => s.progress!.kpis.find((x) => x.kpi === k)?.change ?? null),
      })),
      {
        name: t('programme:chart.benchmark'),
        type: 'scatter' as const,
        symbol: 'diamond',
        symbolSize: 12,
        itemStyle: { color: '#17324d' },
        data: kpiNames.map((k) => shown.flatMap((s) => s.progress!.kpis.filter((x) => x.kpi === k && x.benchmark != null).map((x) => x.benchmark))[0] ?? null),
      },
    ],
  };
  // Suppliers down the side, one row each: a horizontal axis hid the names that did not fit.
  const levelChart: ChartOption = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 36, bottom: 24, containLabel: true },
    yAxis: { type: 'category', inverse: true, data: shown.map((s) => firm(s.member)), axisLabel: { interval: 0, hideOverlap: false } },
    xAxis: { type: 'value', min: 0, max: 5, interval: 1, name: t('programme:chart.level'), nameLocation: 'middle', nameGap: 22 },
    series: [
      { name: t('programme:chart.levelThen'), type: 'bar', itemStyle: { color: '#9aa5b1' }, data: shown.map((s) => s.progress!.levelThen) },
      { name: t('programme:chart.levelNow'), type: 'bar', itemStyle: { color: '#2e9d5b' }, data: shown.map((s) => s.progress!.levelNow) },
    ],
  };

  const columns: Column<KpiRow>[] = [
    { key: 'supplier', header: t('programme:column.supplier'), value: (r) => firm(r.supplier.member) },
    { key: 'kpi', header: t('programme:column.kpi'), value: (r) => label('ProgrammeKpi', r.kpi.kpi) },
    {
      key: 'baseline',
      header: t('programme:column.baseline'),
      align: 'right',
      value: (r) => r.kpi.baseline,
      render: (r) => (r.kpi.withheld ? '' : `${figure(r.kpi.baseline)} ${r.kpi.unit}`),
    },
    {
      key: 'current',
      header: t('programme:column.current'),
      align: 'right',
      value: (r) => r.kpi.current,
      render: (r) => (r.kpi.withheld ? '' : `${figure(r.kpi.current)} ${r.kpi.unit}`),
    },
    { key: 'change', header: t('programme:column.change'), align: 'right', value: (r) => r.kpi.change, render: (r) => percent(r.kpi.change) },
    { key: 'benchmark', header: t('programme:column.benchmark'), align: 'right', value: (r) => r.kpi.benchmark, render: (r) => percent(r.kpi.benchmark) },
    {
      key: 'verdict',
      header: t('programme:column.verdict'),
      value: (r) =>
        r.kpi.withheld
          ? t('programme:verdict.withheld')
          : r.kpi.improved == null
            ? t('programme:verdict.noData')
            : r.kpi.improved
              ? t('programme:verdict.improved')
              : t('programme:verdict.worse'),
      render: (r) =>
        r.kpi.withheld ? (
          <span className="missing missing-withheld">{t('ai:withheldBy', { firm: firm(r.supplier.member) })}</span>
        ) : r.kpi.improved == null ? (
          <span className="muted">{t('programme:verdict.noData')}</span>
        ) : (
          <span className={r.kpi.improved ? 'dcm-ok' : 'dcm-bottleneck'}>
            {r.kpi.improved ? t('programme:verdict.improved') : t('programme:verdict.worse')}
          </span>
        ),
    },
  ];

  return (
    <section className="card" data-testid="programme">
      <h2>
        <span translate="no">{programme.name}</span> <span className="muted">{t('ai:programmeBy', { firm: firm(programme.anchor) })}</span>
      </h2>
      <p className="muted small">
        {t('programme:periods', {
          started: fmt.date(programme.startDate),
          baselineFrom: fmt.date(programme.baseline.from),
          baselineTo: fmt.date(programme.baseline.to),
          currentFrom: fmt.date(programme.current.from),
          currentTo: fmt.date(programme.current.to),
          weeks: programme.current.weeks,
        })}
      </p>
      <div className="stats">
        {programme.suppliers.map((s) => (
          <div key={s.member.id} className={`stat ${!s.progress || s.progress.withheld ? 'bad' : ''}`} data-testid={`supplier-${s.member.id}`}>
            <b>{firm(s.member)}</b>{' '}
            {!s.progress ? (
              <span className="missing missing-unreachable">{t('ai:unreachable')}</span>
            ) : s.progress.withheld ? (
              <span className="missing missing-withheld">{t('ai:withheldBy', { firm: firm(s.member) })}</span>
            ) : (
              <span className="level">
                L{s.progress.levelThen ?? '?'} → L{s.progress.levelNow ?? '?'}
              </span>
            )}
          </div>
        ))}
      </div>
      {shown.length > 0 ? (
        <div className="two-col">
          <div>
            <h3>{t('programme:kpiChange')}</h3>
            <Chart testId="kpi-chart" renderer="svg" option={kpiChart} style={{ height: 300 }} />
          </div>
          <div>
            <h3>{t('programme:levelComputed')}</h3>
            <Chart testId="level-chart" renderer="svg" option={levelChart} style={{ height: Math.max(200, 90 + shown.length * 44) }} />
          </div>
        </div>
      ) : (
        <p className="muted">{t('programme:noneShared')}</p>
      )}
      <h3>{t('programme:kpisPerSupplier')}</h3>
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(r) => r.key}
        initialSort={{ key: 'supplier' }}
        filterPlaceholder={t('programme:filter')}
        testId="kpi-table"
      />
    </section>
  );
}
