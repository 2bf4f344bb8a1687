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
import { useI18n } from '../i18n/useI18n.ts';
import { API_ENDPOINT, useSession } from '../session.tsx';

type Application = NonNullable<NonNullable<MyApplicationQuery['me']>['member']>;

/** Roles a firm may ask for (the cluster's one LEADER is configuration, never an application). */
const ROLES_TO_ASK: readonly MemberRole[] = ['PARTNER', 'ANCHOR'];
/** Until the leader decides, the page asks again now and then. */
const POLL_MS = 5000;

/** The applicant's page: the application form, then the application's status and the leader's reason. */
export function JoinPage() {
  const { t } = useI18n();
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
      <h1>{t('join:title')}</h1>
      <p className="muted">{t('join:intro')}</p>
      {approved ? (
        <div className="card" data-testid="application-approved">
          <p>{t('join:approved')}</p>
          <button type="button" className="primary" onClick={() => void signInAsAdmin()}>
            {t('join:signInAdmin')}
          </button>
        </div>
      ) : (
        <>
          <ApiErrors error={error} />
          {fetching && !data && <p>{t('common:loading')}</p>}
          {data && !application && <ApplicationForm memberId={memberId} onApplied={() => refetch({ requestPolicy: 'network-only' })} />}
          {application && <ApplicationStatus application={application} onRefresh={() => refetch({ requestPolicy: 'network-only' })} />}
        </>
      )}
    </div>
  );
}

function ApplicationStatus({ application, onRefresh }: { application: Application; onRefresh(): void }) {
  const { t, fmt, label, firm } = useI18n();
  const list = (enumName: 'MemberRole' | 'ProcessType', values: readonly string[]) => values.map((v) => label(enumName, v)).join(', ') || '—';
  return (
    <section className="card" data-testid="application-status">
      <h2>
        {firm(application)} <span className="muted small">{application.id}</span>
      </h2>
      <p>
        {t('join:status')}:{' '}
        <strong className={`status-${application.status.toLowerCase()}`} data-testid="application-state" data-status={application.status}>
          {label('MemberStatus', application.status)}
        </strong>{' '}
        · {t('join:applied', { date: fmt.date(application.joinedAt) })} ·{' '}
        {application.hosting === 'HOSTED' ? t('join:hosted') : t('join:selfHostedAt', { endpoint: application.endpoint ?? '' })}
      </p>
      <p className="muted">
        {t('join:roles')}: {list('MemberRole', application.requestedRoles)} · {t('join:processes')}: {list('ProcessType', application.appliedProcesses)}
      </p>
      {application.status === 'PENDING' && <p>{t('join:waiting')}</p>}
      {application.status === 'PENDING' && application.statusReason && (
        <p className="muted" data-testid="application-reason" translate="no">
          {t('join:approvalFailed', { reason: application.statusReason })}
        </p>
      )}
      {application.status === 'REJECTED' && (
        <div className="api-errors" role="alert" data-testid="application-reason">
          {t('join:rejected', { reason: application.statusReason ?? '' })}
        </div>
      )}
      <button type="button" onClick={onRefresh}>
        {t('join:refresh')}
      </button>
    </section>
  );
}

function ApplicationForm({ memberId, onApplied }: { memberId: string; onApplied(): void }) {
  const { t, label } = useI18n();
  const [form, setForm] = useState<{
    name: string;
    localName: string;
    region: string;
    roles: MemberRole[];
    processes: ProcessType[];
    hosting: MemberHosting;
    endpoint: string;
  }>({ name: '', localName: '', region: '', roles: ['PARTNER'], processes: [], hosting: 'HOSTED', endpoint: '' });
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
            ...(form.localName.trim() ? { localName: form.localName.trim() } : {}),
            ...(form.hosting === 'SELF_HOSTED' ? { endpoint: form.endpoint } : {}),
          },
        });
        if (result.data) onApplied();
      }}
    >
      <label>
        {t('join:id')} <input value={memberId} readOnly aria-label={t('join:id')} />
      </label>
      <label>
        {t('join:name')} <input required aria-label={t('join:name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
      </label>
      <label>
        {t('join:localName')}{' '}
        <input aria-label={t('join:localName')} value={form.localName} onChange={(e) => setForm({ ...form, localName: e.target.value })} />
      </label>
      <label>
        {t('join:region')} <input aria-label={t('join:region')} value={form.region} onChange={(e) => setForm({ ...form, region: e.target.value })} />
      </label>
      <fieldset>
        <legend>{t('join:roles')}</legend>
        {ROLES_TO_ASK.map((role) => (
          <label key={role} className="check">
            <input type="checkbox" checked={form.roles.includes(role)} onChange={() => setForm({ ...form, roles: toggle(form.roles, role) })} />{' '}
            {label('MemberRole', role)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('join:processes')}</legend>
        {PROCESS_TYPES.map((process) => (
          <label key={process} className="check">
            <input
              type="checkbox"
              aria-label={t('join:processCheck', { process })}
              checked={form.processes.includes(process)}
              onChange={() => setForm({ ...form, processes: toggle(form.processes, process) })}
            />{' '}
            {label('ProcessType', process)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('join:hosting')}</legend>
        <label className="check">
          <input type="radio" name="hosting" checked={form.hosting === 'HOSTED'} onChange={() => setForm({ ...form, hosting: 'HOSTED' })} /> {t('join:hosted')}
        </label>
        <label className="check">
          <input type="radio" name="hosting" checked={form.hosting === 'SELF_HOSTED'} onChange={() => setForm({ ...form, hosting: 'SELF_HOSTED' })} />{' '}
          {t('join:selfHosted')}
        </label>
        {form.hosting === 'SELF_HOSTED' && (
          <input
            aria-label={t('join:endpoint')}
            placeholder="https://mes.example.kr/graphql"
            value={form.endpoint}
            onChange={(e) => setForm({ ...form, endpoint: e.target.value })}
          />
        )}
      </fieldset>
      <button type="submit" className="primary" disabled={fetching}>
        {t('join:submit')}
      </button>
      <ApiErrors error={error} />
    </form>
  );
}
