import { useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import {
  MemberAllocationsDocument,
  RespondToAllocationDocument,
  apiEnums,
  isoWeek,
  type AllocationStatus,
  type MemberAllocationsQuery,
  type NeighbourOperationFieldsFragment,
} from '@clustergraph/sdk';
import { ApiErrors, PurposeNote } from '../components/ApiErrors.tsx';
import { PLANNING } from '../urqlClient.ts';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { ServerText } from '../components/ServerText.tsx';
import { useSession } from '../session.tsx';
import { useI18n, type ConsoleI18n } from '../i18n/useI18n.ts';

type Allocation = NonNullable<NonNullable<MemberAllocationsQuery['member']>['allocations']>[number];

export const ALLOCATION_STATUS_COLOURS: Record<AllocationStatus, string> = {
  PROPOSED: '#d9a52b',
  ACCEPTED: '#2e9d5b',
  DECLINED: '#d64545',
  IN_PROGRESS: '#3b82c4',
  DONE: '#1f6b3c',
  WITHDRAWN: '#8a8f98',
};

/**
 * Work the leader's planner proposed to the signed-in firm, from joint orders: accept it,
 * or decline it with a reason. The answer is written on the firm's own subgraph; the
 * leader's Joint orders page picks it up from there.
 */
export function MyAllocationsPage() {
  const i18n = useI18n();
  const { t, fmt, label, firm } = i18n;
  const { session } = useSession();
  const memberId = session!.memberId;
  const [status, setStatus] = useState<AllocationStatus | ''>('');
  const [{ data, error, fetching }, refetch] = useQuery({
    query: MemberAllocationsDocument,
    variables: { memberId, status: status || null },
    requestPolicy: 'cache-and-network',
    context: PLANNING,
  });
  const allocations = useMemo(() => data?.member?.allocations ?? [], [data]);
  const waiting = allocations.filter((a) => a.status === 'PROPOSED');
  const reload = () => refetch({ requestPolicy: 'network-only' });
  // "in progress" in English, the word itself in Korean.
  const statusWord = (value: AllocationStatus) => label('AllocationStatus', value).toLowerCase().replace('_', ' ');

  // Not memoised: the answer buttons refetch with the current filter.
  const columns: Column<Allocation>[] = [
    {
      key: 'order',
      header: t('allocations:column.order'),
      value: (a) => (a.proposal ? `${a.proposal.orderCode} ${a.proposal.product} ${a.proposal.customer}` : a.jointOrderId),
      render: (a) =>
        a.proposal ? (
          <div data-testid={`order-${a.id}`}>
            <b>{a.proposal.orderCode}</b> · {a.proposal.product}
            <div className="muted small">
              {t('allocations:orderDetail', {
                customer: a.proposal.customer,
                quantity: fmt.number(a.proposal.orderQuantity, 0),
                due: fmt.date(a.proposal.dueDate),
                version: a.proposal.planVersion,
              })}
            </div>
          </div>
        ) : (
          <span className="muted">{a.jointOrderId}</span>
        ),
    },
    {
      key: 'process',
      header: t('allocations:column.operation'),
      value: (a) => a.operationIndex,
      render: (a) => `${a.operationIndex}. ${label('ProcessType', a.process)}`,
    },
    {
      key: 'week',
      header: t('allocations:column.week'),
      value: (a) => a.weekStart,
      render: (a) => `${fmt.week(a.weekStart)} (${fmt.date(a.weekStart)})`,
    },
    { key: 'qty', header: t('allocations:column.quantity'), align: 'right', value: (a) => a.quantity },
    {
      key: 'hours',
      header: t('allocations:column.hours'),
      align: 'right',
      value: (a) => a.hours,
      render: (a) => fmt.hours(a.hours),
    },
    {
      key: 'price',
      header: t('allocations:column.price'),
      align: 'right',
      value: (a) => a.proposal?.price,
      render: (a) =>
        a.proposal ? (
          <span data-testid={`price-${a.id}`}>
            {fmt.won(a.proposal.price)}
            <div className="muted small">{t('allocations:perHour', { price: fmt.won(a.proposal.pricePerHour) })}</div>
          </span>
        ) : (
          '—'
        ),
    },
    {
      key: 'neighbours',
      header: t('allocations:column.neighbours'),
      value: (a) => [a.proposal?.previousOperation, a.proposal?.nextOperation].map((o) => neighbourText(i18n, o)).join(' '),
      render: (a) =>
        a.proposal ? (
          <div className="small" data-testid={`neighbours-${a.id}`}>
            <div>← {neighbourText(i18n, a.proposal.previousOperation) || t('allocations:firstOperation')}</div>
            <div>→ {neighbourText(i18n, a.proposal.nextOperation) || t('allocations:lastOperation')}</div>
          </div>
        ) : (
          '—'
        ),
    },
    {
      key: 'status',
      header: t('allocations:column.status'),
      value: (a) => label('AllocationStatus', a.status),
      render: (a) => (
        <>
          <span
            className="chip"
            style={{
              background: ALLOCATION_STATUS_COLOURS[a.status],
              color: '#fff',
            }}
            data-testid={`status-${a.id}`}
          >
            {label('AllocationStatus', a.status)}
          </span>
          <ServerText text={a.declineReason} />
          <ServerText text={a.withdrawReason} />
          {a.capacityConflict ? (
            <span className="chip warn" title={a.capacityConflict.reason} data-testid={`conflict-${a.id}`}>
              {t('allocations:capacityConflict', { reason: a.capacityConflict.reason })}
            </span>
          ) : null}
        </>
      ),
    },
    {
      key: 'progress',
      header: t('allocations:column.progress'),
      align: 'right',
      value: (a) => a.progress,
      render: (a) => fmt.percent(a.progress, 0),
    },
    {
      key: 'answered',
      header: t('allocations:column.answered'),
      value: (a) => a.respondedAt,
      render: (a) => (a.respondedAt ? fmt.date(a.respondedAt) : '—'),
    },
    {
      key: 'answer',
      header: t('allocations:column.answer'),
      value: (a) => (a.status === 'PROPOSED' ? 0 : 1),
      render: (a) => (a.status === 'PROPOSED' ? <AnswerButtons memberId={memberId} allocation={a} onAnswered={reload} /> : null),
    },
  ];

  return (
    <div className="page" data-testid="allocations-page">
      <h1>
        {t('allocations:title')}
        {data?.member ? ` · ${firm(data.member)}` : ''}
        <PurposeNote purpose="JOINT_PLANNING" />
      </h1>
      <p className="muted">{t('allocations:intro')}</p>
      <ApiErrors error={error} data={data} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      {fetching && !data && <p>{t('allocations:loading')}</p>}
      {data && (
        <div className="stats">
          <div className={`stat ${waiting.length ? 'bad' : ''}`} data-testid="waiting-count">
            <b>{waiting.length}</b> {t('allocations:stat.waiting')}
          </div>
          <div className="stat">
            <b>{allocations.filter((a) => a.status === 'ACCEPTED' || a.status === 'IN_PROGRESS').length}</b> {t('allocations:stat.accepted')}
          </div>
          <div className="stat">
            <b>{fmt.hours(allocations.filter((a) => a.status !== 'DECLINED').reduce((sum, a) => sum + a.hours, 0))}</b> {t('allocations:stat.ofWork')}
          </div>
        </div>
      )}
      <div className="controls">
        <label>
          {t('allocations:column.status')}{' '}
          <select aria-label={t('allocations:statusFilter')} value={status} onChange={(e) => setStatus(e.target.value as AllocationStatus | '')}>
            <option value="">{t('allocations:all')}</option>
            {apiEnums.AllocationStatus.map((s) => (
              <option key={s} value={s}>
                {statusWord(s)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={reload}>
          {t('allocations:refresh')}
        </button>
      </div>
      <DataTable
        rows={allocations}
        columns={columns}
        rowKey={(a) => a.id}
        initialSort={{ key: 'week' }}
        filterPlaceholder={t('allocations:filter')}
        empty={status ? t('allocations:noneWithStatus', { status: statusWord(status) }) : t('allocations:none')}
        testId="allocations-table"
      />
    </div>
  );
}

/** "Casting by Daesung Precision Casting W50 (300 u), 1 day transport" — an operation next to yours and who does it. */
function neighbourText({ t, label, firm }: ConsoleI18n, operation: NeighbourOperationFieldsFragment | null | undefined): string {
  if (!operation) return '';
  // The short week of the same year: "W05" / "5주차".
  const week = (weekStart: string) => {
    const number = isoWeek(weekStart).week;
    return t('allocations:shortWeek', { number, padded: String(number).padStart(2, '0') });
  };
  const who = operation.assignments.length
    ? operation.assignments.map((x) => t('allocations:neighbourAssignment', { firm: firm(x.member), week: week(x.weekStart), quantity: x.quantity })).join(', ')
    : t('allocations:notPlannedYet');
  return t('allocations:neighbour', { index: operation.operationIndex, process: label('ProcessType', operation.process), who });
}

function AnswerButtons({ memberId, allocation, onAnswered }: { memberId: string; allocation: Allocation; onAnswered(): void }) {
  const { t } = useI18n();
  const [{ fetching, error }, respond] = useMutation(RespondToAllocationDocument);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');

  async function answer(accept: boolean) {
    const result = await respond({
      memberId,
      id: allocation.id,
      accept,
      reason: accept ? null : reason.trim() || null,
    });
    if (result.data) onAnswered();
  }

  return (
    <div className="answer" data-testid={`answer-${allocation.id}`}>
      {!declining ? (
        <span className="row-actions">
          <button type="button" className="primary" disabled={fetching} onClick={() => void answer(true)}>
            {t('allocations:accept')}
          </button>
          <button type="button" className="danger" disabled={fetching} onClick={() => setDeclining(true)}>
            {t('allocations:declineEllipsis')}
          </button>
        </span>
      ) : (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void answer(false);
          }}
        >
          <input
            aria-label={t('allocations:declineReason')}
            placeholder={t('allocations:declinePlaceholder')}
            required
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <button type="submit" className="danger" disabled={fetching || !reason.trim()}>
            {t('allocations:decline')}
          </button>
          <button type="button" onClick={() => setDeclining(false)}>
            {t('allocations:cancel')}
          </button>
        </form>
      )}
      <ApiErrors error={error} />
    </div>
  );
}
