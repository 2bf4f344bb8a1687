import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { MemberDetailDocument, MemberPlanningDocument, addDays, addWeeks, mondayOf, type MemberDetailQuery, type MemberPlanningQuery } from '@clustergraph/sdk';
import { ApiErrors, MissingData, PurposeNote, problemsOf } from '../components/ApiErrors.tsx';
import { MONITORING, PLANNING } from '../urqlClient.ts';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { Chart, type ChartOption } from '../charts/Chart.tsx';
import { LINE_STATE_COLOURS } from '../format.ts';
import { useI18n, type ConsoleI18n } from '../i18n/useI18n.ts';
import { PRODUCTION_WEEKS, productionChart } from '../charts/productionChart.ts';
import { useSession } from '../session.tsx';
import { SheetTransfer } from '../spreadsheets/SheetTransfer.tsx';

type Detail = NonNullable<MemberDetailQuery['member']>;
type LineRow = NonNullable<Detail['lines']>[number];
type AllocationRow = NonNullable<NonNullable<MemberPlanningQuery['member']>['allocations']>[number];

const WEEKS = 12;
/** Six complete weeks: an AGGREGATED production grant serves complete ISO weeks only. */
const PRODUCTION_DAYS = PRODUCTION_WEEKS * 7;

const lineColumns = ({ t, label, ago }: ConsoleI18n): Column<LineRow>[] => [
  { key: 'id', header: t('member:line.id'), value: (l) => l.id },
  { key: 'name', header: t('member:line.name'), value: (l) => l.name },
  { key: 'processes', header: t('member:line.processes'), value: (l) => l.processes.map((p) => label('ProcessType', p)).join(', ') },
  { key: 'rate', header: t('member:line.rate'), align: 'right', value: (l) => l.ratedUnitsPerHour },
  {
    key: 'state',
    header: t('member:line.state'),
    value: (l) => (l.status ? label('LineState', l.status.state) : ''),
    render: (l) =>
      l.status ? (
        <span className="state" style={{ background: LINE_STATE_COLOURS[l.status.state] }}>
          {label('LineState', l.status.state)}
        </span>
      ) : (
        <span className="missing missing-withheld">{t('member:withheld')}</span>
      ),
  },
  { key: 'since', header: t('member:line.since'), value: (l) => l.status?.since ?? '', render: (l) => (l.status ? ago(l.status.since) : '') },
  { key: 'reason', header: t('member:line.reason'), value: (l) => l.status?.reasonCode },
];

const allocationColumns = ({ t, fmt, label }: ConsoleI18n): Column<AllocationRow>[] => [
  { key: 'id', header: t('member:allocation.id'), value: (a) => a.id },
  { key: 'order', header: t('member:allocation.order'), value: (a) => a.jointOrderId },
  { key: 'process', header: t('member:allocation.process'), value: (a) => label('ProcessType', a.process) },
  { key: 'week', header: t('member:allocation.week'), value: (a) => a.weekStart, render: (a) => fmt.week(a.weekStart) },
  { key: 'qty', header: t('member:allocation.quantity'), align: 'right', value: (a) => a.quantity },
  { key: 'hours', header: t('member:allocation.hours'), align: 'right', value: (a) => a.hours },
  { key: 'status', header: t('member:allocation.status'), value: (a) => label('AllocationStatus', a.status) },
  { key: 'progress', header: t('member:allocation.progress'), align: 'right', value: (a) => a.progress, render: (a) => fmt.percent(a.progress, 0) },
];

/** One member in depth: the drill-down from the cluster and capacity pages. */
export function MemberPage() {
  const i18n = useI18n();
  const { t, fmt, label, firm } = i18n;
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
      xAxis: { type: 'category', data: weeks.map(fmt.week) },
      yAxis: { type: 'value', name: t('member:hoursAxis') },
      series: [
        { name: t('member:series.committed'), type: 'bar', stack: 'load', data: series('committedHours'), itemStyle: { color: '#d9822b' } },
        { name: t('member:series.available'), type: 'bar', stack: 'load', data: series('availableHours'), itemStyle: { color: '#2e9d5b' } },
        { name: t('member:series.actual'), type: 'line', data: series('actualHours'), itemStyle: { color: '#333' } },
        { name: t('member:series.maximum'), type: 'line', data: series('maximumHours'), lineStyle: { type: 'dashed' }, itemStyle: { color: '#8a63d2' } },
      ],
    };
  }, [planning, shownProcess, weeks, t, fmt]);

  const productionOption: ChartOption = useMemo(() => productionChart(member?.production ?? [], today, i18n), [member, today, i18n]);

  if (fetching && !data) return <p className="page">{t('common:loading')}</p>;
  if (!member)
    return (
      <div className="page">
        <ApiErrors
          error={error}
          onRetry={() => {
            reexecuteDetail({ requestPolicy: 'network-only' });
            reexecutePlanning({ requestPolicy: 'network-only' });
          }}
        />
        {!error && <p>{t('member:noMember', { id })}</p>}
        <Link to="/cluster">{t('member:backToCluster')}</Link>
      </div>
    );
  const name = firm(member);
  const missing = <MissingData problem={problem} memberName={name} />;
  const missingPlanning =
    planningAnswer.fetching && !planningAnswer.data ? <p>{t('common:loading')}</p> : <MissingData problem={planningProblem} memberName={name} />;

  return (
    <div className="page" data-testid="member-page">
      <p>
        <Link to="/cluster">{t('common:nav.cluster')}</Link> › {name}
      </p>
      <h1>{name}</h1>
      <p className="muted">
        {member.roles.map((r) => label('MemberRole', r)).join(', ')} · {label('MemberStatus', member.status)}
        {member.statusReason ? ` (${member.statusReason})` : ''} · {member.region ?? t('member:regionUnknown')} ·{' '}
        {t('member:joined', { date: fmt.date(member.joinedAt) })} ·{' '}
        {member.smartFactoryLevel != null ? t('member:levelDeclared', { level: member.smartFactoryLevel }) : t('member:levelUnknown')}
      </p>
      <ApiErrors
        error={error}
        memberName={(mid) => (mid === member.id ? name : mid)}
        data={data}
        onRetry={() => reexecuteDetail({ requestPolicy: 'network-only' })}
      />
      <ApiErrors
        error={planningAnswer.error}
        memberName={(mid) => (mid === member.id ? name : mid)}
        data={planningAnswer.data}
        onRetry={() => reexecutePlanning({ requestPolicy: 'network-only' })}
      />

      <h2>{t('member:capabilities')}</h2>
      {member.capabilities ? (
        <table>
          <thead>
            <tr>
              <th>{t('member:capability.process')}</th>
              <th>{t('member:capability.materials')}</th>
              <th className="num">{t('member:capability.maxPartSize')}</th>
              <th>{t('member:capability.certifications')}</th>
              <th>{t('member:capability.notes')}</th>
            </tr>
          </thead>
          <tbody>
            {member.capabilities.map((c) => (
              <tr key={c.process}>
                <td>{label('ProcessType', c.process)}</td>
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
        {t('member:lines')} <PurposeNote purpose="MONITORING" />
      </h2>
      {member.lines ? <DataTable rows={member.lines} columns={lineColumns(i18n)} rowKey={(l) => l.id} /> : missing}

      <h2>
        {t('member:capacityNext', { weeks: WEEKS })} <PurposeNote purpose="JOINT_PLANNING" />
      </h2>
      <div data-testid="member-capacity">
        {planning?.capacity ? (
          processes.length ? (
            <>
              <div className="controls">
                {processes.map((p) => (
                  <button key={p} type="button" className={p === shownProcess ? 'toggle on' : 'toggle'} onClick={() => setProcess(p)}>
                    {label('ProcessType', p)}
                  </button>
                ))}
              </div>
              <Chart option={capacityOption} style={{ height: 280 }} />
            </>
          ) : (
            <p className="muted">{t('member:noCapacity')}</p>
          )
        ) : (
          missingPlanning
        )}
      </div>
      {own && <SheetTransfer kind="capacity" memberId={id} onImported={() => reexecutePlanning({ requestPolicy: 'network-only' })} />}

      <h2>
        {t('member:allocations')} <PurposeNote purpose="JOINT_PLANNING" />
      </h2>
      <div data-testid="member-allocations">
        {planning?.allocations ? (
          <DataTable rows={planning.allocations} columns={allocationColumns(i18n)} rowKey={(a) => a.id} empty={t('member:noAllocations')} />
        ) : (
          missingPlanning
        )}
      </div>

      <h2>
        {t('member:productionLast', { weeks: PRODUCTION_DAYS / 7 })} <PurposeNote purpose="MONITORING" />
      </h2>
      {member.production ? (
        <>
          <p className="muted">
            {member.production.some((r) => r.lineId === '*') ? t('member:weeklyTotals') : ''}
            {t('member:productionTotals', {
              good: fmt.number(
                member.production.reduce((s, r) => s + r.goodQuantity, 0),
                0,
              ),
              scrap: fmt.number(
                member.production.reduce((s, r) => s + (r.scrapQuantity ?? 0), 0),
                0,
              ),
              down: fmt.hours(member.production.reduce((s, r) => s + r.downMinutes, 0) / 60),
            })}
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
