import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import {
  ApproveMemberDocument,
  MemberAdministrationDocument,
  RejectMemberDocument,
  SuspendMemberDocument,
  type MemberAdministrationQuery,
  type MemberRole,
} from '@clustergraph/sdk';
import { ApiErrors } from '../components/ApiErrors.tsx';
import { date } from '../format.ts';

type Entry = MemberAdministrationQuery['members'][number];

/** Roles the leader may grant an applicant (LEADER belongs to the one configured leader). */
const GRANTABLE: readonly MemberRole[] = ['PARTNER', 'ANCHOR'];

const TEXT = {
  title: 'Members',
  intro: 'Applications to join, and the registry: approve (choosing the roles), reject with a reason, suspend. Only the leader’s admins can change it.',
  applications: 'Applications',
  noApplications: 'No application is waiting.',
  attention: 'Quarantined and suspended',
  members: 'Members',
  rejected: 'Rejected applications',
  approve: 'Approve',
  reapprove: 'Approve again',
  reject: 'Reject',
  suspend: 'Suspend',
  reason: 'Reason',
  hosted: 'hosted by the cluster',
  failedApproval: 'Last approval failed:',
};

/** The leader's administration of the registry: applications, members, quarantines. */
export function MembersAdminPage() {
  const [{ data, error, fetching }, refetch] = useQuery({ query: MemberAdministrationDocument, requestPolicy: 'cache-and-network' });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const members = data?.members ?? [];
  const pending = members.filter((m) => m.status === 'PENDING');
  const attention = members.filter((m) => m.status === 'QUARANTINED' || m.status === 'SUSPENDED');
  const active = members.filter((m) => m.status === 'ACTIVE');
  const rejected = members.filter((m) => m.status === 'REJECTED');

  return (
    <div className="page" data-testid="members-admin-page">
      <h1>{TEXT.title}</h1>
      <p className="muted">{TEXT.intro}</p>
      <ApiErrors error={error} />
      {fetching && !data && <p>Loading…</p>}
      <h2>{TEXT.applications}</h2>
      {data && pending.length === 0 && <p className="muted">{TEXT.noApplications}</p>}
      {pending.map((m) => (
        <section key={m.id} className="card" data-testid={`application-${m.id}`}>
          <EntryHeader entry={m} />
          {m.statusReason && (
            <div className="api-errors" role="alert">
              {TEXT.failedApproval} {m.statusReason}
            </div>
          )}
          <ApproveForm entry={m} onDone={reload} />
          <ReasonForm entry={m} action="reject" onDone={reload} />
        </section>
      ))}
      {attention.length > 0 && <h2>{TEXT.attention}</h2>}
      {attention.map((m) => (
        <section key={m.id} className="card" data-testid={`attention-${m.id}`}>
          <EntryHeader entry={m} />
          <div className="api-errors" role="alert">
            {m.status}: {m.statusReason}
          </div>
          <ApproveForm entry={m} onDone={reload} />
        </section>
      ))}
      <h2>{TEXT.members}</h2>
      {active.map((m) => (
        <section key={m.id} className="card" data-testid={`member-${m.id}`}>
          <EntryHeader entry={m} />
          <ReasonForm entry={m} action="suspend" onDone={reload} />
        </section>
      ))}
      {rejected.length > 0 && <h2>{TEXT.rejected}</h2>}
      {rejected.map((m) => (
        <section key={m.id} className="card" data-testid={`rejected-${m.id}`}>
          <EntryHeader entry={m} />
          <p className="muted">
            {TEXT.reason}: {m.statusReason}
          </p>
          <ApproveForm entry={m} onDone={reload} />
        </section>
      ))}
    </div>
  );
}

function EntryHeader({ entry }: { entry: Entry }) {
  return (
    <>
      <h3>
        {entry.name} <span className="muted small">{entry.id}</span>{' '}
        <span className={`status-${entry.status.toLowerCase()}`} data-testid={`status-${entry.id}`}>
          {entry.status}
        </span>
      </h3>
      <div className="muted small">
        {entry.hosting === 'HOSTED' ? TEXT.hosted : 'own server'}
        {entry.endpoint ? ` · ${entry.endpoint}` : ''} · asked for {entry.requestedRoles.join(', ') || '—'} · granted {entry.roles.join(', ') || '—'} ·
        processes {entry.appliedProcesses.join(', ') || '—'} · {entry.region ?? ''} · since {date(entry.joinedAt)}
      </div>
    </>
  );
}

function ApproveForm({ entry, onDone }: { entry: Entry; onDone(): void }) {
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
          <input type="checkbox" aria-label={`grant ${role} to ${entry.id}`} checked={roles.includes(role)} onChange={() => toggle(role)} /> {role}
        </label>
      ))}
      <button type="submit" className="primary" disabled={fetching || roles.length === 0} data-testid={`approve-${entry.id}`}>
        {entry.status === 'PENDING' ? TEXT.approve : TEXT.reapprove}
      </button>
      <ApiErrors error={error} />
    </form>
  );
}

function ReasonForm({ entry, action, onDone }: { entry: Entry; action: 'reject' | 'suspend'; onDone(): void }) {
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
        aria-label={`${action} reason for ${entry.id}`}
        placeholder={TEXT.reason}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        style={{ width: 320 }}
      />
      <button type="submit" className="danger" disabled={state.fetching || reason.trim() === ''} data-testid={`${action}-${entry.id}`}>
        {action === 'reject' ? TEXT.reject : TEXT.suspend}
      </button>
      <ApiErrors error={state.error} />
    </form>
  );
}
