import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { PLANNING } from '../urqlClient.ts';
import { ClusterCapacityDocument, addWeeks, hasApiField, isoWeekLabel, mondayOf, weeksFrom, type ProcessType } from '@clustergraph/sdk';
import { ApiErrors, MissingData, PurposeNote, problemsOf } from '../components/ApiErrors.tsx';
import { Chart, type ChartOption } from '../charts/Chart.tsx';
import { hours, processLabel, won } from '../format.ts';
import { DemandSection } from './DemandSection.tsx';
import { MEASURES, dcmState, totalsByCell, type CapacityMember, type Measure } from '../capacityModel.ts';

const STATE_MARK = { ok: '', flexible: ' ◆', bottleneck: ' ▲' } as const;

export function CapacityPage() {
  const [weekCount, setWeekCount] = useState(8);
  const [measure, setMeasure] = useState<Measure>('availableHours');
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [drill, setDrill] = useState<{ process: ProcessType; week: string } | null>(null);
  const from = useMemo(() => mondayOf(), []);
  const weeks = useMemo(() => weeksFrom(from, weekCount), [from, weekCount]);
  const [{ data, error, fetching }] = useQuery({ query: ClusterCapacityDocument, variables: { from, to: addWeeks(from, weekCount - 1) }, context: PLANNING });

  const members = useMemo(() => data?.members ?? [], [data]);
  const names = useMemo(() => new Map(members.map((m) => [m.id, m.name])), [members]);
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
            `<b>${processLabel(cell.process)}</b> · ${isoWeekLabel(cell.week)} (${cell.members} member${cell.members === 1 ? '' : 's'})`,
            `actual ${hours(cell.actualHours)} · maximum ${hours(cell.maximumHours)}`,
            `committed ${hours(cell.committedHours)} · available ${hours(cell.availableHours)}`,
            cell.state === 'ok'
              ? 'load within actual capacity'
              : cell.state === 'flexible'
                ? '◆ load needs flexible capacity'
                : '▲ bottleneck: load above maximum',
          ].join('<br/>');
        },
      },
      grid: { left: 150, right: 20, top: 10, bottom: 80 },
      xAxis: { type: 'category', data: weeks.map(isoWeekLabel), splitArea: { show: true } },
      yAxis: { type: 'category', data: processes.map(processLabel), splitArea: { show: true } },
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
          name: MEASURES[measure],
          type: 'heatmap',
          data: cells.map((c) => [weeks.indexOf(c.week), processes.indexOf(c.process), Math.round(c[measure]), c.state]),
          label: { show: true, formatter: (p: { data: [number, number, number, keyof typeof STATE_MARK] }) => `${p.data[2]}${STATE_MARK[p.data[3]]}` },
          emphasis: { itemStyle: { borderColor: '#222', borderWidth: 1 } },
        },
      ],
    };
  }, [cells, processes, weeks, measure]);

  return (
    <div className="page" data-testid="capacity-page">
      <h1>
        Capacity <PurposeNote purpose="JOINT_PLANNING" />
      </h1>
      <p className="muted">
        Weekly hours per process, summed over the selected members (Catena-X DCM buckets, weeks keyed by Monday). Click a cell to see the members behind it. ◆ =
        committed load needs flexible capacity, ▲ = above maximum.
      </p>
      <ApiErrors error={error} memberName={(id) => names.get(id) ?? id} data={data} />
      <div className="controls">
        <label>
          Show{' '}
          <select value={measure} onChange={(e) => setMeasure(e.target.value as Measure)} aria-label="Measure">
            {Object.entries(MEASURES).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Weeks{' '}
          <select value={weekCount} onChange={(e) => setWeekCount(Number(e.target.value))} aria-label="Weeks">
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
              {m.name}
              {problems.has(m.id) && (
                <>
                  {' '}
                  (<MissingData problem={problems.get(m.id)} memberName={m.name} />)
                </>
              )}
            </label>
          ))}
        </div>
      </div>
      {fetching && !data && <p>Loading capacity…</p>}
      {data && processes.length === 0 && <p>No capacity published for these weeks by the selected members.</p>}
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
  const rows = members.flatMap((m) => (m.capacity ?? []).filter((b) => b.process === process && b.weekStart === week).map((b) => ({ member: m, bucket: b })));
  const withProcess = members.filter((m) => m.capacity?.some((b) => b.process === process));
  const option: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: weeks.map(isoWeekLabel) },
    yAxis: { type: 'value', name: 'h' },
    series: withProcess.flatMap((m) => {
      const byWeek = new Map((m.capacity ?? []).filter((b) => b.process === process).map((b) => [b.weekStart, b]));
      return [
        { name: `${m.name} committed`, type: 'bar' as const, stack: m.id, data: weeks.map((w) => byWeek.get(w)?.committedHours ?? 0) },
        { name: `${m.name} available`, type: 'bar' as const, stack: m.id, data: weeks.map((w) => byWeek.get(w)?.availableHours ?? 0) },
      ];
    }),
  };
  return (
    <section className="card drill" data-testid="capacity-drill">
      <div className="drill-head">
        <h2>
          {processLabel(process)} · {isoWeekLabel(week)}
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <table>
        <thead>
          <tr>
            <th>Member</th>
            <th className="num">Actual</th>
            <th className="num">Maximum</th>
            <th className="num">Committed</th>
            <th className="num">Available</th>
            <th className="num">Utilisation</th>
            <th>DCM</th>
            <th className="num">Price / h</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ member, bucket }) => {
            const state = dcmState(bucket.committedHours, bucket.actualHours, bucket.maximumHours);
            return (
              <tr key={member.id}>
                <td>
                  <Link to={`/members/${encodeURIComponent(member.id)}`}>{member.name}</Link>
                </td>
                <td className="num">{hours(bucket.actualHours)}</td>
                <td className="num">{hours(bucket.maximumHours)}</td>
                <td className="num">{hours(bucket.committedHours)}</td>
                <td className="num">{hours(bucket.availableHours)}</td>
                <td className="num">{bucket.actualHours ? `${Math.round((bucket.committedHours / bucket.actualHours) * 100)} %` : '—'}</td>
                <td className={`dcm dcm-${state}`}>{state === 'ok' ? 'fine' : state === 'flexible' ? 'needs flexible' : 'bottleneck'}</td>
                <td className="num">{won(bucket.pricePerHour)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>{processLabel(process)} by week and member</h3>
      <Chart option={option} style={{ height: 280 }} />
    </section>
  );
}
