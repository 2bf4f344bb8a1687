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
import { useI18n } from '../i18n/useI18n.ts';
import { PLANNING } from '../urqlClient.ts';
import { watchingAnswers } from '../planning/answers.ts';
import { InfeasiblePlan } from '../planning/InfeasiblePlan.tsx';
import { ServerText } from '../components/ServerText.tsx';

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
  const { t, fmt, label } = useI18n();
  const [params, setParams] = useSearchParams();
  const selected = params.get('id');
  const [creating, setCreating] = useState(false);
  const [{ data, error, fetching }, refetch] = useQuery({ query: JointOrdersDocument, context: PLANNING });
  const orders = useMemo(() => data?.jointOrders ?? [], [data]);

  const columns = useMemo<Column<OrderRow>[]>(
    () => [
      { key: 'code', header: t('orders:column.order'), value: (o) => o.code, render: (o) => <b>{o.code}</b> },
      { key: 'customer', header: t('orders:column.customer'), value: (o) => o.customer },
      { key: 'product', header: t('orders:column.product'), value: (o) => o.product },
      { key: 'qty', header: t('orders:column.quantity'), align: 'right', value: (o) => o.quantity },
      { key: 'due', header: t('orders:column.due'), value: (o) => o.dueDate, render: (o) => `${fmt.date(o.dueDate)} (${fmt.week(o.dueDate)})` },
      {
        key: 'routing',
        header: t('orders:column.routing'),
        value: (o) => o.routing.map((r) => label('ProcessType', r.process)).join(' → '),
        render: (o) => o.routing.map((r) => label('ProcessType', r.process)).join(' → '),
      },
      {
        key: 'status',
        header: t('orders:column.status'),
        value: (o) => label('JointOrderStatus', o.status),
        render: (o) => <span className={`chip order-${o.status.toLowerCase()}`}>{label('JointOrderStatus', o.status)}</span>,
      },
      {
        key: 'plan',
        header: t('orders:column.plan'),
        value: (o) => o.currentPlan?.version ?? null,
        render: (o) =>
          o.currentPlan
            ? t('orders:planCell', { version: o.currentPlan.version, cost: fmt.won(o.currentPlan.totalCost), lateDays: o.currentPlan.lateDays })
            : '—',
      },
    ],
    [t, fmt, label],
  );

  return (
    <div className="page" data-testid="orders-page">
      <div className="drill-head">
        <h1>
          {t('orders:title')} <PurposeNote purpose="JOINT_PLANNING" />
        </h1>
        <button type="button" onClick={() => setCreating((c) => !c)}>
          {creating ? t('orders:closeForm') : t('orders:newOrder')}
        </button>
      </div>
      <p className="muted">{t('orders:intro')}</p>
      <ApiErrors error={error} data={data} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      {creating && (
        <CreateOrderForm
          onCreated={(id) => {
            setCreating(false);
            refetch({ requestPolicy: 'network-only' });
            setParams({ id });
          }}
        />
      )}
      {fetching && !data && <p>{t('orders:loading')}</p>}
      <DataTable
        rows={orders}
        columns={columns}
        rowKey={(o) => o.id}
        initialSort={{ key: 'due' }}
        onRowClick={(o) => setParams({ id: o.id })}
        filterPlaceholder={t('orders:filter')}
        empty={t('orders:none')}
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
  const { t, label } = useI18n();
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
      <h2>{t('orders:form.title')}</h2>
      <div className="form-grid">
        <label>
          {t('orders:form.code')}{' '}
          <input aria-label={t('orders:form.code')} required value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} />
        </label>
        <label>
          {t('orders:form.customer')}{' '}
          <input aria-label={t('orders:form.customer')} required value={form.customer} onChange={(e) => setForm({ ...form, customer: e.target.value })} />
        </label>
        <label>
          {t('orders:form.product')}{' '}
          <input aria-label={t('orders:form.product')} required value={form.product} onChange={(e) => setForm({ ...form, product: e.target.value })} />
        </label>
        <label>
          {t('orders:form.quantity')}{' '}
          <input
            aria-label={t('orders:form.quantity')}
            type="number"
            min={1}
            required
            value={form.quantity}
            onChange={(e) => setForm({ ...form, quantity: e.target.value })}
          />
        </label>
        <label>
          {t('orders:form.due')}{' '}
          <input
            aria-label={t('orders:form.dueDate')}
            type="date"
            required
            value={form.dueDate}
            onChange={(e) => setForm({ ...form, dueDate: e.target.value })}
          />
        </label>
        <label>
          {t('orders:form.priority')}{' '}
          <input
            aria-label={t('orders:form.priority')}
            type="number"
            min={1}
            value={form.priority}
            onChange={(e) => setForm({ ...form, priority: e.target.value })}
          />
        </label>
      </div>
      <h3>{t('orders:form.routing')}</h3>
      <table className="routing-table">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('orders:form.process')}</th>
            <th>{t('orders:form.hoursPerUnitHeader')}</th>
            <th>{t('orders:form.setupHoursHeader')}</th>
            <th>{t('orders:form.transportHeader')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {operations.map((op, i) => (
            <tr key={i} data-testid="routing-row">
              <td>{i}</td>
              <td>
                <select
                  aria-label={t('orders:form.processN', { index: i })}
                  value={op.process}
                  onChange={(e) => setOp(i, { process: e.target.value as ProcessType })}
                >
                  {apiEnums.ProcessType.map((p) => (
                    <option key={p} value={p}>
                      {label('ProcessType', p)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  aria-label={t('orders:form.hoursPerUnitN', { index: i })}
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
                  aria-label={t('orders:form.setupHoursN', { index: i })}
                  type="number"
                  step="0.5"
                  min={0}
                  value={op.setupHours}
                  onChange={(e) => setOp(i, { setupHours: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={t('orders:form.transportDaysN', { index: i })}
                  type="number"
                  min={0}
                  value={op.transportDaysToNext}
                  onChange={(e) => setOp(i, { transportDaysToNext: e.target.value })}
                />
              </td>
              <td>
                <button type="button" disabled={operations.length === 1} onClick={() => setOperations((ops) => ops.filter((_, j) => j !== i))}>
                  {t('orders:form.remove')}
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
          {t('orders:form.addOperation')}
        </button>
        <button type="submit" className="primary" disabled={fetching}>
          {fetching ? t('orders:form.creating') : t('orders:form.create')}
        </button>
      </div>
      <ApiErrors error={error} />
    </form>
  );
}

function OrderPanel({ id, onChanged }: { id: string; onChanged(): void }) {
  const { t, fmt, label } = useI18n();
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

  if (!order) return fetching ? <p>{t('orders:loadingOrder')}</p> : <ApiErrors error={error} data={data} />;
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
          {t('orders:panel.head', { code: order.code, product: order.product, quantity: order.quantity, customer: order.customer })}{' '}
          <span className={`chip order-${order.status.toLowerCase()}`}>{label('JointOrderStatus', order.status)}</span>
        </h2>
      </div>
      <p className="muted">
        {t('orders:panel.detail', {
          due: fmt.date(order.dueDate),
          priority: order.priority,
          routing: order.routing
            .map((r) => t('orders:panel.operation', { index: r.index, process: label('ProcessType', r.process), hours: r.hoursPerUnit }))
            .join(' → '),
        })}
      </p>
      <ApiErrors error={error} data={data} />
      <div className="controls">
        <label>
          {t('orders:panel.timeLimit')}{' '}
          <input
            aria-label={t('orders:panel.timeLimitLabel')}
            type="number"
            min={1}
            max={120}
            value={timeLimit}
            onChange={(e) => setTimeLimit(e.target.value)}
            style={{ width: 60 }}
          />{' '}
          {t('orders:panel.seconds')}
        </label>
        <button type="button" className="primary" disabled={planning || order.status === 'CANCELLED'} onClick={() => void doPlan()}>
          {order.currentPlan ? t('orders:panel.replan') : t('orders:panel.plan')}
        </button>
        {planning && (
          <span className="spinner-wrap" data-testid="planning-spinner">
            <span className="spinner" /> {t('orders:panel.planning', { seconds: timeLimit })}
          </span>
        )}
        {order.plans.length > 1 && (
          <label>
            {t('orders:panel.version')}{' '}
            <select aria-label={t('orders:panel.planVersion')} value={shown?.version ?? ''} onChange={(e) => setShownVersion(Number(e.target.value))}>
              {order.plans.map((p) => (
                <option key={p.id} value={p.version}>
                  v{p.version} · {label('PlanStatus', p.status)} · {label('PlanTrigger', p.trigger)}
                </option>
              ))}
            </select>
          </label>
        )}
        {awaiting && <span className="muted">{t('orders:panel.waiting', { seconds: ANSWER_POLL_MS / 1000 })}</span>}
      </div>
      <ApiErrors error={planState.error ?? proposeState.error} />
      {!shown && <p className="muted">{t('orders:panel.notPlanned')}</p>}
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
  const { t, fmt, label, firm, language } = useI18n();
  const rows = useMemo(() => {
    const keys = [...new Set(plan.allocations.map((a) => `${a.operationIndex}|${firm(a.member)}`))];
    return keys.sort((a, b) => Number(a.split('|')[0]) - Number(b.split('|')[0]) || a.localeCompare(b));
  }, [plan, firm]);
  const option: ChartOption = useMemo(() => {
    const rowLabel = (key: string) => {
      const [index, member] = key.split('|');
      const op = order.routing.find((r) => r.index === Number(index));
      return `${index}. ${op ? label('ProcessType', op.process) : ''} · ${member}`;
    };
    // Weeks from the first allocated week to the week after the due date (and completion).
    const axis = weekAxis(
      [...plan.allocations.map((a) => a.weekStart), addWeeks(mondayOf(order.dueDate), 1), ...(plan.completionDate ? [plan.completionDate] : [])],
      language,
    );
    const data = plan.allocations.map((a) => {
      const start = axis.x(a.weekStart);
      return {
        value: [
          rows.indexOf(`${a.operationIndex}|${firm(a.member)}`),
          start,
          start + 1,
          a.quantity,
          a.hours,
          a.cost,
          a.status,
          firm(a.member),
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
          const amounts = t('orders:gantt.amounts', { quantity: qty, hours: fmt.hours(h), cost: fmt.won(cost) });
          return `<b>${member}</b> · ${label('ProcessType', process)}<br/>${fmt.week(week)}: ${amounts}<br/>${label('PlannedAllocationStatus', status)}`;
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
          name: t('orders:gantt.allocations'),
          renderItem: timeBarRenderItem,
          encode: { x: [1, 2], y: 0 },
          label: {
            show: true,
            position: 'inside',
            color: '#fff',
            formatter: (p: { value: unknown[] }) => t('orders:gantt.bar', { quantity: p.value[3], hours: fmt.hours(p.value[4] as number) }),
          },
          data,
          markLine: {
            symbol: 'none',
            // The y axis is inverse, so a line's start is the top of the plot: both labels go there,
            // one above the other, so that they never meet when the dates are close.
            label: { formatter: t('orders:gantt.due', { date: fmt.date(order.dueDate) }), position: 'start', distance: 4, color: '#b02a2a' },
            lineStyle: { color: '#b02a2a', type: 'dashed' },
            data: [
              { xAxis: due },
              ...(plan.completionDate
                ? [
                    {
                      xAxis: axis.x(plan.completionDate),
                      label: {
                        formatter: t('orders:gantt.done', { date: fmt.date(plan.completionDate) }),
                        position: 'start' as const,
                        distance: 22,
                        color: '#1d5fa8',
                      },
                      lineStyle: { color: '#1d5fa8', type: 'dotted' as const },
                    },
                  ]
                : []),
            ],
          },
        },
      ],
    } as ChartOption;
  }, [plan, rows, order, t, fmt, label, firm, language]);

  const late = plan.orders.find((o) => o.jointOrderId === order.id)?.lateDays ?? plan.lateDays;
  return (
    <div data-testid="plan-view">
      <div className="stats">
        <div className="stat">
          {t('orders:stat.plan')} <b>v{plan.version}</b> {label('PlanStatus', plan.status)}
        </div>
        <div className="stat">
          <b>{fmt.won(plan.totalCost)}</b> {t('orders:stat.cost')}
        </div>
        <div className="stat muted">
          {t('orders:stat.breakdown', { production: fmt.won(plan.costBreakdown.production), transport: fmt.won(plan.costBreakdown.transport) })}
        </div>
        <div className={`stat ${late > 0 ? 'bad' : ''}`} data-testid="plan-lateness">
          <b>{late}</b> {t('orders:stat.daysLate', { count: late })}
        </div>
        <div className="stat">
          {t('orders:stat.done')} <b>{fmt.date(plan.completionDate)}</b>
        </div>
        <div className="stat muted">
          {plan.solverStatus}
          {plan.gap != null ? ` · ${t('orders:stat.gap', { gap: fmt.percent(plan.gap, 2) })}` : ''}
        </div>
        {/* Only a DRAFT can be proposed: an INFEASIBLE plan never (the cluster would refuse it with CONFLICT). */}
        {current && plan.status === 'DRAFT' && !isInfeasiblePlan(plan) && (
          <button type="button" className="primary" disabled={proposing} onClick={onPropose}>
            {proposing ? t('orders:proposing') : t('orders:propose')}
          </button>
        )}
      </div>
      {isInfeasiblePlan(plan) && !plan.infeasibleOrderIds.includes(order.id) && (
        <div className="infeasible" role="alert" data-testid="plan-infeasible">
          {t('orders:otherInfeasible', { orders: plan.infeasibleOrderIds.join(', ') })}
        </div>
      )}
      {plan.infeasibleOrderIds.includes(order.id) && (
        <InfeasiblePlan
          orderCode={order.code}
          violations={plan.violations.filter((v) => v.jointOrderId === order.id)}
          suggestions={plan.suggestions.filter((s) => s.jointOrderId === order.id)}
          memberName={(id) => {
            const member = plan.allocations.find((a) => a.memberId === id)?.member;
            return member ? firm(member) : id;
          }}
        />
      )}
      {plan.allocations.length > 0 && (
        <>
          <h3>{t('orders:byMemberAndOperation')}</h3>
          <div className="legend-row">
            {Object.entries(ALLOCATION_COLOURS).map(([status, colour]) => (
              <span key={status}>
                <span className="dot" style={{ background: colour }} />
                {label('PlannedAllocationStatus', status).toLowerCase().replace('_', ' ')}
              </span>
            ))}
          </div>
          <Chart testId="plan-gantt" renderer="svg" option={option} style={{ height: Math.max(220, 100 + rows.length * 42) }} />
        </>
      )}
      <h3>{t('orders:explanation')}</h3>
      {/* The planner's own words (the server's, like error messages): data, not the console's text. */}
      <ul className="explanation" data-testid="plan-explanation" translate="no">
        {plan.explanation.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
      <h3>{t('orders:allocations')}</h3>
      <table data-testid="plan-allocations">
        <thead>
          <tr>
            <th>{t('orders:allocation.operation')}</th>
            <th>{t('orders:allocation.process')}</th>
            <th>{t('orders:allocation.member')}</th>
            <th>{t('orders:allocation.week')}</th>
            <th className="num">{t('orders:allocation.quantity')}</th>
            <th className="num">{t('orders:allocation.hours')}</th>
            <th className="num">{t('orders:allocation.cost')}</th>
            <th>{t('orders:allocation.answer')}</th>
          </tr>
        </thead>
        <tbody>
          {plan.allocations.map((a) => (
            <tr key={a.allocationId}>
              <td>{a.operationIndex}</td>
              <td>{label('ProcessType', a.process)}</td>
              <td>{firm(a.member)}</td>
              <td>{fmt.week(a.weekStart)}</td>
              <td className="num">{a.quantity}</td>
              <td className="num">{fmt.hours(a.hours)}</td>
              <td className="num">{fmt.won(a.cost)}</td>
              <td>
                <span className="chip" style={{ background: ALLOCATION_COLOURS[a.status], color: '#fff' }}>
                  {label('PlannedAllocationStatus', a.status)}
                </span>
                <ServerText text={a.declineReason} />
                {a.capacityConflict ? (
                  <span className="chip warn" title={t('orders:capacityConflictTitle')}>
                    {t('orders:capacityConflict', { reason: a.capacityConflict })}
                  </span>
                ) : null}
                {a.withdrawal ? (
                  <span className="chip" data-testid="withdrawal" title={a.withdrawal.error ?? a.withdrawal.reason}>
                    {t('orders:withdrawal', { state: label('WithdrawalState', a.withdrawal.state).toLowerCase(), reason: a.withdrawal.reason })}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {plan.version > 1 && (
        <>
          <h3>{t('orders:changes.title', { version: plan.version - 1 })}</h3>
          {plan.changes.length === 0 ? (
            <p className="muted">{t('orders:changes.none')}</p>
          ) : (
            <table data-testid="plan-changes">
              <thead>
                <tr>
                  <th>{t('orders:changes.change')}</th>
                  <th>{t('orders:allocation.operation')}</th>
                  <th>{t('orders:allocation.member')}</th>
                  <th>{t('orders:allocation.week')}</th>
                  <th className="num">{t('orders:changes.quantity')}</th>
                  <th className="num">{t('orders:changes.hours')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.changes.map((c, i) => (
                  <tr key={i} className={`change-${c.kind.toLowerCase()}`}>
                    <td>{label('PlanChangeKind', c.kind)}</td>
                    <td>
                      {c.operationIndex} {label('ProcessType', c.process)}
                    </td>
                    <td>{c.memberId}</td>
                    <td>{fmt.week(c.weekStart)}</td>
                    <td className="num">
                      {c.quantityBefore} → {c.quantityAfter}
                    </td>
                    <td className="num">
                      {fmt.hours(c.hoursBefore)} → {fmt.hours(c.hoursAfter)}
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
