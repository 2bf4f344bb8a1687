import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { ClusterOverviewDocument, type ClusterOverviewQuery } from '@clustergraph/sdk';
import { lineSummaryText } from '@clustergraph/i18n';
import { ApiErrors, MissingData, PurposeNote, problemsOf } from '../components/ApiErrors.tsx';
import { MONITORING } from '../urqlClient.ts';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { LINE_STATE_COLOURS } from '../format.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { CapacitySearch } from './CapacitySearch.tsx';

type MemberRow = ClusterOverviewQuery['members'][number];

export function ClusterPage() {
  const { t, fmt, label, firm } = useI18n();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: ClusterOverviewDocument, context: MONITORING });
  const members = useMemo(() => data?.members ?? [], [data]);
  const names = useMemo(() => new Map(members.map((m) => [m.id, firm(m)])), [members, firm]);
  const problems = useMemo(() => problemsOf(error, data), [error, data]);
  const nameOf = (id: string) => names.get(id) ?? id;

  const columns = useMemo<Column<MemberRow>[]>(
    () => [
      {
        key: 'name',
        header: t('cluster:column.member'),
        value: (m) => firm(m),
        render: (m) => <Link to={`/members/${encodeURIComponent(m.id)}`}>{firm(m)}</Link>,
      },
      {
        key: 'roles',
        header: t('cluster:column.roles'),
        value: (m) => m.roles.map((r) => label('MemberRole', r)).join(', '),
        render: (m) =>
          m.roles.map((r) => (
            <span key={r} className={`chip role-${r.toLowerCase()}`}>
              {label('MemberRole', r)}
            </span>
          )),
      },
      {
        key: 'status',
        header: t('cluster:column.status'),
        value: (m) => label('MemberStatus', m.status),
        render: (m) => (
          <span className={`status status-${m.status.toLowerCase()}`} title={m.statusReason ?? undefined}>
            {label('MemberStatus', m.status)}
            {m.statusReason ? ` — ${m.statusReason}` : ''}
          </span>
        ),
      },
      {
        key: 'level',
        header: t('cluster:column.level'),
        align: 'right',
        value: (m) => m.smartFactoryLevel,
        render: (m) =>
          m.smartFactoryLevel == null ? (
            <MissingData problem={problems.get(m.id)} memberName={firm(m)} />
          ) : (
            <span title={t('cluster:levelDeclaredTitle')}>{t('cluster:levelOfFive', { level: m.smartFactoryLevel })}</span>
          ),
      },
      {
        key: 'processes',
        header: t('cluster:column.processes'),
        value: (m) => m.capabilities?.map((c) => label('ProcessType', c.process)).join(', '),
        render: (m) =>
          m.capabilities ? (
            m.capabilities.map((c) => (
              <span key={c.process} className="chip">
                {label('ProcessType', c.process)}
              </span>
            ))
          ) : (
            <MissingData problem={problems.get(m.id)} memberName={firm(m)} />
          ),
      },
      {
        key: 'lines',
        header: t('cluster:column.lines'),
        value: (m) => (m.lines ? m.lines.length : null),
        render: (m) => {
          if (!m.lines) return <MissingData problem={problems.get(m.id)} memberName={firm(m)} />;
          const summary = lineSummaryText(t, m.lines, problems.get(m.id));
          return (
            <span className="line-dots" data-testid={`lines-${m.id}`} data-kind={summary.kind}>
              {m.lines.map((l) => (
                <span
                  key={l.id}
                  className="dot"
                  style={{ background: l.status ? LINE_STATE_COLOURS[l.status.state] : '#d5dbe1' }}
                  title={`${l.name}: ${l.status ? label('LineState', l.status.state) : t(`cluster:lineKind.${summary.kind}`)}`}
                />
              ))}
              <span className={summary.kind === 'data' ? 'muted' : `missing missing-${summary.kind}`}> {summary.text}</span>
            </span>
          );
        },
      },
      { key: 'region', header: t('cluster:column.region'), value: (m) => m.region },
      { key: 'joined', header: t('cluster:column.joined'), value: (m) => m.joinedAt, render: (m) => fmt.date(m.joinedAt) },
    ],
    [problems, t, fmt, label, firm],
  );

  const allLines = members.flatMap((m) => m.lines ?? []);
  const down = allLines.filter((l) => l.status?.state === 'DOWN').length;
  const withStatus = allLines.filter((l) => l.status).length;
  const unreachable = [...problems.values()].filter((p) => p.kind === 'unreachable');
  const withholding = [...problems.values()].filter((p) => p.kind === 'withheld');

  return (
    <div className="page" data-testid="cluster-page">
      <h1>
        {data?.cluster.name ?? t('cluster:title')}
        <PurposeNote purpose="MONITORING" />
      </h1>
      {data && (
        <p className="muted">
          {data.cluster.industry} · {data.cluster.region} ·{' '}
          {data.cluster.leaderId ? t('cluster:ledBy', { firm: nameOf(data.cluster.leaderId) }) : t('cluster:noLeader')}
        </p>
      )}
      <ApiErrors error={error} memberName={nameOf} data={data} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      {fetching && !data && <p>{t('cluster:loading')}</p>}
      {data && (
        <div className="stats">
          <div className="stat">
            <b>{members.length}</b> {t('cluster:stat.members', { count: members.length })}
          </div>
          <div className="stat">
            <b>{members.filter((m) => m.status === 'ACTIVE').length}</b> {t('cluster:stat.active')}
          </div>
          <div className="stat">
            <b>{allLines.length}</b> {t('cluster:stat.visibleLines')}
          </div>
          <div className="stat">
            <b>{allLines.filter((l) => l.status?.state === 'RUNNING').length}</b> {t('cluster:stat.runningOf', { shared: withStatus })}
          </div>
          <div className={`stat ${down ? 'bad' : ''}`}>
            <b>{down}</b> {t('cluster:stat.down')}
          </div>
          {withholding.length > 0 && (
            <div className="stat calm" data-testid="withholding-count">
              <b>{withholding.length}</b> {t('cluster:stat.withholding', { count: withholding.length })}
            </div>
          )}
          {unreachable.length > 0 && (
            <div className="stat bad" data-testid="unreachable-count">
              <b>{unreachable.length}</b> {t('cluster:stat.unreachable')}
            </div>
          )}
        </div>
      )}
      <h2>{t('cluster:membersHeading')}</h2>
      <DataTable
        rows={members}
        columns={columns}
        rowKey={(m) => m.id}
        initialSort={{ key: 'name' }}
        filterPlaceholder={t('cluster:filter')}
        testId="members-table"
      />
      <CapacitySearch />
    </div>
  );
}
