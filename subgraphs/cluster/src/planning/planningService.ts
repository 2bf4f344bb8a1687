import { BadUserInputError, ConflictError, mondayOf, NotFoundError, parseIsoDate, weeksBetween, type Logger } from '@clustergraph/runtime';
import { PROCESS_TYPES, type ProcessType } from '../solver/index.ts';
import type { JointOrderRow, PlannedAllocationRow, ProductionPlanRow } from '../db/planning.ts';
import { buildDemandCapacity, spreadOrderDemand, type DemandCapacityBucketValue, type MemberCapacityBucket } from './demand.ts';
import { PlanningUnavailableError } from '../errors.ts';
import type { GatewayClient } from './gatewayClient.ts';
import { KeyedLock } from './keyedLock.ts';
import { readClusterCapacity, readMemberAllocations } from './memberData.ts';
import { todayIso, validateJointOrder, validateJointOrderChange, type JointOrderInputValue } from './orderInput.ts';
import { validatePlanIds, validatePlanOptions, type PlanOptionsInputValue } from './planOptions.ts';
import { runPlanner, savePlanRun } from './planRunner.ts';
import { COMMITTED_STATUSES, FOLLOWED_ORDER_STATUSES, OPEN_ORDER_STATUSES, type PlanningStore } from './planningStore.ts';
import { proposePlanAllocations } from './proposals.ts';
import { reconcilePlan } from './reconcile.ts';
import { droppedAllocations, openAllocations, sendPendingWithdrawals, withdrawAllocations } from './withdrawals.ts';

/** A range of demandCapacity, like the members' capacity field (DCM horizons reach 24 months). */
const MAX_DEMAND_WEEKS = 110;
/** Reconciler passes the seeded plans wait for every member to be routed. */
const SEED_PLAN_ATTEMPTS = 20;

export interface PlanningServiceOptions {
  store: PlanningStore;
  /** Null when GATEWAY_URL is not set: orders still work, planning answers PLANNING_UNAVAILABLE. */
  gateway: GatewayClient | null;
  logger: Logger;
  /** How often the background reconciler reads the members' answers (ms). */
  reconcileMs: number;
  now?: () => Date;
  /** The solver's progress on stderr (config PLANNER_DEBUG). */
  solverDebug?: boolean;
}

/**
 * Joint orders and their plans: the one place resolvers call. Planning, proposing and
 * reconciling an order hold that order's lock (KeyedLock); reads never wait for a plan.
 */
export class PlanningService {
  readonly store: PlanningStore;
  private readonly locks = new KeyedLock();
  private readonly logger: Logger;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private seedAttempts = 0;
  private ticking: Promise<void> | null = null;
  /** Seeded orders to plan once the gateway answers (it starts after this subgraph). */
  private pendingSeedPlans: string[] = [];

  constructor(private readonly options: PlanningServiceOptions) {
    this.store = options.store;
    this.logger = options.logger.child({ component: 'planning' });
    this.now = options.now ?? (() => new Date());
  }

  private get gateway(): GatewayClient {
    if (!this.options.gateway) {
      throw new PlanningUnavailableError('planning reads capacity through the gateway, and this cluster subgraph has no GATEWAY_URL configured');
    }
    return this.options.gateway;
  }

  private get deps() {
    return { gateway: this.gateway, store: this.store, logger: this.logger, now: this.now, solverDebug: this.options.solverDebug ?? false };
  }

  today(): string {
    return todayIso(this.now());
  }

  createOrder(input: JointOrderInputValue, createdBy: string): Promise<JointOrderRow> {
    return this.store.insertOrder(validateJointOrder(input, this.today()), createdBy);
  }

  /** Edits while DRAFT or PLANNED; a PLANNED order's plan no longer fits it, so it goes back to DRAFT. */
  async updateOrder(id: string, change: JointOrderInputValue): Promise<JointOrderRow> {
    return this.locks.run([id], async () => {
      const order = await this.store.getOrder(id);
      if (order.status !== 'DRAFT' && order.status !== 'PLANNED') {
        throw new ConflictError(`joint order ${order.code} is ${order.status}; it can be edited while DRAFT or PLANNED`, 'id');
      }
      const fields = validateJointOrderChange(order, change, this.today());
      return this.store.updateOrder(id, ['DRAFT', 'PLANNED'], { ...fields, status: 'DRAFT' });
    });
  }

  /**
   * Cancels an order not yet in production and withdraws its allocations the members have
   * (proposed or accepted) through the gateway, so they leave the members' committed hours.
   * A withdrawal that cannot be sent now (member or gateway down) is retried by the reconciler.
   */
  async cancelOrder(id: string, reason: string | null | undefined): Promise<JointOrderRow> {
    return this.locks.run([id], async () => {
      const text = reason?.trim() || null;
      if (text && text.length > 2000) throw new BadUserInputError('reason', 'must be at most 2000 characters');
      const cancelled = await this.store.updateOrder(id, ['DRAFT', 'PLANNED', 'PROPOSED', 'CONFIRMED'], { status: 'CANCELLED', cancelReason: text });
      if (!cancelled.currentPlanId) return cancelled;
      const open = openAllocations((await this.store.allocationsOfPlan(cancelled.currentPlanId)).filter((r) => r.jointOrderId === id));
      if (open.length === 0) return cancelled;
      const why = `joint order ${cancelled.code} cancelled${text ? `: ${text}` : ''}`;
      if (!this.options.gateway) {
        await this.store.requestWithdrawals(open, why);
        return cancelled;
      }
      const pending = await withdrawAllocations(this.deps, open, why);
      this.logger.info(
        { jointOrderId: id, code: cancelled.code, withdrawn: open.length - pending, pending },
        'joint order cancelled; its allocations withdrawn from the members',
      );
      return cancelled;
    });
  }

  /**
   * A new plan version for DRAFT or PLANNED orders, together. Allocations members already
   * accepted for them (after an infeasible re-plan) are pinned, not planned again.
   */
  async plan(ids: readonly string[], optionsInput: PlanOptionsInputValue | null | undefined, createdBy: string): Promise<ProductionPlanRow> {
    const orderIds = validatePlanIds(ids);
    const options = validatePlanOptions(optionsInput);
    const gateway = this.gateway;
    return this.locks.run(orderIds, async () => {
      const orders = await this.store.findOrders(orderIds);
      const byId = new Map(orders.map((o) => [o.id, o]));
      orderIds.forEach((id, i) => {
        const order = byId.get(id);
        if (!order) throw new NotFoundError('joint order', id, ids.length === 1 ? 'id' : `ids[${i}]`);
        if (order.status !== 'DRAFT' && order.status !== 'PLANNED') {
          throw new ConflictError(
            `joint order ${order.code} is ${order.status}; only DRAFT or PLANNED orders are planned (the members are answering the others)`,
            ids.length === 1 ? 'id' : `ids[${i}]`,
          );
        }
      });
      const ordered = orderIds.map((id) => byId.get(id)!);
      const previous = await this.previousVersion(ordered);
      const run = {
        orders: ordered,
        options,
        createdBy,
        trigger: 'MANUAL' as const,
        previous,
        kept: previous ? await this.stillHeld(previous.rows.filter((r) => COMMITTED_STATUSES.has(r.status) || r.status === 'DONE')) : undefined,
      };
      const outcome = await runPlanner(gateway, this.store, run, this.now(), this.options.solverDebug);
      const saved = await savePlanRun(this.store, run, outcome);
      this.logger.info(
        { planId: saved.id, version: saved.version, jointOrderIds: orderIds, solverStatus: saved.solverStatus, totalCost: saved.totalCost },
        'joint orders planned',
      );
      // Proposals of the last version this one does not keep are taken back from the members.
      if (previous) {
        try {
          await withdrawAllocations(this.deps, droppedAllocations(previous.rows, outcome.rows), `re-planned in ${saved.id} (version ${saved.version})`);
        } catch (error) {
          this.logger.warn({ err: error, planId: saved.id }, 'withdrawing the replaced allocations failed for now; the reconciler retries');
        }
      }
      return saved;
    });
  }

  /**
   * Accepted work of a PLANNED order as the members hold it now: what the leader withdrew (or a
   * member took back) since the order left the reconciler's watch is not pinned again — that is
   * how a suggestion to let fixed work move is acted on. A member that cannot be read keeps its rows.
   */
  private async stillHeld(rows: PlannedAllocationRow[]): Promise<PlannedAllocationRow[]> {
    if (rows.length === 0) return rows;
    const read = await readMemberAllocations(this.gateway, [...new Set(rows.map((r) => r.memberId))]);
    const gone = new Set(read.allocations.filter((a) => a.status === 'WITHDRAWN' || a.status === 'DECLINED').map((a) => `${a.memberId}|${a.id}`));
    return rows.filter((r) => !gone.has(`${r.memberId}|${r.allocationId}`));
  }

  /** The current plans of these orders, as one previous version (for the diff and the pins). */
  private async previousVersion(orders: readonly JointOrderRow[]): Promise<{ plan: ProductionPlanRow; rows: PlannedAllocationRow[] } | undefined> {
    const planIds = [...new Set(orders.map((o) => o.currentPlanId).filter((id): id is string => id !== null))];
    const first = planIds[0] ? await this.store.findPlan(planIds[0]) : null;
    if (!first) return undefined;
    const ids = new Set(orders.map((o) => o.id));
    const rows = (await this.store.allocationsOfPlans(planIds)).filter((r) => ids.has(r.jointOrderId) && r.status !== 'DECLINED');
    return { plan: first, rows };
  }

  async propose(planId: string): Promise<ProductionPlanRow> {
    const gateway = this.gateway;
    const plan = await this.store.getPlan(planId);
    return this.locks.run(plan.jointOrderIds, async () => {
      await proposePlanAllocations(gateway, this.store, await this.store.getPlan(planId), this.now());
      this.logger.info({ planId, jointOrderIds: plan.jointOrderIds }, 'plan proposed to the members');
      return this.store.getPlan(planId);
    });
  }

  /**
   * Picks up the members' answers for one order before it is read. Skipped (the stored
   * state is answered) while the order is being planned, or when the gateway is unreachable.
   */
  async refreshOrder(id: string): Promise<void> {
    if (!this.options.gateway) return;
    const order = await this.store.findOrder(id);
    if (!order?.currentPlanId || !FOLLOWED_ORDER_STATUSES.includes(order.status)) return;
    const plan = await this.store.findPlan(order.currentPlanId);
    if (!plan) return;
    try {
      await this.locks.tryRun(plan.jointOrderIds, () => this.reconcileCurrent(plan.id));
    } catch (error) {
      this.logger.warn({ err: error, jointOrderId: id }, 'could not refresh the members’ answers');
    }
  }

  private async reconcileCurrent(planId: string): Promise<void> {
    const plan = await this.store.findPlan(planId);
    if (!plan || plan.status === 'SUPERSEDED') return;
    await reconcilePlan(this.deps, plan);
  }

  async demandCapacity(from: string, to: string, process: ProcessType | null | undefined): Promise<DemandCapacityBucketValue[]> {
    if (!parseIsoDate(from)) throw new BadUserInputError('from', 'must be a date YYYY-MM-DD');
    if (!parseIsoDate(to)) throw new BadUserInputError('to', 'must be a date YYYY-MM-DD');
    if (from > to) throw new BadUserInputError('to', `must not be before from (${from})`);
    if (weeksBetween(from, to).length > MAX_DEMAND_WEEKS) throw new BadUserInputError('to', `a range may span at most ${MAX_DEMAND_WEEKS} weeks`);
    const gateway = this.gateway;
    const orders = await this.store.listOrders(OPEN_ORDER_STATUSES);
    const planIds = [
      ...new Set(
        orders
          .filter((o) => o.status !== 'DRAFT')
          .map((o) => o.currentPlanId)
          .filter((id): id is string => id !== null),
      ),
    ];
    const rows = (await this.store.allocationsOfPlans(planIds)).filter((r) => r.status !== 'DECLINED');
    const today = this.today();
    const demand = orders.flatMap((order) =>
      spreadOrderDemand(order, order.status === 'DRAFT' ? [] : rows.filter((r) => r.jointOrderId === order.id && r.planId === order.currentPlanId), today),
    );
    const capacity = await readClusterCapacity(gateway, { from: mondayOf(from), to, process: process ?? null });
    if (capacity.unreadable.size > 0)
      this.logger.warn({ unreadable: Object.fromEntries(capacity.unreadable) }, 'demandCapacity: some members’ capacity could not be read');
    const all: MemberCapacityBucket[] = capacity.members.flatMap((member) => {
      const processes = new Set(member.capabilities.map((c) => c.process));
      return member.capacity.map((slot) => ({ memberId: member.id, ...slot, inCapabilities: processes.has(slot.process) }));
    });
    // A week that is not even a date cannot be placed in any bucket: left out, logged.
    const buckets = all.filter((slot) => typeof slot.weekStart === 'string' && parseIsoDate(slot.weekStart.slice(0, 10)) !== null);
    if (buckets.length < all.length)
      this.logger.warn(
        { memberIds: [...new Set(all.filter((s) => !buckets.includes(s)).map((s) => s.memberId))] },
        'demandCapacity: capacity rows without a valid week left out',
      );
    const answer = buildDemandCapacity({ from, to, process, demand, capacity: buckets, processOrder: PROCESS_TYPES });
    const warnings = answer.flatMap((bucket) => bucket.warnings);
    if (warnings.length > 0) this.logger.warn({ warnings }, 'demandCapacity: out-of-bounds member capacity left out');
    return answer;
  }

  /** Seeds orders on first start (empty table); those marked `plan` are planned once the gateway answers. */
  async seedOrders(entries: ReadonlyArray<{ input: JointOrderInputValue; plan: boolean }>): Promise<number> {
    if (entries.length === 0 || (await this.store.countOrders()) > 0) return 0;
    for (const entry of entries) {
      const order = await this.createOrder(entry.input, 'seed');
      if (entry.plan) this.pendingSeedPlans.push(order.id);
    }
    return entries.length;
  }

  /** Starts the background reconciler (members' answers and capacity conflicts, pending withdrawals, seeded plans). */
  start(): void {
    if (!this.options.gateway || this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.reconcileMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
  }

  /** One reconciler pass; a pass still running makes the next tick a no-op. */
  tick(): Promise<void> {
    this.ticking ??= this.reconcileAll().finally(() => (this.ticking = null));
    return this.ticking;
  }

  private async reconcileAll(): Promise<void> {
    try {
      await this.planPendingSeeds();
      // Withdrawals a member or the gateway could not take earlier.
      await sendPendingWithdrawals(this.deps);
      for (const { plan } of await this.store.followedPlans()) {
        if (this.stopped) return;
        await this.locks.tryRun(plan.jointOrderIds, () => this.reconcileCurrent(plan.id));
      }
    } catch (error) {
      const unavailable = error instanceof PlanningUnavailableError;
      this.logger[unavailable ? 'debug' : 'warn']({ err: error }, 'reconciler pass failed; retrying on the next tick');
    }
  }

  private async planPendingSeeds(): Promise<void> {
    if (this.pendingSeedPlans.length === 0) return;
    // At start-up the gateway may not route every member yet; give it a few passes to.
    const probe = await readClusterCapacity(this.gateway, { from: this.today(), to: this.today() });
    if (probe.unreadable.size > 0 && ++this.seedAttempts < SEED_PLAN_ATTEMPTS) {
      throw new PlanningUnavailableError(`waiting for ${[...probe.unreadable.keys()].join(', ')} before planning the seeded orders`);
    }
    while (this.pendingSeedPlans.length > 0) {
      const id = this.pendingSeedPlans[0]!;
      try {
        await this.plan([id], { timeLimitSeconds: 5 }, 'seed');
      } catch (error) {
        if (error instanceof PlanningUnavailableError) throw error;
        this.logger.warn({ err: error, jointOrderId: id }, 'seeded order could not be planned');
      }
      this.pendingSeedPlans.shift();
    }
  }
}
