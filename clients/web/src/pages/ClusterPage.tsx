import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { ClusterOverviewDocument, lineStatusSummary, type ClusterOverviewQuery } from '@clustergraph/sdk';
import { ApiErrors, MissingData, PurposeNote, problemsOf } from '../components/ApiErrors.tsx';
import { MONITORING } from '../urqlClient.ts';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { LINE_STATE_COLOURS, date, processLabel } from '../format.ts';
import { CapacitySearch } from './CapacitySearch.tsx';

type MemberRow = ClusterOverviewQuery['members'][number];

export function ClusterPage() {
  const [{ data, error, fetching }] = useQuery({ query: ClusterOverviewDocument, context: MONITORING });
  const members = useMemo(() => data?.members ?? [], [data]);
  const names = useMemo(() => new Map(members.map((m) => [m.id, m.name])), [members]);
  const problems = useMemo(() => problemsOf(error, data), [error, data]);
  const nameOf = (id: string) => names.get(id) ?? id;

  const columns = useMemo<Column<MemberRow>[]>(
    () => [
      { key: 'name', header: 'Member', value: (m) => m.name, render: (m) => <Link to={`/members/${encodeURIComponent(m.id)}`}>{m.name}</Link> },
      {
        key: 'roles',
        header: 'Roles',
        value: (m) => m.roles.join(', '),
        render: (m) =>
          m.roles.map((r) => (
            <span key={r} className={`chip role-${r.toLowerCase()}`}>
              {r}
            </span>
          )),
      },
      {
        key: 'status',
        header: 'Status',
        value: (m) => m.status,
        render: (m) => (
          <span className={`status status-${m.status.toLowerCase()}`} title={m.statusReason ?? undefined}>
            {m.status}
            {m.statusReason ? ` — ${m.statusReason}` : ''}
          </span>
        ),
      },
      {
        key: 'level',
        header: 'Level (declared)',
        align: 'right',
        value: (m) => m.smartFactoryLevel,
        render: (m) =>
          m.smartFactoryLevel == null ? (
            <MissingData problem={problems.get(m.id)} memberName={m.name} />
          ) : (
            <span title="declared by the firm in its profile; the AI transition page shows the level computed from its data">{m.smartFactoryLevel} / 5</span>
          ),
      },
      {
        key: 'processes',
        header: 'Processes',
        value: (m) => m.capabilities?.map((c) => c.process).join(', '),
        render: (m) =>
          m.capabilities ? (
            m.capabilities.map((c) => (
              <span key={c.process} className="chip">
                {processLabel(c.process)}
              </span>
            ))
          ) : (
            <MissingData problem={problems.get(m.id)} memberName={m.name} />
          ),
      },
      {
        key: 'lines',
        header: 'Lines',
        value: (m) => (m.lines ? m.lines.length : null),
        render: (m) => {
          if (!m.lines) return <MissingData problem={problems.get(m.id)} memberName={m.name} />;
          const summary = lineStatusSummary(m.lines, problems.get(m.id));
          return (
            <span className="line-dots" data-testid={`lines-${m.id}`} data-kind={summary.kind}>
              {m.lines.map((l) => (
                <span
                  key={l.id}
                  className="dot"
                  style={{ background: l.status ? LINE_STATE_COLOURS[l.status.state] : '#d5dbe1' }}
                  title={`${l.name}: ${l.status?.state ?? summary.kind}`}
                />
              ))}
              <span className={summary.kind === 'data' ? 'muted' : `missing missing-${summary.kind}`}> {summary.text}</span>
            </span>
          );
        },
      },
      { key: 'region', header: 'Region', value: (m) => m.region },
      { key: 'joined', header: 'Joined', value: (m) => m.joinedAt, render: (m) => date(m.joinedAt) },
    ],
    [problems],
  );

  const allLines = members.flatMap((m) => m.lines ?? []);
  const down = allLines.filter((l) => l.status?.state === 'DOWN').length;
  const withStatus = allLines.filter((l) => l.status).length;
  const unreachable = [...problems.values()].filter((p) => p.kind === 'unreachable');
  const withholding = [...problems.values()].filter((p) => p.kind === 'withheld');

  return (
    <div className="page" data-testid="cluster-page">
      <h1>
        {data?.cluster.name ?? 'Cluster'}
        <PurposeNote purpose="MONITORING" />
      </h1>
      {data && (
        <p className="muted">
          {data.cluster.industry} · {data.cluster.region} · led by {data.cluster.leaderId ? nameOf(data.cluster.leaderId) : 'nobody yet'}
        </p>
      )}
      <ApiErrors error={error} memberName={nameOf} data={data} />
      {fetching && !data && <p>Loading members…</p>}
      {data && (
        <div className="stats">
          <div className="stat">
            <b>{members.length}</b> members
          </div>
          <div className="stat">
            <b>{members.filter((m) => m.status === 'ACTIVE').length}</b> active
          </div>
          <div className="stat">
            <b>{allLines.length}</b> visible lines
          </div>
          <div className="stat">
            <b>{allLines.filter((l) => l.status?.state === 'RUNNING').length}</b> running of {withStatus} whose status is shared
          </div>
          <div className={`stat ${down ? 'bad' : ''}`}>
            <b>{down}</b> down
          </div>
          {withholding.length > 0 && (
            <div className="stat calm" data-testid="withholding-count">
              <b>{withholding.length}</b> {withholding.length === 1 ? 'firm withholds' : 'firms withhold'} some data
            </div>
          )}
          {unreachable.length > 0 && (
            <div className="stat bad" data-testid="unreachable-count">
              <b>{unreachable.length}</b> unreachable
            </div>
          )}
        </div>
      )}
      <h2>Members</h2>
      <DataTable
        rows={members}
        columns={columns}
        rowKey={(m) => m.id}
        initialSort={{ key: 'name' }}
        filterPlaceholder="Filter members, roles, processes…"
        testId="members-table"
      />
      <CapacitySearch />
    </div>
  );
}
