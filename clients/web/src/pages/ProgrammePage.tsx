import { useMemo } from 'react';
import { useQuery, type OperationContext } from 'urql';
import { SupportProgrammesDocument, type ProgrammeKpi, type SupportProgrammesQuery } from '@clustergraph/sdk';
import { ApiErrors, PurposeNote } from '../components/ApiErrors.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { Chart, type ChartOption } from '../charts/Chart.tsx';
import { date } from '../format.ts';

/** AI insights are shared with the anchor for the AI transition (the cluster's default policies). */
const AI: Partial<OperationContext> = { purpose: 'AI_TRANSITION' };

type Programme = SupportProgrammesQuery['supportProgrammes'][number];
type Supplier = Programme['suppliers'][number];
type Kpi = NonNullable<Supplier['progress']>['kpis'][number];

export const KPI_LABELS: Record<ProgrammeKpi, string> = {
  PRODUCTIVITY: 'Productivity',
  DEFECT_RATE: 'Defect rate',
  OEE: 'OEE',
  ON_TIME_DELIVERY: 'On-time delivery',
  ENERGY_PER_UNIT: 'Energy per unit',
};

const percent = (value: number | null | undefined) => (value == null ? '—' : `${value > 0 ? '+' : ''}${(value * 100).toFixed(1)} %`);
const figure = (value: number | null | undefined) => (value == null ? '—' : Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3));

/** The anchor's supplier programmes: each supplier's level then and now and its KPI changes, as charts and a table. */
export function ProgrammePage() {
  const [{ data, error, fetching }] = useQuery({ query: SupportProgrammesDocument, context: AI });
  const programmes = data?.supportProgrammes ?? [];
  return (
    <div className="page" data-testid="programme-page">
      <h1>
        Supplier programme <PurposeNote purpose="AI_TRANSITION" />
      </h1>
      <p className="muted">
        Your suppliers' move up the smart-factory ladder: each KPI over the programme's current weeks against the baseline weeks before it started, computed on
        the supplier's own subgraph and shown only where the supplier shares its AI insights with you.
      </p>
      <ApiErrors error={error} data={data} />
      {fetching && !data && <p>Loading programmes…</p>}
      {data && programmes.length === 0 && <p className="muted">No support programme you run or take part in.</p>}
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
    xAxis: { type: 'category', data: kpiNames.map((k) => KPI_LABELS[k]), axisLabel: { interval: 0, hideOverlap: false } },
    yAxis: {
      type: 'value',
      name: 'change against baseline',
      nameLocation: 'middle',
      nameRotate: 90,
      nameGap: 48,
      axisLabel: { formatter: (v: number) => `${Math.round(v * 100)} %` },
    },
    series: [
      ...shown.map((s) => ({
        name: s.member.name,
        type: 'bar' as const,
        data: kpiNames.map((k) => s.progress!.kpis.find((x) => x.kpi === k)?.change ?? null),
      })),
      {
        name: 'survey benchmark',
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
    yAxis: { type: 'category', inverse: true, data: shown.map((s) => s.member.name), axisLabel: { interval: 0, hideOverlap: false } },
    xAxis: { type: 'value', min: 0, max: 5, interval: 1, name: 'level', nameLocation: 'middle', nameGap: 22 },
    series: [
      { name: 'level then', type: 'bar', itemStyle: { color: '#9aa5b1' }, data: shown.map((s) => s.progress!.levelThen) },
      { name: 'level now', type: 'bar', itemStyle: { color: '#2e9d5b' }, data: shown.map((s) => s.progress!.levelNow) },
    ],
  };

  const columns: Column<KpiRow>[] = [
    { key: 'supplier', header: 'Supplier', value: (r) => r.supplier.member.name },
    { key: 'kpi', header: 'KPI', value: (r) => KPI_LABELS[r.kpi.kpi] },
    {
      key: 'baseline',
      header: 'Baseline',
      align: 'right',
      value: (r) => r.kpi.baseline,
      render: (r) => (r.kpi.withheld ? '' : `${figure(r.kpi.baseline)} ${r.kpi.unit}`),
    },
    {
      key: 'current',
      header: 'Current',
      align: 'right',
      value: (r) => r.kpi.current,
      render: (r) => (r.kpi.withheld ? '' : `${figure(r.kpi.current)} ${r.kpi.unit}`),
    },
    { key: 'change', header: 'Change', align: 'right', value: (r) => r.kpi.change, render: (r) => percent(r.kpi.change) },
    { key: 'benchmark', header: 'Survey benchmark', align: 'right', value: (r) => r.kpi.benchmark, render: (r) => percent(r.kpi.benchmark) },
    {
      key: 'verdict',
      header: 'Verdict',
      value: (r) => (r.kpi.withheld ? 'withheld' : r.kpi.improved == null ? 'no data' : r.kpi.improved ? 'improved' : 'worse'),
      render: (r) =>
        r.kpi.withheld ? (
          <span className="missing missing-withheld">withheld by {r.supplier.member.name}</span>
        ) : r.kpi.improved == null ? (
          <span className="muted">no data</span>
        ) : (
          <span className={r.kpi.improved ? 'dcm-ok' : 'dcm-bottleneck'}>{r.kpi.improved ? 'improved' : 'worse'}</span>
        ),
    },
  ];

  return (
    <section className="card" data-testid="programme">
      <h2>
        {programme.name} <span className="muted">by {programme.anchor.name}</span>
      </h2>
      <p className="muted small">
        Started {date(programme.startDate)} · baseline {date(programme.baseline.from)} – {date(programme.baseline.to)} against current{' '}
        {date(programme.current.from)} – {date(programme.current.to)} ({programme.current.weeks} weeks each)
      </p>
      <div className="stats">
        {programme.suppliers.map((s) => (
          <div key={s.member.id} className={`stat ${!s.progress || s.progress.withheld ? 'bad' : ''}`} data-testid={`supplier-${s.member.id}`}>
            <b>{s.member.name}</b>{' '}
            {!s.progress ? (
              <span className="missing missing-unreachable">unreachable</span>
            ) : s.progress.withheld ? (
              <span className="missing missing-withheld">withheld by {s.member.name}</span>
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
            <h3>KPI change against the baseline</h3>
            <Chart testId="kpi-chart" renderer="svg" option={kpiChart} style={{ height: 300 }} />
          </div>
          <div>
            <h3>Smart-factory level, computed from data</h3>
            <Chart testId="level-chart" renderer="svg" option={levelChart} style={{ height: Math.max(200, 90 + shown.length * 44) }} />
          </div>
        </div>
      ) : (
        <p className="muted">No supplier shares its progress with you yet.</p>
      )}
      <h3>KPIs per supplier</h3>
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(r) => r.key}
        initialSort={{ key: 'supplier' }}
        filterPlaceholder="Filter suppliers, KPIs…"
        testId="kpi-table"
      />
    </section>
  );
}
