import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import {
  CreateJointOrderDocument,
  JointOrderDetailDocument,
  JointOrdersDocument,
  PlanJointOrderDocument,
  ProposePlanDocument,
  addWeeks,
  apiEnums,
  isInfeasiblePlan,
  isoWeekLabel,
  mondayOf,
  type JointOrderDetailQuery,
  type JointOrdersQuery,
  type OperationInput,
  type PlannedAllocationStatus,
  type ProcessType,
} from '@clustergraph/sdk';
import { ApiErrors, PurposeNote } from '../components/ApiErrors.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { Chart, type ChartOption } from '../charts/Chart.tsx';
import { timeBarRenderItem } from '../charts/timeBars.ts';
import { weekAxis } from '../charts/weekAxis.ts';
import { date, hours, processLabel, won } from '../format.ts';
import { PLANNING } from '../urqlClient.ts';
import { watchingAnswers } from '../planning/answers.ts';
import { InfeasiblePlan } from '../planning/InfeasiblePlan.tsx';

type OrderRow = JointOrdersQuery['jointOrders'][number];
type OrderDetail = NonNullable<JointOrderDetailQuery['jointOrder']>;
type Plan = OrderDetail['plans'][number];

export const ALLOCATION_COLOURS: Record<PlannedAllocationStatus, string> = {
  NOT_PROPOSED: '#7b93b0',
  PROPOSED: '#d9a52b',
  ACCEPTED: '#2e9d5b',
  DECLINED: '#d64545',
  IN_PROGRESS: '#3b82c4',
  DONE: '#1f6b3c',
};

/** How often the page asks again for the members' answers while a plan is out. */
const ANSWER_POLL_MS = 3000;

export function JointOrdersPage() {
  const [params, setParams] = useSearchParams();
  const selected = params.get('id');
  const [creating, setCreating] = useState(false);
  const [{ data, error, fetching }, refetch] = useQuery({ query: JointOrdersDocument, context: PLANNING });
  const orders = useMemo(() => data?.jointOrders ?? [], [data]);

  const columns = useMemo<Column<OrderRow>[]>(
    () => [
      { key: 'code', header: 'Order', value: (o) => o.code, render: (o) => <b>{o.code}</b> },
      { key: 'customer', header: 'Customer', value: (o) => o.customer },
      { key: 'product', header: 'Product', value: (o) => o.product },
      { key: 'qty', header: 'Qty', align: 'right', value: (o) => o.quantity },
      { key: 'due', header: 'Due', value: (o) => o.dueDate, render: (o) => `${date(o.dueDate)} (${isoWeekLabel(o.dueDate)})` },
      {
        key: 'routing',
        header: 'Routing',
        value: (o) => o.routing.map((r) => r.process).join(' → '),
        render: (o) => o.routing.map((r) => processLabel(r.process)).join(' → '),
      },
      { key: 'status', header: 'Status', value: (o) => o.status, render: (o) => <span className={`chip order-${o.status.toLowerCase()}`}>{o.status}</span> },
      {
        key: 'plan',
        header: 'Plan',
        value: (o) => o.currentPlan?.version ?? null,
        render: (o) => (o.currentPlan ? `v${o.currentPlan.version} · ${won(o.currentPlan.totalCost)} · ${o.currentPlan.lateDays} late d` : '—'),
      },
    ],
    [],
  );

  return (
    <div className="page" data-testid="orders-page">
      <div className="drill-head">
        <h1>
          Joint orders <PurposeNote purpose="JOINT_PLANNING" />
        </h1>
        <button type="button" onClick={() => setCreating((c) => !c)}>
          {creating ? 'Close form' : 'New order'}
        </button>
      </div>
      <p className="muted">
        Customer orders split by operation across members. Plan an order (HiGHS), read the Gantt, propose it and watch the members answer.
      </p>
      <ApiErrors error={error} data={data} />
      {creating && (
        <CreateOrderForm
          onCreated={(id) => {
            setCreating(false);
            refetch({ requestPolicy: 'network-only' });
            setParams({ id });
          }}
        />
      )}
      {fetching && !data && <p>Loading orders…</p>}
      <DataTable
        rows={orders}
        columns={columns}
        rowKey={(o) => o.id}
        initialSort={{ key: 'due' }}
        onRowClick={(o) => setParams({ id: o.id })}
        filterPlaceholder="Filter orders, customers, processes…"
        empty="No joint orders yet: create one."
        testId="orders-table"
      />
      {selected && <OrderPanel key={selected} id={selected} onChanged={() => refetch({ requestPolicy: 'network-only' })} />}
    </div>
  );
}

interface OperationDraft {
  process: ProcessType;
  hoursPerUnit: string;
  setupHours: string;
  transportDaysToNext: string;
}

function CreateOrderForm({ onCreated }: { onCreated(id: string): void }) {
  const [form, setForm] = useState({ code: '', customer: '', product: '', quantity: '200', dueDate: addWeeks(mondayOf(), 4), priority: '1' });
  const [operations, setOperations] = useState<OperationDraft[]>([{ process: 'CASTING', hoursPerUnit: '0.2', setupHours: '2', transportDaysToNext: '1' }]);
  const [{ error, fetching }, create] = useMutation(CreateJointOrderDocument);
  const setOp = (i: number, patch: Partial<OperationDraft>) => setOperations((ops) => ops.map((op, j) => (j === i ? { ...op, ...patch } : op)));

  async function submit() {
    const routing: OperationInput[] = operations.map((op) => ({
      process: op.process,
      hoursPerUnit: Number(op.hoursPerUnit),
      setupHours: Number(op.setupHours || 0),
      transportDaysToNext: Number(op.transportDaysToNext || 0),
    }));
    const result = await create(
      {
        input: {
          code: form.code,
          customer: form.customer,
          product: form.product,
          quantity: Number(form.quantity),
          dueDate: form.dueDate,
          priority: Number(form.priority || 1),
          routing,
        },
      },
      PLANNING,
    );
    if (result.data) onCreated(result.data.createJointOrder.id);
  }

  return (
    <form
      className="card order-form"
      data-testid="order-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>New joint order</h2>
      <div className="form-grid">
        <label>
          Code <input aria-label="Code" required value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} />
        </label>
        <label>
          Customer <input aria-label="Customer" required value={form.customer} onChange={(e) => setForm({ ...form, customer: e.target.value })} />
        </label>
        <label>
          Product <input aria-label="Product" required value={form.product} onChange={(e) => setForm({ ...form, product: e.target.value })} />
        </label>
        <label>
          Quantity{' '}
          <input aria-label="Quantity" type="number" min={1} required value={form.quantity} onChange={(e) => setForm({ ...form, quantity: e.target.value })} />
        </label>
        <label>
          Due <input aria-label="Due date" type="date" required value={form.dueDate} onChange={(e) => setForm({ ...form, dueDate: e.target.value })} />
        </label>
        <label>
          Priority <input aria-label="Priority" type="number" min={1} value={form.priority} onChange={(e) => setForm({ ...form, priority: e.target.value })} />
        </label>
      </div>
      <h3>Routing</h3>
      <table className="routing-table">
        <thead>
          <tr>
            <th>#</th>
            <th>Process</th>
            <th>h / unit</th>
            <th>Setup h</th>
            <th>Transport days to next</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {operations.map((op, i) => (
            <tr key={i} data-testid="routing-row">
              <td>{i}</td>
              <td>
                <select aria-label={`Process ${i}`} value={op.process} onChange={(e) => setOp(i, { process: e.target.value as ProcessType })}>
                  {apiEnums.ProcessType.map((p) => (
                    <option key={p} value={p}>
                      {processLabel(p)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  aria-label={`Hours per unit ${i}`}
                  type="number"
                  step="0.01"
                  min={0}
                  required
                  value={op.hoursPerUnit}
                  onChange={(e) => setOp(i, { hoursPerUnit: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`Setup hours ${i}`}
                  type="number"
                  step="0.5"
                  min={0}
                  value={op.setupHours}
                  onChange={(e) => setOp(i, { setupHours: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`Transport days ${i}`}
                  type="number"
                  min={0}
                  value={op.transportDaysToNext}
                  onChange={(e) => setOp(i, { transportDaysToNext: e.target.value })}
                />
              </td>
              <td>
                <button type="button" disabled={operations.length === 1} onClick={() => setOperations((ops) => ops.filter((_, j) => j !== i))}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="controls">
        <button
          type="button"
          onClick={() => setOperations((ops) => [...ops, { process: 'HEAT_TREATMENT', hoursPerUnit: '0.1', setupHours: '1', transportDaysToNext: '0' }])}
        >
          Add operation
        </button>
        <button type="submit" className="primary" disabled={fetching}>
          {fetching ? 'Creating…' : 'Create order'}
        </button>
      </div>
      <ApiErrors error={error} />
    </form>
  );
}

function OrderPanel({ id, onChanged }: { id: string; onChanged(): void }) {
  const [{ data, error, fetching }, refetch] = useQuery({
    query: JointOrderDetailDocument,
    variables: { id },
    context: PLANNING,
    requestPolicy: 'network-only',
  });
  const [planState, plan] = useMutation(PlanJointOrderDocument);
  const [proposeState, propose] = useMutation(ProposePlanDocument);
  const [timeLimit, setTimeLimit] = useState('10');
  const [shownVersion, setShownVersion] = useState<number | null>(null);
  const order = data?.jointOrder;

  // Watch the members' answers arrive while a plan is out with them, and the re-plan they cause.
  const awaiting = watchingAnswers(order?.currentPlan);
  useEffect(() => {
    if (!awaiting) return;
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), ANSWER_POLL_MS);
    return () => clearInterval(timer);
  }, [awaiting, refetch]);

  if (!order) return fetching ? <p>Loading order…</p> : <ApiErrors error={error} data={data} />;
  const shown: Plan | undefined = (shownVersion != null ? order.plans.find((p) => p.version === shownVersion) : undefined) ?? order.currentPlan ?? undefined;
  const planning = planState.fetching;

  async function doPlan() {
    const limit = Number(timeLimit);
    const result = await plan({ id, options: { timeLimitSeconds: Number.isFinite(limit) && limit > 0 ? limit : 10 } }, PLANNING);
    if (result.data) {
      setShownVersion(null);
      refetch({ requestPolicy: 'network-only' });
      onChanged();
    }
  }
  async function doPropose(planId: string) {
    const result = await propose({ planId }, PLANNING);
    if (result.data) {
      refetch({ requestPolicy: 'network-only' });
      onChanged();
    }
  }

  return (
    <section className="card" data-testid="order-panel">
      <div className="drill-head">
        <h2>
          {order.code} · {order.product} × {order.quantity} for {order.customer}{' '}
          <span className={`chip order-${order.status.toLowerCase()}`}>{order.status}</span>
        </h2>
      </div>
      <p className="muted">
        Due {date(order.dueDate)} · priority {order.priority} · routing{' '}
        {order.routing.map((r) => `${r.index}: ${processLabel(r.process)} (${r.hoursPerUnit} h/unit)`).join(' → ')}
      </p>
      <ApiErrors error={error} data={data} />
      <div className="controls">
        <label>
          Solver time limit{' '}
          <input
            aria-label="Time limit (s)"
            type="number"
            min={1}
            max={120}
            value={timeLimit}
            onChange={(e) => setTimeLimit(e.target.value)}
            style={{ width: 60 }}
          />{' '}
          s
        </label>
        <button type="button" className="primary" disabled={planning || order.status === 'CANCELLED'} onClick={() => void doPlan()}>
          {order.currentPlan ? 'Re-plan' : 'Plan'}
        </button>
        {planning && (
          <span className="spinner-wrap" data-testid="planning-spinner">
            <span className="spinner" /> planning (up to {timeLimit} s)…
          </span>
        )}
        {order.plans.length > 1 && (
          <label>
            Version{' '}
            <select aria-label="Plan version" value={shown?.version ?? ''} onChange={(e) => setShownVersion(Number(e.target.value))}>
              {order.plans.map((p) => (
                <option key={p.id} value={p.version}>
                  v{p.version} · {p.status} · {p.trigger}
                </option>
              ))}
            </select>
          </label>
        )}
        {awaiting && <span className="muted">waiting for the members' answers (refreshing every {ANSWER_POLL_MS / 1000} s)</span>}
      </div>
      <ApiErrors error={planState.error ?? proposeState.error} />
      {!shown && <p className="muted">Not planned yet.</p>}
      {shown && (
        <PlanView
          order={order}
          plan={shown}
          current={shown.id === order.currentPlan?.id}
          proposing={proposeState.fetching}
          onPropose={() => void doPropose(shown.id)}
        />
      )}
    </section>
  );
}

function PlanView({ order, plan, current, proposing, onPropose }: { order: OrderDetail; plan: Plan; current: boolean; proposing: boolean; onPropose(): void }) {
  const rows = useMemo(() => {
    const keys = [...new Set(plan.allocations.map((a) => `${a.operationIndex}|${a.member.name}`))];
    return keys.sort((a, b) => Number(a.split('|')[0]) - Number(b.split('|')[0]) || a.localeCompare(b));
  }, [plan]);
  const option: ChartOption = useMemo(() => {
    const rowLabel = (key: string) => {
      const [index, member] = key.split('|');
      const op = order.routing.find((r) => r.index === Number(index));
      return `${index}. ${op ? processLabel(op.process) : ''} · ${member}`;
    };
    // Weeks from the first allocated week to the week after the due date (and completion).
    const axis = weekAxis([
      ...plan.allocations.map((a) => a.weekStart),
      addWeeks(mondayOf(order.dueDate), 1),
      ...(plan.completionDate ? [plan.completionDate] : []),
    ]);
    const data = plan.allocations.map((a) => {
      const start = axis.x(a.weekStart);
      return {
        value: [
          rows.indexOf(`${a.operationIndex}|${a.member.name}`),
          start,
          start + 1,
          a.quantity,
          a.hours,
          a.cost,
          a.status,
          a.member.name,
          a.process,
          a.weekStart,
        ],
        itemStyle: { color: ALLOCATION_COLOURS[a.status], opacity: 0.9 },
      };
    });
    const due = axis.x(order.dueDate);
    return {
      tooltip: {
        formatter: (p: { value: [number, number, number, number, number, number, string, string, ProcessType, string] }) => {
          const [, , , qty, h, cost, status, member, process, week] = p.value;
          return `<b>${member}</b> · ${processLabel(process)}<br/>${isoWeekLabel(week)}: ${qty} units, ${hours(h)}, ${won(cost)}<br/>${status}`;
        },
      },
      // Room above the plot for the due and done labels: below it they covered the week labels.
      grid: { left: 230, right: 30, top: 48, bottom: 48 },
      // One tick per ISO week, on its Monday, labelled inside the week it starts.
      xAxis: {
        type: 'value',
        min: 0,
        max: axis.mondays.length,
        interval: 1,
        axisLabel: { formatter: (v: number) => axis.label(v), align: 'left', padding: [0, 0, 0, 4], lineHeight: 14 },
        splitLine: { show: true },
      },
      yAxis: { type: 'category', data: rows.map(rowLabel), inverse: true },
      series: [
        {
          type: 'custom',
          name: 'Allocations',
          renderItem: timeBarRenderItem,
          encode: { x: [1, 2], y: 0 },
          label: { show: true, position: 'inside', color: '#fff', formatter: (p: { value: unknown[] }) => `${p.value[3]} u · ${hours(p.value[4] as number)}` },
          data,
          markLine: {
            symbol: 'none',
            // The y axis is inverse, so a line's start is the top of the plot: both labels go there,
            // one above the other, so that they never meet when the dates are close.
            label: { formatter: `due ${order.dueDate}`, position: 'start', distance: 4, color: '#b02a2a' },
            lineStyle: { color: '#b02a2a', type: 'dashed' },
            data: [
              { xAxis: due },
              ...(plan.completionDate
                ? [
                    {
                      xAxis: axis.x(plan.completionDate),
                      label: { formatter: `done ${plan.completionDate}`, position: 'start' as const, distance: 22, color: '#1d5fa8' },
                      lineStyle: { color: '#1d5fa8', type: 'dotted' as const },
                    },
                  ]
                : []),
            ],
          },
        },
      ],
    } as ChartOption;
  }, [plan, rows, order]);

  const late = plan.orders.find((o) => o.jointOrderId === order.id)?.lateDays ?? plan.lateDays;
  return (
    <div data-testid="plan-view">
      <div className="stats">
        <div className="stat">
          plan <b>v{plan.version}</b> {plan.status}
        </div>
        <div className="stat">
          <b>{won(plan.totalCost)}</b> cost
        </div>
        <div className="stat muted">
          production {won(plan.costBreakdown.production)} · transport {won(plan.costBreakdown.transport)}
        </div>
        <div className={`stat ${late > 0 ? 'bad' : ''}`} data-testid="plan-lateness">
          <b>{late}</b> days late
        </div>
        <div className="stat">
          done <b>{date(plan.completionDate)}</b>
        </div>
        <div className="stat muted">
          {plan.solverStatus}
          {plan.gap != null ? ` · gap ${(plan.gap * 100).toFixed(2)} %` : ''}
        </div>
        {/* Only a DRAFT can be proposed: an INFEASIBLE plan never (the cluster would refuse it with CONFLICT). */}
        {current && plan.status === 'DRAFT' && !isInfeasiblePlan(plan) && (
          <button type="button" className="primary" disabled={proposing} onClick={onPropose}>
            {proposing ? 'Proposing…' : 'Propose to members'}
          </button>
        )}
      </div>
      {isInfeasiblePlan(plan) && !plan.infeasibleOrderIds.includes(order.id) && (
        <div className="infeasible" role="alert" data-testid="plan-infeasible">
          Not proposed: this plan covers other orders too, and {plan.infeasibleOrderIds.join(', ')} has no valid plan in it.
        </div>
      )}
      {plan.infeasibleOrderIds.includes(order.id) && (
        <InfeasiblePlan
          orderCode={order.code}
          violations={plan.violations.filter((v) => v.jointOrderId === order.id)}
          suggestions={plan.suggestions.filter((s) => s.jointOrderId === order.id)}
          memberName={(id) => plan.allocations.find((a) => a.memberId === id)?.member.name ?? id}
        />
      )}
      {plan.allocations.length > 0 && (
        <>
          <h3>Plan by member and operation</h3>
          <div className="legend-row">
            {Object.entries(ALLOCATION_COLOURS).map(([status, colour]) => (
              <span key={status}>
                <span className="dot" style={{ background: colour }} />
                {status.toLowerCase().replace('_', ' ')}
              </span>
            ))}
          </div>
          <Chart testId="plan-gantt" renderer="svg" option={option} style={{ height: Math.max(220, 100 + rows.length * 42) }} />
        </>
      )}
      <h3>Explanation</h3>
      <ul className="explanation" data-testid="plan-explanation">
        {plan.explanation.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
      <h3>Allocations</h3>
      <table data-testid="plan-allocations">
        <thead>
          <tr>
            <th>Op</th>
            <th>Process</th>
            <th>Member</th>
            <th>Week</th>
            <th className="num">Qty</th>
            <th className="num">Hours</th>
            <th className="num">Cost</th>
            <th>Answer</th>
          </tr>
        </thead>
        <tbody>
          {plan.allocations.map((a) => (
            <tr key={a.allocationId}>
              <td>{a.operationIndex}</td>
              <td>{processLabel(a.process)}</td>
              <td>{a.member.name}</td>
              <td>{isoWeekLabel(a.weekStart)}</td>
              <td className="num">{a.quantity}</td>
              <td className="num">{hours(a.hours)}</td>
              <td className="num">{won(a.cost)}</td>
              <td>
                <span className="chip" style={{ background: ALLOCATION_COLOURS[a.status], color: '#fff' }}>
                  {a.status}
                </span>
                {a.declineReason ? <span className="muted"> {a.declineReason}</span> : null}
                {a.capacityConflict ? (
                  <span className="chip warn" title="The member's capacity no longer covers this accepted work: the next reconcile pass re-plans it.">
                    capacity conflict: {a.capacityConflict}
                  </span>
                ) : null}
                {a.withdrawal ? (
                  <span className="chip" data-testid="withdrawal" title={a.withdrawal.error ?? a.withdrawal.reason}>
                    withdrawal {a.withdrawal.state.toLowerCase()}: {a.withdrawal.reason}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {plan.version > 1 && (
        <>
          <h3>Changes against v{plan.version - 1}</h3>
          {plan.changes.length === 0 ? (
            <p className="muted">Same allocations as the previous version.</p>
          ) : (
            <table data-testid="plan-changes">
              <thead>
                <tr>
                  <th>Change</th>
                  <th>Op</th>
                  <th>Member</th>
                  <th>Week</th>
                  <th className="num">Qty before → after</th>
                  <th className="num">Hours before → after</th>
                </tr>
              </thead>
              <tbody>
                {plan.changes.map((c, i) => (
                  <tr key={i} className={`change-${c.kind.toLowerCase()}`}>
                    <td>{c.kind}</td>
                    <td>
                      {c.operationIndex} {processLabel(c.process)}
                    </td>
                    <td>{c.memberId}</td>
                    <td>{isoWeekLabel(c.weekStart)}</td>
                    <td className="num">
                      {c.quantityBefore} → {c.quantityAfter}
                    </td>
                    <td className="num">
                      {hours(c.hoursBefore)} → {hours(c.hoursAfter)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}
