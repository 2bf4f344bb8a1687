import { useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import {
  MemberAllocationsDocument,
  RespondToAllocationDocument,
  apiEnums,
  isoWeekLabel,
  type AllocationStatus,
  type MemberAllocationsQuery,
  type NeighbourOperationFieldsFragment,
} from '@clustergraph/sdk';
import { ApiErrors, PurposeNote } from '../components/ApiErrors.tsx';
import { PLANNING } from '../urqlClient.ts';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { date, hours, processLabel, won } from '../format.ts';
import { useSession } from '../session.tsx';

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

  // Not memoised: the answer buttons refetch with the current filter.
  const columns: Column<Allocation>[] = [
    {
      key: 'order',
      header: 'Order',
      value: (a) => (a.proposal ? `${a.proposal.orderCode} ${a.proposal.product} ${a.proposal.customer}` : a.jointOrderId),
      render: (a) =>
        a.proposal ? (
          <div data-testid={`order-${a.id}`}>
            <b>{a.proposal.orderCode}</b> · {a.proposal.product}
            <div className="muted small">
              for {a.proposal.customer} · {a.proposal.orderQuantity.toLocaleString('en-US')} units due {date(a.proposal.dueDate)} · plan v
              {a.proposal.planVersion}
            </div>
          </div>
        ) : (
          <span className="muted">{a.jointOrderId}</span>
        ),
    },
    {
      key: 'process',
      header: 'Your operation',
      value: (a) => a.operationIndex,
      render: (a) => `${a.operationIndex}. ${processLabel(a.process)}`,
    },
    {
      key: 'week',
      header: 'Week',
      value: (a) => a.weekStart,
      render: (a) => `${isoWeekLabel(a.weekStart)} (${date(a.weekStart)})`,
    },
    { key: 'qty', header: 'Qty', align: 'right', value: (a) => a.quantity },
    {
      key: 'hours',
      header: 'Hours',
      align: 'right',
      value: (a) => a.hours,
      render: (a) => hours(a.hours),
    },
    {
      key: 'price',
      header: 'Price',
      align: 'right',
      value: (a) => a.proposal?.price,
      render: (a) =>
        a.proposal ? (
          <span data-testid={`price-${a.id}`}>
            {won(a.proposal.price)}
            <div className="muted small">{won(a.proposal.pricePerHour)}/h</div>
          </span>
        ) : (
          '—'
        ),
    },
    {
      key: 'neighbours',
      header: 'Before and after yours',
      value: (a) => [a.proposal?.previousOperation, a.proposal?.nextOperation].map(neighbourText).join(' '),
      render: (a) =>
        a.proposal ? (
          <div className="small" data-testid={`neighbours-${a.id}`}>
            <div>← {neighbourText(a.proposal.previousOperation) || 'first operation'}</div>
            <div>→ {neighbourText(a.proposal.nextOperation) || 'last operation'}</div>
          </div>
        ) : (
          '—'
        ),
    },
    {
      key: 'status',
      header: 'Status',
      value: (a) => a.status,
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
            {a.status}
          </span>
          {a.declineReason ? <span className="muted"> {a.declineReason}</span> : null}
          {a.withdrawReason ? <span className="muted"> {a.withdrawReason}</span> : null}
          {a.capacityConflict ? (
            <span className="chip warn" title={a.capacityConflict.reason} data-testid={`conflict-${a.id}`}>
              capacity conflict: {a.capacityConflict.reason}
            </span>
          ) : null}
        </>
      ),
    },
    {
      key: 'progress',
      header: 'Progress',
      align: 'right',
      value: (a) => a.progress,
      render: (a) => `${Math.round(a.progress * 100)} %`,
    },
    {
      key: 'answered',
      header: 'Answered',
      value: (a) => a.respondedAt,
      render: (a) => (a.respondedAt ? date(a.respondedAt) : '—'),
    },
    {
      key: 'answer',
      header: 'Your answer',
      value: (a) => (a.status === 'PROPOSED' ? 0 : 1),
      render: (a) => (a.status === 'PROPOSED' ? <AnswerButtons memberId={memberId} allocation={a} onAnswered={reload} /> : null),
    },
  ];

  return (
    <div className="page" data-testid="allocations-page">
      <h1>
        My allocations{data?.member ? ` · ${data.member.name}` : ''}
        <PurposeNote purpose="JOINT_PLANNING" />
      </h1>
      <p className="muted">
        Work the cluster leader's planner proposed to your firm from joint orders. Accept it, or decline it with a reason: the leader sees your answer on its
        Joint orders page and can re-plan.
      </p>
      <ApiErrors error={error} data={data} />
      {fetching && !data && <p>Loading allocations…</p>}
      {data && (
        <div className="stats">
          <div className={`stat ${waiting.length ? 'bad' : ''}`} data-testid="waiting-count">
            <b>{waiting.length}</b> waiting for your answer
          </div>
          <div className="stat">
            <b>{allocations.filter((a) => a.status === 'ACCEPTED' || a.status === 'IN_PROGRESS').length}</b> accepted
          </div>
          <div className="stat">
            <b>{hours(allocations.filter((a) => a.status !== 'DECLINED').reduce((sum, a) => sum + a.hours, 0))}</b> of work
          </div>
        </div>
      )}
      <div className="controls">
        <label>
          Status{' '}
          <select aria-label="Status filter" value={status} onChange={(e) => setStatus(e.target.value as AllocationStatus | '')}>
            <option value="">all</option>
            {apiEnums.AllocationStatus.map((s) => (
              <option key={s} value={s}>
                {s.toLowerCase().replace('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </div>
      <DataTable
        rows={allocations}
        columns={columns}
        rowKey={(a) => a.id}
        initialSort={{ key: 'week' }}
        filterPlaceholder="Filter orders, processes, statuses…"
        empty={status ? `No ${status.toLowerCase()} allocations.` : 'No allocations: the leader has proposed no work to your firm yet.'}
        testId="allocations-table"
      />
    </div>
  );
}

/** "Casting by Daesung Precision Casting W50 (300 u), 1 day transport" — an operation next to yours and who does it. */
function neighbourText(operation: NeighbourOperationFieldsFragment | null | undefined): string {
  if (!operation) return '';
  const who = operation.assignments.length
    ? operation.assignments.map((x) => `${x.member.name} ${isoWeekLabel(x.weekStart).slice(5)} (${x.quantity} u)`).join(', ')
    : 'not planned yet';
  return `${operation.operationIndex}. ${processLabel(operation.process)} by ${who}`;
}

function AnswerButtons({ memberId, allocation, onAnswered }: { memberId: string; allocation: Allocation; onAnswered(): void }) {
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
            Accept
          </button>
          <button type="button" className="danger" disabled={fetching} onClick={() => setDeclining(true)}>
            Decline…
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
            aria-label="Decline reason"
            placeholder="Why (e.g. die repair that week)"
            required
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <button type="submit" className="danger" disabled={fetching || !reason.trim()}>
            Decline
          </button>
          <button type="button" onClick={() => setDeclining(false)}>
            Cancel
          </button>
        </form>
      )}
      <ApiErrors error={error} />
    </div>
  );
}
