import { useMemo, useState } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import {
  DataUsageCsvDocument,
  GrantSharingDocument,
  MyDataDocument,
  RevokeSharingDocument,
  UpdateSharingDocument,
  MEMBER_ROLES,
  apiEnums,
  type DataCategory,
  type Granularity,
  type MyDataQuery,
  type PolicyPurpose,
} from '@clustergraph/sdk';
import { ApiErrors } from '../components/ApiErrors.tsx';
import { ExportMyData, mayExport } from '../components/ExportMyData.tsx';
import { MoveToOwnServer } from '../components/MoveToOwnServer.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { Chart, type ChartOption } from '../charts/Chart.tsx';
import { useSession } from '../session.tsx';
import { useI18n } from '../i18n/useI18n.ts';

type MemberData = NonNullable<MyDataQuery['member']>;
type Policy = NonNullable<MemberData['sharingPolicies']>[number];
type Usage = NonNullable<MemberData['dataUsage']>[number];
type Summary = NonNullable<MemberData['dataUsageSummary']>[number];

const GRANTEE_ROLES = [...MEMBER_ROLES, 'ANY_MEMBER'];

/** The signed-in firm's own data: who may read what (policies) and who did (the usage ledger). */
export function MyDataPage() {
  const { t, label, firm } = useI18n();
  const { session } = useSession();
  const memberId = session!.memberId;
  const [includeRevoked, setIncludeRevoked] = useState(false);
  const [filters, setFilters] = useState<{ readerId: string; category: DataCategory | ''; from: string }>({ readerId: '', category: '', from: '' });
  const variables = {
    memberId,
    includeRevoked,
    readerId: filters.readerId || null,
    category: filters.category || null,
    from: filters.from ? `${filters.from}T00:00:00Z` : null,
  };
  const [{ data, error, fetching }, refetch] = useQuery({ query: MyDataDocument, variables, requestPolicy: 'cache-and-network' });
  const member = data?.member;
  const reload = () => refetch({ requestPolicy: 'network-only' });

  return (
    <div className="page" data-testid="my-data-page">
      <h1>
        {t('myData:title')}
        {member ? ` · ${firm(member)}` : ''}
      </h1>
      <p className="muted">{t('myData:intro')}</p>
      <ApiErrors error={error} data={data} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      {fetching && !data && <p>{t('common:loading')}</p>}
      {member && (
        <>
          <h2>{t('myData:policiesHeading')}</h2>
          <label className="muted">
            <input type="checkbox" checked={includeRevoked} onChange={(e) => setIncludeRevoked(e.target.checked)} /> {t('myData:showRevoked')}
          </label>
          <PolicyTable memberId={memberId} policies={member.sharingPolicies ?? []} onChanged={reload} />
          <GrantForm memberId={memberId} onGranted={reload} />
          {mayExport(session!.token) && (
            <>
              <ExportMyData memberId={memberId} />
              <MoveToOwnServer memberId={memberId} />
            </>
          )}
          <h2>{t('myData:whoRead')}</h2>
          <SummaryView summary={member.dataUsageSummary ?? []} />
          <h2>{t('myData:ledgerHeading')}</h2>
          <div className="controls" data-testid="usage-filters">
            <label>
              {t('myData:column.reader')}{' '}
              <select aria-label={t('myData:column.reader')} value={filters.readerId} onChange={(e) => setFilters({ ...filters, readerId: e.target.value })}>
                <option value="">{t('myData:all')}</option>
                {[...new Set((member.dataUsageSummary ?? []).map((s) => s.readerMemberId))].map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('myData:column.category')}{' '}
              <select
                aria-label={t('myData:column.category')}
                value={filters.category}
                onChange={(e) => setFilters({ ...filters, category: e.target.value as DataCategory | '' })}
              >
                <option value="">{t('myData:all')}</option>
                {apiEnums.DataCategory.map((c) => (
                  <option key={c} value={c}>
                    {label('DataCategory', c)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('myData:since')}{' '}
              <input aria-label={t('myData:since')} type="date" value={filters.from} onChange={(e) => setFilters({ ...filters, from: e.target.value })} />
            </label>
            <CsvButton variables={variables} />
          </div>
          <UsageTable rows={member.dataUsage ?? []} />
        </>
      )}
    </div>
  );
}

function PolicyTable({ memberId, policies, onChanged }: { memberId: string; policies: readonly Policy[]; onChanged(): void }) {
  const { t, fmt, label, ago } = useI18n();
  const [revokeState, revoke] = useMutation(RevokeSharingDocument);
  const [updateState, update] = useMutation(UpdateSharingDocument);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<{ grantee: string; purpose: PolicyPurpose; granularity: Granularity; validUntil: string }>({
    grantee: '',
    purpose: 'ANY',
    granularity: 'RAW',
    validUntil: '',
  });

  async function save(policy: Policy) {
    const result = await update({
      memberId,
      policyId: policy.id,
      input: {
        grantee: draft.grantee,
        purpose: draft.purpose,
        granularity: draft.granularity,
        validUntil: draft.validUntil ? `${draft.validUntil}T23:59:59Z` : null,
      },
    });
    if (result.data) {
      setEditing(null);
      onChanged();
    }
  }

  const columns: Column<Policy>[] = [
    {
      key: 'category',
      header: t('myData:column.category'),
      value: (p) => label('DataCategory', p.category),
      render: (p) => <b>{label('DataCategory', p.category)}</b>,
    },
    {
      key: 'grantee',
      header: t('myData:column.grantee'),
      value: (p) => p.grantee,
      render: (p) =>
        editing === p.id ? (
          <input
            aria-label={t('myData:edit.grantee')}
            value={draft.grantee}
            onChange={(e) => setDraft({ ...draft, grantee: e.target.value })}
            style={{ width: 110 }}
          />
        ) : (
          p.grantee
        ),
    },
    {
      key: 'purpose',
      header: t('myData:column.purpose'),
      value: (p) => label('PolicyPurpose', p.purpose),
      render: (p) =>
        editing === p.id ? (
          <select
            aria-label={t('myData:edit.purpose')}
            value={draft.purpose}
            onChange={(e) => setDraft({ ...draft, purpose: e.target.value as PolicyPurpose })}
          >
            {apiEnums.PolicyPurpose.map((v) => (
              <option key={v} value={v}>
                {label('PolicyPurpose', v)}
              </option>
            ))}
          </select>
        ) : (
          label('PolicyPurpose', p.purpose)
        ),
    },
    {
      key: 'granularity',
      header: t('myData:column.detail'),
      value: (p) => label('Granularity', p.granularity),
      render: (p) =>
        editing === p.id ? (
          <select
            aria-label={t('myData:edit.granularity')}
            value={draft.granularity}
            onChange={(e) => setDraft({ ...draft, granularity: e.target.value as Granularity })}
          >
            {apiEnums.Granularity.map((v) => (
              <option key={v} value={v}>
                {label('Granularity', v)}
              </option>
            ))}
          </select>
        ) : (
          label('Granularity', p.granularity)
        ),
    },
    {
      key: 'valid',
      header: t('myData:column.valid'),
      value: (p) => p.validFrom,
      render: (p) =>
        editing === p.id ? (
          <input
            aria-label={t('myData:edit.validUntil')}
            type="date"
            value={draft.validUntil}
            onChange={(e) => setDraft({ ...draft, validUntil: e.target.value })}
          />
        ) : (
          `${fmt.date(p.validFrom)} → ${p.validUntil ? fmt.date(p.validUntil) : t('myData:open')}`
        ),
    },
    { key: 'kind', header: t('myData:column.origin'), value: (p) => (p.isDefault ? t('myData:clusterDefault') : p.createdBy) },
    {
      key: 'actions',
      header: '',
      value: (p) => (p.revokedAt ? t('myData:revoked') : ''),
      render: (p) =>
        p.revokedAt ? (
          <span className="muted">{t('myData:revokedAgo', { ago: ago(p.revokedAt) })}</span>
        ) : editing === p.id ? (
          <span className="row-actions">
            <button type="button" onClick={() => void save(p)} disabled={updateState.fetching}>
              {t('myData:save')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {t('myData:cancel')}
            </button>
          </span>
        ) : (
          <span className="row-actions">
            <button
              type="button"
              onClick={() => {
                setDraft({ grantee: p.grantee, purpose: p.purpose, granularity: p.granularity, validUntil: p.validUntil ? p.validUntil.slice(0, 10) : '' });
                setEditing(p.id);
              }}
            >
              {t('myData:change')}
            </button>
            <button
              type="button"
              className="danger"
              disabled={revokeState.fetching}
              onClick={async () => {
                if ((await revoke({ memberId, policyId: p.id })).data) onChanged();
              }}
            >
              {t('myData:revoke')}
            </button>
          </span>
        ),
    },
  ];
  return (
    <>
      <ApiErrors error={revokeState.error ?? updateState.error} />
      <DataTable
        rows={policies}
        columns={columns}
        rowKey={(p) => p.id}
        initialSort={{ key: 'category' }}
        filterPlaceholder={t('myData:filterPolicies')}
        empty={t('myData:shareNothing')}
        testId="policies-table"
      />
    </>
  );
}

function GrantForm({ memberId, onGranted }: { memberId: string; onGranted(): void }) {
  const { t, label } = useI18n();
  const [form, setForm] = useState<{ category: DataCategory; grantee: string; purpose: PolicyPurpose; granularity: Granularity; validUntil: string }>({
    category: 'LINE_STATUS',
    grantee: 'LEADER',
    purpose: 'MONITORING',
    granularity: 'RAW',
    validUntil: '',
  });
  const [{ error, fetching }, grant] = useMutation(GrantSharingDocument);
  return (
    <form
      className="card inline-form"
      data-testid="grant-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const result = await grant({
          memberId,
          input: {
            category: form.category,
            grantee: form.grantee,
            purpose: form.purpose,
            granularity: form.granularity,
            ...(form.validUntil ? { validUntil: `${form.validUntil}T23:59:59Z` } : {}),
          },
        });
        if (result.data) onGranted();
      }}
    >
      <b>{t('myData:grant.grant')}</b>
      <select aria-label={t('myData:grant.category')} value={form.category} onChange={(e) => setForm({ ...form, category: e.target.value as DataCategory })}>
        {apiEnums.DataCategory.map((c) => (
          <option key={c} value={c}>
            {label('DataCategory', c)}
          </option>
        ))}
      </select>
      {t('myData:grant.to')}
      <input
        aria-label={t('myData:grant.grantee')}
        list="grantee-roles"
        value={form.grantee}
        onChange={(e) => setForm({ ...form, grantee: e.target.value })}
        style={{ width: 130 }}
      />
      <datalist id="grantee-roles">
        {GRANTEE_ROLES.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      {t('myData:grant.for')}
      <select aria-label={t('myData:grant.purpose')} value={form.purpose} onChange={(e) => setForm({ ...form, purpose: e.target.value as PolicyPurpose })}>
        {apiEnums.PolicyPurpose.map((c) => (
          <option key={c} value={c}>
            {label('PolicyPurpose', c)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('myData:grant.granularity')}
        value={form.granularity}
        onChange={(e) => setForm({ ...form, granularity: e.target.value as Granularity })}
      >
        {apiEnums.Granularity.map((c) => (
          <option key={c} value={c}>
            {label('Granularity', c)}
          </option>
        ))}
      </select>
      {t('myData:grant.until')}{' '}
      <input aria-label={t('myData:grant.validUntil')} type="date" value={form.validUntil} onChange={(e) => setForm({ ...form, validUntil: e.target.value })} />
      <button type="submit" className="primary" disabled={fetching}>
        {t('myData:grant.grant')}
      </button>
      <ApiErrors error={error} />
    </form>
  );
}

function SummaryView({ summary }: { summary: readonly Summary[] }) {
  const { t, label, ago } = useI18n();
  const readers = [...new Set(summary.map((s) => s.readerMemberId))].sort();
  const categories = [...new Set(summary.map((s) => s.category))].sort();
  const option: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 110, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'value', name: t('myData:chart.records') },
    yAxis: { type: 'category', data: readers },
    series: [
      ...categories.map((c) => ({
        name: label('DataCategory', c),
        type: 'bar' as const,
        stack: 'allowed',
        data: readers.map((r) => summary.find((s) => s.readerMemberId === r && s.category === c)?.allowedRecords ?? 0),
      })),
      {
        name: t('myData:denied'),
        type: 'bar' as const,
        stack: 'allowed',
        itemStyle: { color: '#d64545' },
        data: readers.map((r) => summary.filter((s) => s.readerMemberId === r).reduce((n, s) => n + s.deniedRecords, 0)),
      },
    ],
  };
  const columns: Column<Summary>[] = [
    { key: 'reader', header: t('myData:column.reader'), value: (s) => s.readerMemberId },
    { key: 'category', header: t('myData:column.category'), value: (s) => label('DataCategory', s.category) },
    { key: 'allowed', header: t('myData:column.recordsServed'), align: 'right', value: (s) => s.allowedRecords },
    { key: 'allowedReads', header: t('myData:column.reads'), align: 'right', value: (s) => s.allowedReads },
    {
      key: 'denied',
      header: t('myData:column.refused'),
      align: 'right',
      value: (s) => s.deniedRecords,
      render: (s) => (s.deniedRecords ? <span className="dcm-bottleneck">{s.deniedRecords}</span> : 0),
    },
    { key: 'last', header: t('myData:column.lastRead'), value: (s) => s.lastReadAt, render: (s) => ago(s.lastReadAt) },
  ];
  if (summary.length === 0) return <p className="muted">{t('myData:nobodyRead')}</p>;
  return (
    <div className="two-col">
      <DataTable
        rows={summary}
        columns={columns}
        rowKey={(s) => `${s.readerMemberId}|${s.category}`}
        initialSort={{ key: 'allowed', descending: true }}
        testId="usage-summary"
      />
      <Chart testId="usage-summary-chart" option={option} style={{ height: Math.max(180, 70 + readers.length * 40) }} />
    </div>
  );
}

function UsageTable({ rows }: { rows: readonly Usage[] }) {
  const { t, label, ago } = useI18n();
  const columns = useMemo<Column<Usage>[]>(
    () => [
      { key: 'at', header: t('myData:column.when'), value: (u) => u.at, render: (u) => <span title={u.at}>{ago(u.at)}</span> },
      { key: 'reader', header: t('myData:column.reader'), value: (u) => (u.readerUserId ? `${u.readerMemberId} (${u.readerUserId})` : u.readerMemberId) },
      { key: 'category', header: t('myData:column.category'), value: (u) => label('DataCategory', u.category) },
      { key: 'purpose', header: t('myData:column.purpose'), value: (u) => label('PolicyPurpose', u.purpose) },
      { key: 'operation', header: t('myData:column.operation'), value: (u) => u.operationName },
      { key: 'records', header: t('myData:column.records'), align: 'right', value: (u) => u.records },
      {
        key: 'allowed',
        header: t('myData:column.outcome'),
        value: (u) => (u.allowed ? t('myData:allowed') : t('myData:denied')),
        render: (u) =>
          u.allowed ? (
            <span className="dcm-ok">{t('myData:allowedWith', { granularity: u.granularity ? label('Granularity', u.granularity) : '' })}</span>
          ) : (
            <span className="dcm-bottleneck">{t('myData:denied')}</span>
          ),
      },
      { key: 'policy', header: t('myData:column.policy'), value: (u) => u.policyId },
    ],
    [t, label, ago],
  );
  return (
    <DataTable
      rows={rows}
      columns={columns}
      rowKey={(u) => `${u.at}|${u.readerMemberId}|${u.category}|${u.operationName}|${u.records}|${u.allowed}`}
      initialSort={{ key: 'at', descending: true }}
      testId="usage-table"
    />
  );
}

function CsvButton({ variables }: { variables: { memberId: string; readerId: string | null; category: DataCategory | null; from: string | null } }) {
  const { t } = useI18n();
  const client = useClient();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        onClick={async () => {
          setProblem(null);
          const result = await client.query(DataUsageCsvDocument, variables, { requestPolicy: 'network-only' }).toPromise();
          const csv = result.data?.member?.dataUsageCsv;
          if (csv == null) return setProblem(result.error?.message ?? t('myData:noCsv'));
          const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
          const a = document.createElement('a');
          a.href = url;
          a.download = `data-usage-${variables.memberId}.csv`;
          a.click();
          URL.revokeObjectURL(url);
        }}
      >
        {t('myData:downloadCsv')}
      </button>
      {problem && <span className="missing">{problem}</span>}
    </>
  );
}
