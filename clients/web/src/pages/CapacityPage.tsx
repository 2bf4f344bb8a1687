import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { PLANNING } from '../urqlClient.ts';
import { ClusterCapacityDocument, addWeeks, hasApiField, mondayOf, weeksFrom, type ProcessType } from '@clustergraph/sdk';
import { ApiErrors, MissingData, PurposeNote, problemsOf } from '../components/ApiErrors.tsx';
import { Chart, type ChartOption } from '../charts/Chart.tsx';
import { useI18n } from '../i18n/useI18n.ts';
import { DemandSection } from './DemandSection.tsx';
import { MEASURES, dcmState, totalsByCell, type CapacityMember, type Measure } from '../capacityModel.ts';

const STATE_MARK = { ok: '', flexible: ' ◆', bottleneck: ' ▲' } as const;

export function CapacityPage() {
  const { t, fmt, label, firm } = useI18n();
  const [weekCount, setWeekCount] = useState(8);
  const [measure, setMeasure] = useState<Measure>('availableHours');
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [drill, setDrill] = useState<{ process: ProcessType; week: string } | null>(null);
  const from = useMemo(() => mondayOf(), []);
  const weeks = useMemo(() => weeksFrom(from, weekCount), [from, weekCount]);
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: ClusterCapacityDocument,
    variables: { from, to: addWeeks(from, weekCount - 1) },
    context: PLANNING,
  });

  const members = useMemo(() => data?.members ?? [], [data]);
  const names = useMemo(() => new Map(members.map((m) => [m.id, firm(m)])), [members, firm]);
  const problems = useMemo(() => problemsOf(error, data), [error, data]);
  const included = members.filter((m) => !excluded.has(m.id));
  const cells = useMemo(() => totalsByCell(included, weeks), [included, weeks]);
  const processes = useMemo(() => [...new Set(cells.map((c) => c.process))].sort(), [cells]);

  const option: ChartOption = useMemo(() => {
    const values = cells.map((c) => c[measure]);
    return {
      tooltip: {
        formatter: (p: { data: [number, number, number, string] }) => {
          const cell = cells.find((c) => c.process === processes[p.data[1]] && c.week === weeks[p.data[0]]);
          if (!cell) return '';
          return [
            `<b>${label('ProcessType', cell.process)}</b> · ${fmt.week(cell.week)} (${t('capacity:tooltip.members', { count: cell.members })})`,
            t('capacity:tooltip.actualMaximum', { actual: fmt.hours(cell.actualHours), maximum: fmt.hours(cell.maximumHours) }),
            t('capacity:tooltip.committedAvailable', { committed: fmt.hours(cell.committedHours), available: fmt.hours(cell.availableHours) }),
            t(`capacity:tooltip.state.${cell.state}`),
          ].join('<br/>');
        },
      },
      grid: { left: 150, right: 20, top: 10, bottom: 80 },
      xAxis: { type: 'category', data: weeks.map(fmt.week), splitArea: { show: true } },
      yAxis: { type: 'category', data: processes.map((p) => label('ProcessType', p)), splitArea: { show: true } },
      visualMap: {
        dimension: 2,
        min: 0,
        max: Math.max(1, ...values),
        calculable: true,
        orient: 'horizontal',
        left: 'center',
        bottom: 10,
        inRange: { color: measure === 'committedHours' ? ['#f3f6fa', '#d9822b'] : ['#fdf1ec', '#b7dfc4', '#2e9d5b'] },
      },
      series: [
        {
          name: t(MEASURES[measure]),
          type: 'heatmap',
          data: cells.map((c) => [weeks.indexOf(c.week), processes.indexOf(c.process), Math.round(c[measure]), c.state]),
          label: { show: true, formatter: (p: { data: [number, number, number, keyof typeof STATE_MARK] }) => `${p.data[2]}${STATE_MARK[p.data[3]]}` },
          emphasis: { itemStyle: { borderColor: '#222', borderWidth: 1 } },
        },
      ],
    };
  }, [cells, processes, weeks, measure, t, fmt, label]);

  return (
    <div className="page" data-testid="capacity-page">
      <h1>
        {t('capacity:title')} <PurposeNote purpose="JOINT_PLANNING" />
      </h1>
      <p className="muted">{t('capacity:intro')}</p>
      <ApiErrors error={error} memberName={(id) => names.get(id) ?? id} data={data} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      <div className="controls">
        <label>
          {t('capacity:show')}{' '}
          <select value={measure} onChange={(e) => setMeasure(e.target.value as Measure)} aria-label={t('capacity:measureLabel')}>
            {Object.entries(MEASURES).map(([key, name]) => (
              <option key={key} value={key}>
                {t(name)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('capacity:weeks')}{' '}
          <select value={weekCount} onChange={(e) => setWeekCount(Number(e.target.value))} aria-label={t('capacity:weeks')}>
            {[4, 8, 12].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <div className="member-toggles">
          {members.map((m) => (
            <label key={m.id} className={problems.has(m.id) ? 'unavailable' : undefined}>
              <input
                type="checkbox"
                checked={!excluded.has(m.id)}
                onChange={() =>
                  setExcluded((prev) => {
                    const next = new Set(prev);
                    if (next.has(m.id)) next.delete(m.id);
                    else next.add(m.id);
                    return next;
                  })
                }
              />
              {firm(m)}
              {problems.has(m.id) && (
                <>
                  {' '}
                  (<MissingData problem={problems.get(m.id)} memberName={firm(m)} />)
                </>
              )}
            </label>
          ))}
        </div>
      </div>
      {fetching && !data && <p>{t('capacity:loading')}</p>}
      {data && processes.length === 0 && <p>{t('capacity:nothingPublished')}</p>}
      {processes.length > 0 && (
        <Chart
          testId="capacity-heatmap"
          option={option}
          style={{ height: Math.max(220, 60 + processes.length * 34 + 80) }}
          onClick={(p) => {
            const d = p.data as [number, number] | undefined;
            const process = d ? processes[d[1]] : undefined;
            const week = d ? weeks[d[0]] : undefined;
            if (process && week) setDrill({ process, week });
          }}
        />
      )}
      {hasApiField('Query', 'demandCapacity') && <DemandSection from={from} to={addWeeks(from, weekCount - 1)} weeks={weeks} />}
      {drill && <CapacityDrill process={drill.process} week={drill.week} weeks={weeks} members={included} onClose={() => setDrill(null)} />}
    </div>
  );
}

function CapacityDrill({
  process,
  week,
  weeks,
  members,
  onClose,
}: {
  process: ProcessType;
  week: string;
  weeks: string[];
  members: CapacityMember[];
  onClose(): void;
}) {
  const { t, fmt, label, firm } = useI18n();
  const rows = members.flatMap((m) => (m.capacity ?? []).filter((b) => b.process === process && b.weekStart === week).map((b) => ({ member: m, bucket: b })));
  const withProcess = members.filter((m) => m.capacity?.some((b) => b.process === process));
  const option: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: weeks.map(fmt.week) },
    yAxis: { type: 'value', name: t('capacity:hoursAxis') },
    series: withProcess.flatMap((m) => {
      const byWeek = new Map((m.capacity ?? []).filter((b) => b.process === process).map((b) => [b.weekStart, b]));
      return [
        {
          name: t('capacity:drill.seriesCommitted', { firm: firm(m) }),
          type: 'bar' as const,
          stack: m.id,
          data: weeks.map((w) => byWeek.get(w)?.committedHours ?? 0),
        },
        {
          name: t('capacity:drill.seriesAvailable', { firm: firm(m) }),
          type: 'bar' as const,
          stack: m.id,
          data: weeks.map((w) => byWeek.get(w)?.availableHours ?? 0),
        },
      ];
    }),
  };
  return (
    <section className="card drill" data-testid="capacity-drill">
      <div className="drill-head">
        <h2>
          {label('ProcessType', process)} · {fmt.week(week)}
        </h2>
        <button type="button" onClick={onClose}>
          {t('capacity:drill.close')}
        </button>
      </div>
      <table>
        <thead>
          <tr>
            <th>{t('capacity:column.member')}</th>
            <th className="num">{t('capacity:column.actual')}</th>
            <th className="num">{t('capacity:column.maximum')}</th>
            <th className="num">{t('capacity:column.committed')}</th>
            <th className="num">{t('capacity:column.available')}</th>
            <th className="num">{t('capacity:column.utilisation')}</th>
            <th>{t('capacity:column.dcm')}</th>
            <th className="num">{t('capacity:column.pricePerHour')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ member, bucket }) => {
            const state = dcmState(bucket.committedHours, bucket.actualHours, bucket.maximumHours);
            return (
              <tr key={member.id}>
                <td>
                  <Link to={`/members/${encodeURIComponent(member.id)}`}>{firm(member)}</Link>
                </td>
                <td className="num">{fmt.hours(bucket.actualHours)}</td>
                <td className="num">{fmt.hours(bucket.maximumHours)}</td>
                <td className="num">{fmt.hours(bucket.committedHours)}</td>
                <td className="num">{fmt.hours(bucket.availableHours)}</td>
                <td className="num">{bucket.actualHours ? fmt.percent(bucket.committedHours / bucket.actualHours, 0) : '—'}</td>
                <td className={`dcm dcm-${state}`}>{t(`capacity:drill.dcm.${state}`)}</td>
                <td className="num">{fmt.won(bucket.pricePerHour)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>{t('capacity:drill.byWeekAndMember', { process: label('ProcessType', process) })}</h3>
      <Chart option={option} style={{ height: 280 }} />
    </section>
  );
}
