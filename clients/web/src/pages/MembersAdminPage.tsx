import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import {
  ApproveMemberDocument,
  MemberAdministrationDocument,
  RejectMemberDocument,
  SuspendMemberDocument,
  UpdateMemberEndpointDocument,
  type MemberAdministrationQuery,
  type MemberRole,
} from '@clustergraph/sdk';
import { ApiErrors } from '../components/ApiErrors.tsx';
import { CopyDeletions } from '../components/MoveToOwnServer.tsx';
import { useI18n } from '../i18n/useI18n.ts';

type Entry = MemberAdministrationQuery['members'][number];

/** Roles the leader may grant an applicant (LEADER belongs to the one configured leader). */
const GRANTABLE: readonly MemberRole[] = ['PARTNER', 'ANCHOR'];

/** The leader's administration of the registry: applications, members, quarantines. */
export function MembersAdminPage() {
  const { t } = useI18n();
  const [{ data, error, fetching }, refetch] = useQuery({ query: MemberAdministrationDocument, requestPolicy: 'cache-and-network' });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const members = data?.members ?? [];
  const pending = members.filter((m) => m.status === 'PENDING');
  const attention = members.filter((m) => m.status === 'QUARANTINED' || m.status === 'SUSPENDED');
  const active = members.filter((m) => m.status === 'ACTIVE');
  const rejected = members.filter((m) => m.status === 'REJECTED');

  return (
    <div className="page" data-testid="members-admin-page">
      <h1>{t('members:title')}</h1>
      <p className="muted">{t('members:intro')}</p>
      <ApiErrors error={error} />
      {fetching && !data && <p>{t('common:loading')}</p>}
      <h2>{t('members:applications')}</h2>
      {data && pending.length === 0 && <p className="muted">{t('members:noApplications')}</p>}
      {pending.map((m) => (
        <section key={m.id} className="card" data-testid={`application-${m.id}`}>
          <EntryHeader entry={m} />
          {m.statusReason && (
            <div className="api-errors" role="alert" translate="no">
              {t('members:failedApproval', { reason: m.statusReason })}
            </div>
          )}
          <ApproveForm entry={m} onDone={reload} />
          <ReasonForm entry={m} action="reject" onDone={reload} />
        </section>
      ))}
      {attention.length > 0 && <h2>{t('members:attention')}</h2>}
      {attention.map((m) => (
        <section key={m.id} className="card" data-testid={`attention-${m.id}`}>
          <EntryHeader entry={m} />
          <div className="api-errors" role="alert">
            {t('members:statusWithReason', { status: m.status, reason: m.statusReason ?? '' })}
          </div>
          <ApproveForm entry={m} onDone={reload} />
          <EndpointForm entry={m} onDone={reload} />
        </section>
      ))}
      <h2>{t('members:members')}</h2>
      {active.map((m) => (
        <section key={m.id} className="card" data-testid={`member-${m.id}`}>
          <EntryHeader entry={m} />
          {/* The leader does not suspend itself: that would lock its own admins out of this page. */}
          {!m.roles.includes('LEADER') && <ReasonForm entry={m} action="suspend" onDone={reload} />}
          <EndpointForm entry={m} onDone={reload} />
          <CopyDeletions deletions={m.copyDeletions} />
        </section>
      ))}
      {rejected.length > 0 && <h2>{t('members:rejected')}</h2>}
      {rejected.map((m) => (
        <section key={m.id} className="card" data-testid={`rejected-${m.id}`}>
          <EntryHeader entry={m} />
          <p className="muted">
            {t('members:reason')}: {m.statusReason}
          </p>
          <ApproveForm entry={m} onDone={reload} />
        </section>
      ))}
    </div>
  );
}

function EntryHeader({ entry }: { entry: Entry }) {
  const { t, fmt, label, firm } = useI18n();
  const list = (enumName: 'MemberRole' | 'ProcessType', values: readonly string[]) => values.map((v) => label(enumName, v)).join(', ') || '—';
  return (
    <>
      <h3>
        {firm(entry)} <span className="muted small">{entry.id}</span>{' '}
        <span className={`status-${entry.status.toLowerCase()}`} data-testid={`status-${entry.id}`} data-status={entry.status}>
          {label('MemberStatus', entry.status)}
        </span>
      </h3>
      <div className="muted small">
        {entry.hosting === 'HOSTED' ? t('members:hosted') : t('members:ownServer')}
        {entry.endpoint ? ` · ${entry.endpoint}` : ''} ·{' '}
        {t('members:details', {
          requested: list('MemberRole', entry.requestedRoles),
          granted: list('MemberRole', entry.roles),
          processes: list('ProcessType', entry.appliedProcesses),
          region: entry.region ?? '',
          date: fmt.date(entry.joinedAt),
        })}
      </div>
    </>
  );
}

function ApproveForm({ entry, onDone }: { entry: Entry; onDone(): void }) {
  const { t, label } = useI18n();
  const initial = entry.roles.length > 0 ? entry.roles : entry.requestedRoles;
  const [roles, setRoles] = useState<MemberRole[]>(initial.filter((r) => GRANTABLE.includes(r)));
  const [{ error, fetching }, approve] = useMutation(ApproveMemberDocument);
  const toggle = (role: MemberRole) => setRoles(roles.includes(role) ? roles.filter((r) => r !== role) : [...roles, role]);
  return (
    <form
      className="inline-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const result = await approve({ id: entry.id, roles });
        if (result.data) onDone();
      }}
    >
      {GRANTABLE.map((role) => (
        <label key={role} className="check">
          <input type="checkbox" aria-label={t('members:grant', { role, id: entry.id })} checked={roles.includes(role)} onChange={() => toggle(role)} />{' '}
          {label('MemberRole', role)}
        </label>
      ))}
      <button type="submit" className="primary" disabled={fetching || roles.length === 0} data-testid={`approve-${entry.id}`}>
        {entry.status === 'PENDING' ? t('members:approve') : t('members:reapprove')}
      </button>
      <ApiErrors error={error} />
    </form>
  );
}

/**
 * Moves a member's endpoint (after its move to another server). The cluster checks the new
 * server before it routes: it answers, serves the standard, is the same firm, and holds the data
 * of the MOVING copy; a refusal says which and changes nothing.
 */
function EndpointForm({ entry, onDone }: { entry: Entry; onDone(): void }) {
  const { t } = useI18n();
  const [endpoint, setEndpoint] = useState('');
  const [{ error, fetching }, update] = useMutation(UpdateMemberEndpointDocument);
  return (
    <form
      className="inline-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const result = await update({ id: entry.id, endpoint: endpoint.trim() });
        if (result.data) {
          setEndpoint('');
          onDone();
        }
      }}
    >
      <input
        aria-label={t('members:endpointFor', { id: entry.id })}
        placeholder={t('members:newEndpoint')}
        value={endpoint}
        onChange={(e) => setEndpoint(e.target.value)}
        style={{ width: 320 }}
      />
      <button type="submit" disabled={fetching || endpoint.trim() === ''} data-testid={`move-endpoint-${entry.id}`}>
        {fetching ? t('members:checking') : t('members:moveEndpoint')}
      </button>
      <ApiErrors error={error} />
    </form>
  );
}

function ReasonForm({ entry, action, onDone }: { entry: Entry; action: 'reject' | 'suspend'; onDone(): void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [rejected, reject] = useMutation(RejectMemberDocument);
  const [suspended, suspend] = useMutation(SuspendMemberDocument);
  const state = action === 'reject' ? rejected : suspended;
  return (
    <form
      className="inline-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const result = action === 'reject' ? await reject({ id: entry.id, reason }) : await suspend({ id: entry.id, reason });
        if (result.data) {
          setReason('');
          onDone();
        }
      }}
    >
      <input
        aria-label={t('members:reasonFor', { action, id: entry.id })}
        placeholder={t('members:reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        style={{ width: 320 }}
      />
      <button type="submit" className="danger" disabled={state.fetching || reason.trim() === ''} data-testid={`${action}-${entry.id}`}>
        {action === 'reject' ? t('members:reject') : t('members:suspend')}
      </button>
      <ApiErrors error={state.error} />
    </form>
  );
}
