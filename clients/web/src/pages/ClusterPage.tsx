import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { ClusterOverviewDocument, type ClusterOverviewQuery } from '@clustergraph/sdk';
import { ApiErrors, MissingData, problemsOf } from '../components/ApiErrors.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { LINE_STATE_COLOURS, date, processLabel } from '../format.ts';
import { CapacitySearch } from './CapacitySearch.tsx';

type MemberRow = ClusterOverviewQuery['members'][number];

export function ClusterPage() {
  const [{ data, error, fetching }] = useQuery({ query: ClusterOverviewDocument });
  const members = useMemo(() => data?.members ?? [], [data]);
  const names = useMemo(() => new Map(members.map((m) => [m.id, m.name])), [members]);
  const problems = useMemo(() => problemsOf(error, data), [error, data]);
  const nameOf = (id: string) => names.get(id) ?? id;

  const columns = useMemo<Column<MemberRow>[]>(
    () => [
      { key: 'name', header: 'Member', value: (m) => m.name, render: (m) => <Link to={`/members/${encodeURIComponent(m.id)}`}>{m.name}</Link> },
      { key: 'roles', header: 'Roles', value: (m) => m.roles.join(', '), render: (m) => m.roles.map((r) => <span key={r} className={`chip role-${r.toLowerCase()}`}>{r}</span>) },
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
      { key: 'level', header: 'Level', align: 'right', value: (m) => m.smartFactoryLevel, render: (m) => (m.smartFactoryLevel == null ? <MissingData problem={problems.get(m.id)} memberName={m.name} /> : `${m.smartFactoryLevel} / 5`) },
      {
        key: 'processes',
        header: 'Processes',
        value: (m) => m.capabilities?.map((c) => c.process).join(', '),
        render: (m) =>
          m.capabilities ? m.capabilities.map((c) => <span key={c.process} className="chip">{processLabel(c.process)}</span>) : <MissingData problem={problems.get(m.id)} memberName={m.name} />,
      },
      {
        key: 'lines',
        header: 'Lines',
        value: (m) => (m.lines ? m.lines.length : null),
        render: (m) =>
          m.lines ? (
            <span className="line-dots">
              {m.lines.map((l) => (
                <span key={l.id} className="dot" style={{ background: l.status ? LINE_STATE_COLOURS[l.status.state] : undefined }} title={`${l.name}: ${l.status?.state ?? 'status not shared'}`} />
              ))}
              <span className="muted"> {m.lines.filter((l) => l.status?.state === 'RUNNING').length}/{m.lines.length} running</span>
            </span>
          ) : (
            <MissingData problem={problems.get(m.id)} memberName={m.name} />
          ),
      },
      { key: 'region', header: 'Region', value: (m) => m.region },
      { key: 'joined', header: 'Joined', value: (m) => m.joinedAt, render: (m) => date(m.joinedAt) },
    ],
    [problems],
  );

  const allLines = members.flatMap((m) => m.lines ?? []);
  const down = allLines.filter((l) => l.status?.state === 'DOWN').length;

  return (
    <div className="page" data-testid="cluster-page">
      <h1>{data?.cluster.name ?? 'Cluster'}</h1>
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
            <b>{allLines.filter((l) => l.status?.state === 'RUNNING').length}</b> running
          </div>
          <div className={`stat ${down ? 'bad' : ''}`}>
            <b>{down}</b> down
          </div>
          {problems.size > 0 && (
            <div className="stat bad">
              <b>{problems.size}</b> not answering in full
            </div>
          )}
        </div>
      )}
      <h2>Members</h2>
      <DataTable rows={members} columns={columns} rowKey={(m) => m.id} initialSort={{ key: 'name' }} filterPlaceholder="Filter members, roles, processes…" testId="members-table" />
      <CapacitySearch />
    </div>
  );
}
