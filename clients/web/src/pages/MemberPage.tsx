import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQuery } from 'urql';
import {
  MemberDetailDocument,
  MemberPlanningDocument,
  addDays,
  addWeeks,
  isoWeekLabel,
  mondayOf,
  type MemberDetailQuery,
  type MemberPlanningQuery,
} from '@clustergraph/sdk';
import { ApiErrors, MissingData, PurposeNote, problemsOf } from '../components/ApiErrors.tsx';
import { MONITORING, PLANNING } from '../urqlClient.ts';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { Chart, type ChartOption } from '../charts/Chart.tsx';
import { LINE_STATE_COLOURS, ago, date, hours, processLabel } from '../format.ts';
import { PRODUCTION_WEEKS, productionChart } from '../charts/productionChart.ts';
import { useSession } from '../session.tsx';
import { SheetTransfer } from '../spreadsheets/SheetTransfer.tsx';

type Detail = NonNullable<MemberDetailQuery['member']>;
type LineRow = NonNullable<Detail['lines']>[number];
type AllocationRow = NonNullable<NonNullable<MemberPlanningQuery['member']>['allocations']>[number];

const WEEKS = 12;
/** Six complete weeks: an AGGREGATED production grant serves complete ISO weeks only. */
const PRODUCTION_DAYS = PRODUCTION_WEEKS * 7;

const lineColumns: Column<LineRow>[] = [
  { key: 'id', header: 'Line', value: (l) => l.id },
  { key: 'name', header: 'Name', value: (l) => l.name },
  { key: 'processes', header: 'Processes', value: (l) => l.processes.map(processLabel).join(', ') },
  { key: 'rate', header: 'Rated units/h', align: 'right', value: (l) => l.ratedUnitsPerHour },
  {
    key: 'state',
    header: 'State',
    value: (l) => l.status?.state ?? '',
    render: (l) =>
      l.status ? (
        <span className="state" style={{ background: LINE_STATE_COLOURS[l.status.state] }}>
          {l.status.state}
        </span>
      ) : (
        <span className="missing missing-withheld">withheld</span>
      ),
  },
  { key: 'since', header: 'Since', value: (l) => l.status?.since ?? '', render: (l) => (l.status ? ago(l.status.since) : '') },
  { key: 'reason', header: 'Reason', value: (l) => l.status?.reasonCode },
];

const allocationColumns: Column<AllocationRow>[] = [
  { key: 'id', header: 'Allocation', value: (a) => a.id },
  { key: 'order', header: 'Joint order', value: (a) => a.jointOrderId },
  { key: 'process', header: 'Process', value: (a) => processLabel(a.process) },
  { key: 'week', header: 'Week', value: (a) => a.weekStart, render: (a) => isoWeekLabel(a.weekStart) },
  { key: 'qty', header: 'Quantity', align: 'right', value: (a) => a.quantity },
  { key: 'hours', header: 'Hours', align: 'right', value: (a) => a.hours },
  { key: 'status', header: 'Status', value: (a) => a.status },
  { key: 'progress', header: 'Progress', align: 'right', value: (a) => a.progress, render: (a) => `${Math.round(a.progress * 100)} %` },
];

/** One member in depth: the drill-down from the cluster and capacity pages. */
export function MemberPage() {
  const { id = '' } = useParams();
  const from = useMemo(() => mondayOf(), []);
  const today = new Date().toISOString().slice(0, 10);
  // Two reads, each with the purpose its data serves (the owners grant per purpose): the shop
  // floor (lines, their status, production) for monitoring; capacity and allocations for joint planning.
  const [{ data, error, fetching }, reexecuteDetail] = useQuery({
    query: MemberDetailDocument,
    variables: { id, productionFrom: addDays(today, -PRODUCTION_DAYS), productionTo: today },
    context: MONITORING,
  });
  const [planningAnswer, reexecutePlanning] = useQuery({
    query: MemberPlanningDocument,
    variables: { id, from, to: addWeeks(from, WEEKS - 1) },
    context: PLANNING,
  });
  const member = data?.member;
  const planning = planningAnswer.data?.member;
  const problem = problemsOf(error, data).get(id);
  const planningProblem = problemsOf(planningAnswer.error, planningAnswer.data).get(id);
  const [process, setProcess] = useState<string | null>(null);
  // The firm's own users get its spreadsheets in and out.
  const own = useSession().session?.memberId === id;

  const processes = [...new Set((planning?.capacity ?? []).map((b) => b.process))].sort();
  const shownProcess = process && processes.includes(process as never) ? process : processes[0];
  const weeks = useMemo(() => Array.from({ length: WEEKS }, (_, i) => addWeeks(from, i)), [from]);

  const capacityOption: ChartOption = useMemo(() => {
    const byWeek = new Map((planning?.capacity ?? []).filter((b) => b.process === shownProcess).map((b) => [b.weekStart, b]));
    const series = (key: 'committedHours' | 'availableHours' | 'actualHours' | 'maximumHours') => weeks.map((w) => byWeek.get(w)?.[key] ?? null);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 50, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: weeks.map(isoWeekLabel) },
      yAxis: { type: 'value', name: 'h' },
      series: [
        { name: 'Committed', type: 'bar', stack: 'load', data: series('committedHours'), itemStyle: { color: '#d9822b' } },
        { name: 'Available', type: 'bar', stack: 'load', data: series('availableHours'), itemStyle: { color: '#2e9d5b' } },
        { name: 'Actual', type: 'line', data: series('actualHours'), itemStyle: { color: '#333' } },
        { name: 'Maximum', type: 'line', data: series('maximumHours'), lineStyle: { type: 'dashed' }, itemStyle: { color: '#8a63d2' } },
      ],
    };
  }, [planning, shownProcess, weeks]);

  const productionOption: ChartOption = useMemo(() => productionChart(member?.production ?? [], today), [member, today]);

  if (fetching && !data) return <p className="page">Loading…</p>;
  if (!member)
    return (
      <div className="page">
        <ApiErrors error={error} />
        {!error && <p>No member “{id}”.</p>}
        <Link to="/cluster">Back to the cluster</Link>
      </div>
    );
  const missing = <MissingData problem={problem} memberName={member.name} />;
  const missingPlanning =
    planningAnswer.fetching && !planningAnswer.data ? <p>Loading…</p> : <MissingData problem={planningProblem} memberName={member.name} />;

  return (
    <div className="page" data-testid="member-page">
      <p>
        <Link to="/cluster">Cluster</Link> › {member.name}
      </p>
      <h1>{member.name}</h1>
      <p className="muted">
        {member.roles.join(', ')} · {member.status}
        {member.statusReason ? ` (${member.statusReason})` : ''} · {member.region ?? 'region unknown'} · joined {date(member.joinedAt)} · smart-factory level{' '}
        {member.smartFactoryLevel != null ? `${member.smartFactoryLevel} / 5 (declared)` : '—'}
      </p>
      <ApiErrors error={error} memberName={(mid) => (mid === member.id ? member.name : mid)} data={data} />
      <ApiErrors error={planningAnswer.error} memberName={(mid) => (mid === member.id ? member.name : mid)} data={planningAnswer.data} />

      <h2>Capabilities</h2>
      {member.capabilities ? (
        <table>
          <thead>
            <tr>
              <th>Process</th>
              <th>Materials</th>
              <th className="num">Max part size</th>
              <th>Certifications</th>
              <th>Notes</th>
            </tr>
          </thead>
          <tbody>
            {member.capabilities.map((c) => (
              <tr key={c.process}>
                <td>{processLabel(c.process)}</td>
                <td>{c.materials.join(', ')}</td>
                <td className="num">{c.maxPartSizeMm ? `${c.maxPartSizeMm} mm` : '—'}</td>
                <td>{c.certifications.join(', ')}</td>
                <td>{c.notes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        missing
      )}

      <h2>
        Lines <PurposeNote purpose="MONITORING" />
      </h2>
      {member.lines ? <DataTable rows={member.lines} columns={lineColumns} rowKey={(l) => l.id} /> : missing}

      <h2>
        Capacity, next {WEEKS} weeks <PurposeNote purpose="JOINT_PLANNING" />
      </h2>
      <div data-testid="member-capacity">
        {planning?.capacity ? (
          processes.length ? (
            <>
              <div className="controls">
                {processes.map((p) => (
                  <button key={p} type="button" className={p === shownProcess ? 'toggle on' : 'toggle'} onClick={() => setProcess(p)}>
                    {processLabel(p)}
                  </button>
                ))}
              </div>
              <Chart option={capacityOption} style={{ height: 280 }} />
            </>
          ) : (
            <p className="muted">No capacity published.</p>
          )
        ) : (
          missingPlanning
        )}
      </div>
      {own && <SheetTransfer kind="capacity" memberId={id} onImported={() => reexecutePlanning({ requestPolicy: 'network-only' })} />}

      <h2>
        Allocations <PurposeNote purpose="JOINT_PLANNING" />
      </h2>
      <div data-testid="member-allocations">
        {planning?.allocations ? (
          <DataTable rows={planning.allocations} columns={allocationColumns} rowKey={(a) => a.id} empty="No allocations yet." />
        ) : (
          missingPlanning
        )}
      </div>

      <h2>
        Production, last {PRODUCTION_DAYS / 7} weeks <PurposeNote purpose="MONITORING" />
      </h2>
      {member.production ? (
        <>
          <p className="muted">
            {member.production.some((r) => r.lineId === '*') ? 'Weekly totals of the whole firm (what it shares with you): ' : ''}
            {member.production.reduce((s, r) => s + r.goodQuantity, 0).toLocaleString('en-US')} good,{' '}
            {member.production.reduce((s, r) => s + (r.scrapQuantity ?? 0), 0).toLocaleString('en-US')} scrap,{' '}
            {hours(member.production.reduce((s, r) => s + r.downMinutes, 0) / 60)} down
          </p>
          <Chart testId="production-chart" renderer="svg" option={productionOption} style={{ height: 240 }} />
        </>
      ) : (
        missing
      )}
      {own && <SheetTransfer kind="production" memberId={id} onImported={() => reexecuteDetail({ requestPolicy: 'network-only' })} />}
    </div>
  );
}
