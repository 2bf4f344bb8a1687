import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { Link } from 'react-router-dom';
import { AiTransitionDocument, SupportProgrammesDocument, type AiTransitionQuery, type SupportProgrammesQuery } from '@clustergraph/sdk';
import type { OperationContext } from 'urql';
import { ApiErrors, MissingData, PurposeNote, problemsOf } from '../components/ApiErrors.tsx';
import { Chart, type ChartOption } from '../charts/Chart.tsx';
import { date } from '../format.ts';

/** AI insights are shared for the AI transition (the cluster's default policies). */
const AI: Partial<OperationContext> = { purpose: 'AI_TRANSITION' };

type MemberRow = AiTransitionQuery['members'][number];
type Anomaly = NonNullable<MemberRow['anomalies']>[number];
type Programme = SupportProgrammesQuery['supportProgrammes'][number];

export function AiTransitionPage() {
  const from = useMemo(() => new Date(Date.now() - 90 * 86_400_000).toISOString(), []);
  const [{ data, error, fetching }] = useQuery({ query: AiTransitionDocument, variables: { from }, context: AI });
  const [programmes] = useQuery({ query: SupportProgrammesDocument, context: AI });
  const members = useMemo(() => data?.members ?? [], [data]);
  const names = useMemo(() => new Map(members.map((m) => [m.id, m.name])), [members]);
  const problems = useMemo(() => problemsOf(error, data), [error, data]);
  const [open, setOpen] = useState<string | null>(null);

  return (
    <div className="page" data-testid="ai-page">
      <h1>
        AI transition <PurposeNote purpose="AI_TRANSITION" />
      </h1>
      <p className="muted">
        Smart-factory levels computed where the data lives, with their evidence; anomalies on the lines; the anchors' supplier programmes.
      </p>
      <ApiErrors error={error} data={data} memberName={(id) => names.get(id) ?? id} />
      {fetching && !data && <p>Loading…</p>}
      <h2>Levels</h2>
      <div className="maturity-grid">
        {members.map((m) => (
          <div key={m.id} className="card maturity" data-testid={`maturity-${m.id}`}>
            <div className="drill-head">
              <b>{m.name}</b>
              {m.maturity ? (
                <span className="level" title="computed on the firm's own subgraph from its production data">
                  L{m.maturity.level} · {m.maturity.levelName} <span className="muted small">computed from data</span>
                </span>
              ) : (
                <MissingData problem={problems.get(m.id)} memberName={m.name} />
              )}
            </div>
            {m.smartFactoryLevel != null && (
              <div className="muted small" data-testid={`declared-${m.id}`}>
                declared in its profile: {m.smartFactoryLevel} / 5
              </div>
            )}
            {m.maturity && (
              <>
                <div className="level-bar">
                  {[1, 2, 3, 4, 5].map((l) => (
                    <span key={l} className={l <= m.maturity!.level ? 'on' : ''} />
                  ))}
                </div>
                {m.maturity.nextSteps.length > 0 && (
                  <>
                    <div className="muted">Next steps</div>
                    <ul>
                      {m.maturity.nextSteps.map((s) => (
                        <li key={s}>{s}</li>
                      ))}
                    </ul>
                  </>
                )}
                <button type="button" onClick={() => setOpen(open === m.id ? null : m.id)}>
                  {open === m.id ? 'Hide evidence' : `Evidence (${m.maturity.evidence.filter((e) => e.met).length}/${m.maturity.evidence.length} met)`}
                </button>
                {m.maturity.notes.map((n) => (
                  <div key={n} className="muted small">
                    {n}
                  </div>
                ))}
              </>
            )}
          </div>
        ))}
      </div>
      {open && <EvidenceTable member={members.find((m) => m.id === open)!} />}
      <h2>Anomalies</h2>
      <AnomalyList members={members} problems={problems} />
      <h2>Supplier programmes</h2>
      <ApiErrors error={programmes.error} data={programmes.data} />
      {programmes.data?.supportProgrammes.length === 0 && <p className="muted">No support programme you run or take part in.</p>}
      {programmes.data?.supportProgrammes.map((p) => (
        <ProgrammeSummary key={p.id} programme={p} />
      ))}
    </div>
  );
}

function EvidenceTable({ member }: { member: MemberRow }) {
  return (
    <section className="card" data-testid="evidence">
      <h3>{member.name}: evidence per criterion</h3>
      <table>
        <thead>
          <tr>
            <th>Level</th>
            <th>Criterion</th>
            <th>Source</th>
            <th>Value</th>
            <th>Target</th>
            <th>Met</th>
          </tr>
        </thead>
        <tbody>
          {member.maturity!.evidence.map((e) => (
            <tr key={e.criterion}>
              <td>{e.level}</td>
              <td title={e.description}>{e.description}</td>
              <td>{e.source === 'DATA' ? 'data' : 'self-assessment'}</td>
              <td>{e.value}</td>
              <td>{e.target}</td>
              <td className={e.met ? 'dcm-ok' : 'dcm-bottleneck'}>{e.met ? '✓' : '✗'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function AnomalyList({ members, problems }: { members: readonly MemberRow[]; problems: ReturnType<typeof problemsOf> }) {
  const all = members.flatMap((m) => (m.anomalies ?? []).map((a) => ({ member: m, anomaly: a })));
  const [selected, setSelected] = useState<string | null>(null);
  const shown = all.find((x) => x.anomaly.id === selected) ?? all[0];
  const withheld = members.filter((m) => m.anomalies == null && problems.has(m.id));
  return (
    <>
      {all.length === 0 && <p className="muted">No anomalies on the lines you may see in the last 90 days.</p>}
      {withheld.length > 0 && (
        <p className="small">
          {withheld.map((m) => (
            <span key={m.id} className="withheld-note">
              {m.name}: <MissingData problem={problems.get(m.id)} memberName={m.name} />
            </span>
          ))}
        </p>
      )}
      {all.length > 0 && (
        <div className="two-col">
          <table data-testid="anomalies">
            <thead>
              <tr>
                <th>Member</th>
                <th>Line</th>
                <th>Kind</th>
                <th>Since</th>
                <th className="num">Change</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {all.map(({ member, anomaly }) => (
                <tr key={anomaly.id} className={`clickable ${shown?.anomaly.id === anomaly.id ? 'selected' : ''}`} onClick={() => setSelected(anomaly.id)}>
                  <td>{member.name}</td>
                  <td>{anomaly.lineId}</td>
                  <td>{anomaly.kind === 'SCRAP_RATE_SHIFT' ? 'scrap rate shift' : 'cycle time drift'}</td>
                  <td>{date(anomaly.start)}</td>
                  <td className="num">{`${anomaly.magnitude > 0 ? '+' : ''}${Math.round(anomaly.magnitude * 100)} %`}</td>
                  <td>
                    {anomaly.status}
                    {anomaly.acknowledged ? ' · acted on' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown && <EvidenceChart anomaly={shown.anomaly} />}
        </div>
      )}
    </>
  );
}

function EvidenceChart({ anomaly }: { anomaly: Anomaly }) {
  const option: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', name: anomaly.unit, scale: true },
    series: [
      { name: 'value', type: 'line', showSymbol: true, data: anomaly.evidence.map((p) => [p.at, p.value]) },
      { name: 'baseline', type: 'line', step: 'end', lineStyle: { type: 'dashed' }, showSymbol: false, data: anomaly.evidence.map((p) => [p.at, p.baseline]) },
    ],
  };
  return <Chart testId="anomaly-evidence" option={option} style={{ height: 260 }} />;
}

/** The programme at a glance; its KPI charts and table are on the Supplier programme page. */
function ProgrammeSummary({ programme }: { programme: Programme }) {
  return (
    <section className="card" data-testid="programme-summary">
      <div className="drill-head">
        <b>
          {programme.name} <span className="muted">by {programme.anchor.name}</span>
        </b>
        <Link to="/programme">KPI changes (charts and table) →</Link>
      </div>
      <p className="small">
        {programme.suppliers.map((s) => (
          <span key={s.member.id} className="withheld-note">
            {s.member.name}:{' '}
            {!s.progress ? (
              <span className="missing missing-unreachable">unreachable</span>
            ) : s.progress.withheld ? (
              <span className="missing missing-withheld">withheld by {s.member.name}</span>
            ) : (
              <span className="level">
                L{s.progress.levelThen ?? '?'} → L{s.progress.levelNow ?? '?'}
              </span>
            )}
          </span>
        ))}
      </p>
    </section>
  );
}
