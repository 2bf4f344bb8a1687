import { randomUUID } from 'node:crypto';
import { and, arrayOverlaps, asc, count, desc, eq, inArray, isNull, max, ne, notInArray, sql } from 'drizzle-orm';
import { ConflictError, NotFoundError, type Database } from '@clustergraph/runtime';
import {
  jointOrders,
  plannedAllocations,
  productionPlans,
  type JointOrderRow,
  type JointOrderStatusValue,
  type NewPlannedAllocationRow,
  type NewProductionPlanRow,
  type PlannedAllocationRow,
  type PlannedAllocationStatusValue,
  type ProductionPlanRow,
  type WithdrawalStateValue,
} from '../db/planning.ts';
import type { ClusterSchema } from '../db/schema.ts';
import type { JointOrderFields } from './orderInput.ts';
import { capacityKey } from './planInput.ts';

/** Orders whose demand counts (DCM) and whose plans are still followed. */
export const OPEN_ORDER_STATUSES: readonly JointOrderStatusValue[] = ['DRAFT', 'PLANNED', 'PROPOSED', 'CONFIRMED', 'IN_PRODUCTION'];
/** Orders the members are answering or working on: the reconciler follows these. */
export const FOLLOWED_ORDER_STATUSES: readonly JointOrderStatusValue[] = ['PROPOSED', 'CONFIRMED', 'IN_PRODUCTION'];
/** Member-side statuses that hold capacity (the member counts them in committedHours). */
export const COMMITTED_STATUSES: ReadonlySet<PlannedAllocationStatusValue> = new Set(['ACCEPTED', 'IN_PROGRESS']);

/** Short, readable ids that fit the member standard's id rule (≤ 64 letters, digits, hyphens). */
export const newOrderId = () => `jo-${randomUUID().replace(/-/g, '').slice(0, 12)}`;
export const newPlanId = () => `plan-${randomUUID().replace(/-/g, '').slice(0, 12)}`;
export const allocationIdOf = (planId: string, position: number) => `${planId}-a${position}`;

/** Reads and writes of joint orders, plan versions and planned allocations. */
export class PlanningStore {
  constructor(private readonly db: Database<ClusterSchema>) {}

  async insertOrder(fields: JointOrderFields, createdBy: string): Promise<JointOrderRow> {
    const [row] = await this.db
      .insert(jointOrders)
      .values({ id: newOrderId(), ...fields, createdBy })
      .onConflictDoNothing({ target: jointOrders.code })
      .returning();
    if (!row) throw new ConflictError(`a joint order with code ${fields.code} exists already`, 'input.code');
    return row;
  }

  async countOrders(): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(jointOrders);
    return row?.n ?? 0;
  }

  async findOrder(id: string): Promise<JointOrderRow | null> {
    const [row] = await this.db.select().from(jointOrders).where(eq(jointOrders.id, id));
    return row ?? null;
  }

  async getOrder(id: string, field = 'id'): Promise<JointOrderRow> {
    const row = await this.findOrder(id);
    if (!row) throw new NotFoundError('joint order', id, field);
    return row;
  }

  async findOrders(ids: readonly string[]): Promise<JointOrderRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(jointOrders)
      .where(inArray(jointOrders.id, [...ids]));
  }

  async listOrders(statuses?: readonly JointOrderStatusValue[]): Promise<JointOrderRow[]> {
    return this.db
      .select()
      .from(jointOrders)
      .where(statuses ? inArray(jointOrders.status, [...statuses]) : undefined)
      .orderBy(desc(jointOrders.createdAt), asc(jointOrders.code));
  }

  /** Writes an edit only while the order is still in one of `allowed` (a concurrent change loses cleanly). */
  async updateOrder(id: string, allowed: readonly JointOrderStatusValue[], values: Partial<JointOrderRow>): Promise<JointOrderRow> {
    const { code } = values;
    try {
      const [row] = await this.db
        .update(jointOrders)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(jointOrders.id, id), inArray(jointOrders.status, [...allowed])))
        .returning();
      if (row) return row;
    } catch (error) {
      if (code && /unique|duplicate/i.test(String((error as Error).message ?? '') + String((error as { cause?: Error }).cause?.message ?? ''))) {
        throw new ConflictError(`a joint order with code ${code} exists already`, 'input.code');
      }
      throw error;
    }
    const current = await this.getOrder(id);
    throw new ConflictError(`joint order ${current.code} is ${current.status}; this needs ${allowed.join(' or ')}`, 'id');
  }

  async setOrderStatus(ids: readonly string[], status: JointOrderStatusValue, onlyFrom?: readonly JointOrderStatusValue[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .update(jointOrders)
      .set({ status, updatedAt: new Date() })
      .where(and(inArray(jointOrders.id, [...ids]), onlyFrom ? inArray(jointOrders.status, [...onlyFrom]) : undefined));
  }

  async findPlan(id: string): Promise<ProductionPlanRow | null> {
    const [row] = await this.db.select().from(productionPlans).where(eq(productionPlans.id, id));
    return row ?? null;
  }

  async getPlan(id: string, field = 'planId'): Promise<ProductionPlanRow> {
    const row = await this.findPlan(id);
    if (!row) throw new NotFoundError('production plan', id, field);
    return row;
  }

  async plansOfOrder(orderId: string): Promise<ProductionPlanRow[]> {
    return this.db
      .select()
      .from(productionPlans)
      .where(arrayOverlaps(productionPlans.jointOrderIds, [orderId]))
      .orderBy(desc(productionPlans.createdAt), desc(productionPlans.version));
  }

  async allocationsOfPlan(planId: string): Promise<PlannedAllocationRow[]> {
    return this.db.select().from(plannedAllocations).where(eq(plannedAllocations.planId, planId)).orderBy(asc(plannedAllocations.position));
  }

  async allocationsOfPlans(planIds: readonly string[]): Promise<PlannedAllocationRow[]> {
    if (planIds.length === 0) return [];
    return this.db
      .select()
      .from(plannedAllocations)
      .where(inArray(plannedAllocations.planId, [...planIds]))
      .orderBy(asc(plannedAllocations.position));
  }

  /** The next version number for a plan over these orders. */
  async nextVersion(orderIds: readonly string[]): Promise<number> {
    const [row] = await this.db
      .select({ v: max(productionPlans.version) })
      .from(productionPlans)
      .where(arrayOverlaps(productionPlans.jointOrderIds, [...orderIds]));
    return (row?.v ?? 0) + 1;
  }

  /**
   * Stores a plan version and makes it current for its orders: older current plans of these
   * orders are SUPERSEDED, planned orders move to `plannedStatus`, infeasible ones keep theirs.
   */
  async savePlan(
    plan: NewProductionPlanRow & { id: string },
    allocations: readonly Omit<NewPlannedAllocationRow, 'planId'>[],
    orderStatus: { planned: JointOrderStatusValue; from: readonly JointOrderStatusValue[] },
  ): Promise<ProductionPlanRow> {
    return this.db.transaction(async (tx) => {
      const orders = await tx.select().from(jointOrders).where(inArray(jointOrders.id, plan.jointOrderIds)).for('update');
      const previous = [...new Set(orders.map((o) => o.currentPlanId).filter((id): id is string => id !== null))];
      if (previous.length > 0) {
        await tx
          .update(productionPlans)
          .set({ status: 'SUPERSEDED' })
          .where(and(inArray(productionPlans.id, previous), ne(productionPlans.id, plan.id)));
      }
      const [saved] = await tx.insert(productionPlans).values(plan).returning();
      if (allocations.length > 0) await tx.insert(plannedAllocations).values(allocations.map((a) => ({ ...a, planId: plan.id })));
      const infeasible = new Set(plan.infeasibleOrderIds);
      const now = new Date();
      for (const order of orders) {
        const status = !infeasible.has(order.id) && orderStatus.from.includes(order.status) ? orderStatus.planned : order.status;
        await tx.update(jointOrders).set({ currentPlanId: plan.id, status, updatedAt: now }).where(eq(jointOrders.id, order.id));
      }
      return saved!;
    });
  }

  async markPlanProposed(planId: string): Promise<void> {
    await this.db
      .update(productionPlans)
      .set({ status: 'PROPOSED', proposedAt: new Date() })
      .where(and(eq(productionPlans.id, planId), ne(productionPlans.status, 'SUPERSEDED')));
  }

  async updateAllocation(
    planId: string,
    position: number,
    values: Partial<
      Pick<PlannedAllocationRow, 'status' | 'goodQuantity' | 'scrapQuantity' | 'declineReason' | 'conflictCause' | 'conflictReason' | 'syncedAt'>
    >,
  ): Promise<void> {
    await this.db
      .update(plannedAllocations)
      .set(values)
      .where(and(eq(plannedAllocations.planId, planId), eq(plannedAllocations.position, position)));
  }

  /** Marks allocations of a plan version to be taken back from their members (once: a row already marked keeps its mark). */
  async requestWithdrawals(rows: ReadonlyArray<Pick<PlannedAllocationRow, 'planId' | 'position'>>, reason: string): Promise<void> {
    const now = new Date();
    for (const row of rows) {
      await this.db
        .update(plannedAllocations)
        .set({ withdrawalState: 'PENDING', withdrawReason: reason, withdrawRequestedAt: now })
        .where(and(eq(plannedAllocations.planId, row.planId), eq(plannedAllocations.position, row.position), isNull(plannedAllocations.withdrawalState)));
    }
  }

  /** Allocations still to be taken back from their members (retried by the reconciler). */
  async pendingWithdrawals(): Promise<PlannedAllocationRow[]> {
    return this.db
      .select()
      .from(plannedAllocations)
      .where(eq(plannedAllocations.withdrawalState, 'PENDING'))
      .orderBy(asc(plannedAllocations.withdrawRequestedAt));
  }

  async updateWithdrawal(
    planId: string,
    position: number,
    values: { withdrawalState: WithdrawalStateValue; withdrawnAt?: Date | null; withdrawError?: string | null },
  ): Promise<void> {
    await this.db
      .update(plannedAllocations)
      .set(values)
      .where(and(eq(plannedAllocations.planId, planId), eq(plannedAllocations.position, position)));
  }

  /** Current plans the members are answering or working on, with their orders. */
  async followedPlans(): Promise<Array<{ plan: ProductionPlanRow; orders: JointOrderRow[] }>> {
    const orders = await this.listOrders(FOLLOWED_ORDER_STATUSES);
    const planIds = [...new Set(orders.map((o) => o.currentPlanId).filter((id): id is string => id !== null))];
    if (planIds.length === 0) return [];
    const plans = await this.db.select().from(productionPlans).where(inArray(productionPlans.id, planIds));
    return plans.map((plan) => ({ plan, orders: orders.filter((o) => o.currentPlanId === plan.id) }));
  }

  /**
   * Hours of outstanding proposals (sent, not yet answered) of current plans of orders other
   * than `excludeOrderIds`, per member, process and week: promised work the members do not yet
   * count as committed, which a new plan must not promise twice.
   */
  async reservedHours(excludeOrderIds: readonly string[]): Promise<Map<string, number>> {
    const orders = await this.db
      .select({ id: jointOrders.id, currentPlanId: jointOrders.currentPlanId })
      .from(jointOrders)
      .where(and(inArray(jointOrders.status, [...OPEN_ORDER_STATUSES]), excludeOrderIds.length ? notInArray(jointOrders.id, [...excludeOrderIds]) : undefined));
    const planIds = [...new Set(orders.map((o) => o.currentPlanId).filter((id): id is string => id !== null))];
    const openIds = new Set(orders.map((o) => o.id));
    const reserved = new Map<string, number>();
    for (const row of await this.allocationsOfPlans(planIds)) {
      if (row.status !== 'PROPOSED' || !openIds.has(row.jointOrderId)) continue;
      const key = capacityKey(row.memberId, row.process, row.weekStart);
      reserved.set(key, (reserved.get(key) ?? 0) + row.hours);
    }
    return reserved;
  }

  /**
   * The newest plan version that sent this allocation to its member (ids are kept across
   * versions), with that version's row for it: what the member was last asked to do. A version
   * still being proposed (some members reached, the plan not yet marked) counts after the ones
   * marked proposed.
   */
  async proposedAllocation(memberId: string, allocationId: string): Promise<{ plan: ProductionPlanRow; row: PlannedAllocationRow } | null> {
    const [found] = await this.db
      .select({ plan: productionPlans, row: plannedAllocations })
      .from(plannedAllocations)
      .innerJoin(productionPlans, eq(productionPlans.id, plannedAllocations.planId))
      .where(and(eq(plannedAllocations.memberId, memberId), eq(plannedAllocations.allocationId, allocationId), ne(plannedAllocations.status, 'NOT_PROPOSED')))
      .orderBy(sql`${productionPlans.proposedAt} is null`, desc(productionPlans.createdAt), desc(productionPlans.version))
      .limit(1);
    return found ?? null;
  }
}
