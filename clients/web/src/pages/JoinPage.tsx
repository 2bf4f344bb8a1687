import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import {
  ApplyToJoinDocument,
  ErrorCodes,
  MyApplicationDocument,
  PROCESS_TYPES,
  login,
  type MemberHosting,
  type MemberRole,
  type MyApplicationQuery,
  type ProcessType,
} from '@clustergraph/sdk';
import { ApiErrors, formattedErrors } from '../components/ApiErrors.tsx';
import { date } from '../format.ts';
import { API_ENDPOINT, useSession } from '../session.tsx';

type Application = NonNullable<NonNullable<MyApplicationQuery['me']>['member']>;

/** Roles a firm may ask for (the cluster's one LEADER is configuration, never an application). */
const ROLES_TO_ASK: readonly MemberRole[] = ['PARTNER', 'ANCHOR'];
/** Until the leader decides, the page asks again now and then. */
const POLL_MS = 5000;

const TEXT = {
  title: 'Join the cluster',
  intro:
    'Apply for your firm. The leader of the cluster approves (granting roles) or rejects with a reason. Until then you see only your application, no member data.',
  id: 'Firm id',
  name: 'Firm name',
  region: 'Region',
  roles: 'Roles you ask for',
  processes: 'Processes you run',
  hosting: 'Where your member server runs',
  hosted: 'Host us (the cluster runs it for us)',
  selfHosted: 'Our own server',
  endpoint: 'Your member subgraph URL',
  submit: 'Apply',
  status: 'Status',
  waiting: 'Waiting for the leader’s decision.',
  approvalFailed: 'The last approval attempt failed:',
  rejected: 'Rejected:',
  approved: 'Your firm is a member now. Sign in as its admin to set up your lines, capabilities and capacity.',
  signInAdmin: 'Sign in as admin',
  refresh: 'Refresh',
};

/** The applicant's page: the application form, then the application's status and the leader's reason. */
export function JoinPage() {
  const { session, signIn } = useSession();
  const memberId = session!.memberId;
  const [{ data, error, fetching }, refetch] = useQuery({ query: MyApplicationDocument, requestPolicy: 'network-only' });
  const application = data?.me?.member ?? null;
  // Approved: the applicant sign-in is refused from now on (ALREADY_A_MEMBER); the firm's people sign in as members.
  const approved = formattedErrors(error).some((e) => e.extensions?.['code'] === ErrorCodes.alreadyAMember);
  const open = application?.status === 'PENDING';

  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), POLL_MS);
    return () => clearInterval(timer);
  }, [open, refetch]);

  const signInAsAdmin = async () => {
    const admin = `admin@${memberId}`;
    signIn(admin, await login(API_ENDPOINT, admin));
  };

  return (
    <div className="page" data-testid="join-page">
      <h1>{TEXT.title}</h1>
      <p className="muted">{TEXT.intro}</p>
      {approved ? (
        <div className="card" data-testid="application-approved">
          <p>{TEXT.approved}</p>
          <button type="button" className="primary" onClick={() => void signInAsAdmin()}>
            {TEXT.signInAdmin}
          </button>
        </div>
      ) : (
        <>
          <ApiErrors error={error} />
          {fetching && !data && <p>Loading…</p>}
          {data && !application && <ApplicationForm memberId={memberId} onApplied={() => refetch({ requestPolicy: 'network-only' })} />}
          {application && <ApplicationStatus application={application} onRefresh={() => refetch({ requestPolicy: 'network-only' })} />}
        </>
      )}
    </div>
  );
}

function ApplicationStatus({ application, onRefresh }: { application: Application; onRefresh(): void }) {
  return (
    <section className="card" data-testid="application-status">
      <h2>
        {application.name} <span className="muted small">{application.id}</span>
      </h2>
      <p>
        {TEXT.status}:{' '}
        <strong className={`status-${application.status.toLowerCase()}`} data-testid="application-state">
          {application.status}
        </strong>{' '}
        · applied {date(application.joinedAt)} · {application.hosting === 'HOSTED' ? TEXT.hosted : `${TEXT.selfHosted}: ${application.endpoint ?? ''}`}
      </p>
      <p className="muted">
        {TEXT.roles}: {application.requestedRoles.join(', ')} · {TEXT.processes}: {application.appliedProcesses.join(', ') || '—'}
      </p>
      {application.status === 'PENDING' && <p>{TEXT.waiting}</p>}
      {application.status === 'PENDING' && application.statusReason && (
        <p className="muted" data-testid="application-reason">
          {TEXT.approvalFailed} {application.statusReason}
        </p>
      )}
      {application.status === 'REJECTED' && (
        <div className="api-errors" role="alert" data-testid="application-reason">
          {TEXT.rejected} {application.statusReason}
        </div>
      )}
      <button type="button" onClick={onRefresh}>
        {TEXT.refresh}
      </button>
    </section>
  );
}

function ApplicationForm({ memberId, onApplied }: { memberId: string; onApplied(): void }) {
  const [form, setForm] = useState<{
    name: string;
    region: string;
    roles: MemberRole[];
    processes: ProcessType[];
    hosting: MemberHosting;
    endpoint: string;
  }>({ name: '', region: '', roles: ['PARTNER'], processes: [], hosting: 'HOSTED', endpoint: '' });
  const [{ error, fetching }, apply] = useMutation(ApplyToJoinDocument);
  const toggle = <T,>(list: readonly T[], value: T): T[] => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

  return (
    <form
      className="card form-grid"
      data-testid="application-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const result = await apply({
          input: {
            id: memberId,
            name: form.name,
            roles: form.roles,
            processes: form.processes,
            hosting: form.hosting,
            ...(form.region.trim() ? { region: form.region.trim() } : {}),
            ...(form.hosting === 'SELF_HOSTED' ? { endpoint: form.endpoint } : {}),
          },
        });
        if (result.data) onApplied();
      }}
    >
      <label>
        {TEXT.id} <input value={memberId} readOnly aria-label={TEXT.id} />
      </label>
      <label>
        {TEXT.name} <input required aria-label={TEXT.name} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
      </label>
      <label>
        {TEXT.region} <input aria-label={TEXT.region} value={form.region} onChange={(e) => setForm({ ...form, region: e.target.value })} />
      </label>
      <fieldset>
        <legend>{TEXT.roles}</legend>
        {ROLES_TO_ASK.map((role) => (
          <label key={role} className="check">
            <input type="checkbox" checked={form.roles.includes(role)} onChange={() => setForm({ ...form, roles: toggle(form.roles, role) })} /> {role}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{TEXT.processes}</legend>
        {PROCESS_TYPES.map((process) => (
          <label key={process} className="check">
            <input
              type="checkbox"
              aria-label={`process ${process}`}
              checked={form.processes.includes(process)}
              onChange={() => setForm({ ...form, processes: toggle(form.processes, process) })}
            />{' '}
            {process}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{TEXT.hosting}</legend>
        <label className="check">
          <input type="radio" name="hosting" checked={form.hosting === 'HOSTED'} onChange={() => setForm({ ...form, hosting: 'HOSTED' })} /> {TEXT.hosted}
        </label>
        <label className="check">
          <input type="radio" name="hosting" checked={form.hosting === 'SELF_HOSTED'} onChange={() => setForm({ ...form, hosting: 'SELF_HOSTED' })} />{' '}
          {TEXT.selfHosted}
        </label>
        {form.hosting === 'SELF_HOSTED' && (
          <input
            aria-label={TEXT.endpoint}
            placeholder="https://mes.example.kr/graphql"
            value={form.endpoint}
            onChange={(e) => setForm({ ...form, endpoint: e.target.value })}
          />
        )}
      </fieldset>
      <button type="submit" className="primary" disabled={fetching}>
        {TEXT.submit}
      </button>
      <ApiErrors error={error} />
    </form>
  );
}
