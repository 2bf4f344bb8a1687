import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { Link } from 'react-router-dom';
import { AiTransitionDocument, SupportProgrammesDocument, type AiTransitionQuery, type SupportProgrammesQuery } from '@clustergraph/sdk';
import type { OperationContext } from 'urql';
import { ApiErrors, MissingData, PurposeNote, problemsOf } from '../components/ApiErrors.tsx';
import { Chart, type ChartOption } from '../charts/Chart.tsx';
import { useI18n } from '../i18n/useI18n.ts';

/** AI insights are shared for the AI transition (the cluster's default policies). */
const AI: Partial<OperationContext> = { purpose: 'AI_TRANSITION' };

type MemberRow = AiTransitionQuery['members'][number];
type Anomaly = NonNullable<MemberRow['anomalies']>[number];
type Programme = SupportProgrammesQuery['supportProgrammes'][number];

export function AiTransitionPage() {
  const { t, firm } = useI18n();
  const from = useMemo(() => new Date(Date.now() - 90 * 86_400_000).toISOString(), []);
  const [{ data, error, fetching }, reexecute] = useQuery({ query: AiTransitionDocument, variables: { from }, context: AI });
  const [programmes] = useQuery({ query: SupportProgrammesDocument, context: AI });
  const members = useMemo(() => data?.members ?? [], [data]);
  const names = useMemo(() => new Map(members.map((m) => [m.id, firm(m)])), [members, firm]);
  const problems = useMemo(() => problemsOf(error, data), [error, data]);
  const [open, setOpen] = useState<string | null>(null);

  return (
    <div className="page" data-testid="ai-page">
      <h1>
        {t('ai:title')} <PurposeNote purpose="AI_TRANSITION" />
      </h1>
      <p className="muted">{t('ai:intro')}</p>
      <ApiErrors error={error} data={data} memberName={(id) => names.get(id) ?? id} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      {fetching && !data && <p>{t('common:loading')}</p>}
      <h2>{t('ai:levels')}</h2>
      <div className="maturity-grid">
        {members.map((m) => (
          <div key={m.id} className="card maturity" data-testid={`maturity-${m.id}`}>
            <div className="drill-head">
              <b>{firm(m)}</b>
              {m.maturity ? (
                <span className="level" title={t('ai:computedTitle')}>
                  L{m.maturity.level} · {t('ai:levelName', { level: m.maturity.level })} <span className="muted small">{t('ai:computedFromData')}</span>
                </span>
              ) : (
                <MissingData problem={problems.get(m.id)} memberName={firm(m)} />
              )}
            </div>
            {m.smartFactoryLevel != null && (
              <div className="muted small" data-testid={`declared-${m.id}`}>
                {t('ai:declared', { level: m.smartFactoryLevel })}
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
                    <div className="muted">{t('ai:nextSteps')}</div>
                    <ul translate="no">
                      {m.maturity.nextSteps.map((s) => (
                        <li key={s}>{s}</li>
                      ))}
                    </ul>
                  </>
                )}
                <button type="button" onClick={() => setOpen(open === m.id ? null : m.id)}>
                  {open === m.id
                    ? t('ai:hideEvidence')
                    : t('ai:evidenceButton', { met: m.maturity.evidence.filter((e) => e.met).length, total: m.maturity.evidence.length })}
                </button>
                {m.maturity.notes.map((n) => (
                  <div key={n} className="muted small" translate="no">
                    {n}
                  </div>
                ))}
              </>
            )}
          </div>
        ))}
      </div>
      {open && <EvidenceTable member={members.find((m) => m.id === open)!} />}
      <h2>{t('ai:anomalies')}</h2>
      <AnomalyList members={members} problems={problems} />
      <h2>{t('ai:programmes')}</h2>
      <ApiErrors error={programmes.error} data={programmes.data} />
      {programmes.data?.supportProgrammes.length === 0 && <p className="muted">{t('ai:noProgramme')}</p>}
      {programmes.data?.supportProgrammes.map((p) => (
        <ProgrammeSummary key={p.id} programme={p} />
      ))}
    </div>
  );
}

function EvidenceTable({ member }: { member: MemberRow }) {
  const { t, label, firm } = useI18n();
  return (
    <section className="card" data-testid="evidence">
      <h3>{t('ai:evidence.title', { firm: firm(member) })}</h3>
      <table>
        <thead>
          <tr>
            <th>{t('ai:evidence.level')}</th>
            <th>{t('ai:evidence.criterion')}</th>
            <th>{t('ai:evidence.source')}</th>
            <th>{t('ai:evidence.value')}</th>
            <th>{t('ai:evidence.target')}</th>
            <th>{t('ai:evidence.met')}</th>
          </tr>
        </thead>
        <tbody>
          {member.maturity!.evidence.map((e) => (
            <tr key={e.criterion}>
              <td>{e.level}</td>
              <td title={e.description} translate="no">
                {e.description}
              </td>
              <td>{label('EvidenceSource', e.source)}</td>
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
  const { t, fmt, label, firm } = useI18n();
  const all = members.flatMap((m) => (m.anomalies ?? []).map((a) => ({ member: m, anomaly: a })));
  const [selected, setSelected] = useState<string | null>(null);
  const shown = all.find((x) => x.anomaly.id === selected) ?? all[0];
  const withheld = members.filter((m) => m.anomalies == null && problems.has(m.id));
  return (
    <>
      {all.length === 0 && <p className="muted">{t('ai:noAnomalies')}</p>}
      {withheld.length > 0 && (
        <p className="small">
          {withheld.map((m) => (
            <span key={m.id} className="withheld-note">
              {firm(m)}: <MissingData problem={problems.get(m.id)} memberName={firm(m)} />
            </span>
          ))}
        </p>
      )}
      {all.length > 0 && (
        <div className="two-col">
          <table data-testid="anomalies">
            <thead>
              <tr>
                <th>{t('ai:anomaly.member')}</th>
                <th>{t('ai:anomaly.line')}</th>
                <th>{t('ai:anomaly.kind')}</th>
                <th>{t('ai:anomaly.since')}</th>
                <th className="num">{t('ai:anomaly.change')}</th>
                <th>{t('ai:anomaly.status')}</th>
              </tr>
            </thead>
            <tbody>
              {all.map(({ member, anomaly }) => (
                <tr key={anomaly.id} className={`clickable ${shown?.anomaly.id === anomaly.id ? 'selected' : ''}`} onClick={() => setSelected(anomaly.id)}>
                  <td>{firm(member)}</td>
                  <td>{anomaly.lineId}</td>
                  <td>{label('AnomalyKind', anomaly.kind)}</td>
                  <td>{fmt.date(anomaly.start)}</td>
                  <td className="num">{`${anomaly.magnitude > 0 ? '+' : ''}${fmt.percent(anomaly.magnitude, 0)}`}</td>
                  <td>
                    {label('AnomalyStatus', anomaly.status)}
                    {anomaly.acknowledged ? ` · ${t('ai:anomaly.actedOn')}` : ''}
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
  const { t } = useI18n();
  const option: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', name: anomaly.unit, scale: true },
    series: [
      { name: t('ai:chart.value'), type: 'line', showSymbol: true, data: anomaly.evidence.map((p) => [p.at, p.value]) },
      {
        name: t('ai:chart.baseline'),
        type: 'line',
        step: 'end',
        lineStyle: { type: 'dashed' },
        showSymbol: false,
        data: anomaly.evidence.map((p) => [p.at, p.baseline]),
      },
    ],
  };
  return <Chart testId="anomaly-evidence" option={option} style={{ height: 260 }} />;
}

/** The programme at a glance; its KPI charts and table are on the Supplier programme page. */
function ProgrammeSummary({ programme }: { programme: Programme }) {
  const { t, firm } = useI18n();
  return (
    <section className="card" data-testid="programme-summary">
      <div className="drill-head">
        <b>
          <span translate="no">{programme.name}</span> <span className="muted">{t('ai:programmeBy', { firm: firm(programme.anchor) })}</span>
        </b>
        <Link to="/programme">{t('ai:kpiLink')}</Link>
      </div>
      <p className="small">
        {programme.suppliers.map((s) => (
          <span key={s.member.id} className="withheld-note">
            {firm(s.member)}:{' '}
            {!s.progress ? (
              <span className="missing missing-unreachable">{t('ai:unreachable')}</span>
            ) : s.progress.withheld ? (
              <span className="missing missing-withheld">{t('ai:withheldBy', { firm: firm(s.member) })}</span>
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
