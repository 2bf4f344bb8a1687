import { addWeeks, mondayOf } from '@clustergraph/runtime';
import type { Allocation, FixedAllocation, JointOrder, Member, PlanInput } from '../solver/index.ts';
import type { JointOrderRow } from '../db/planning.ts';
import type { MemberCapacityData } from './memberData.ts';

/** Weeks planned after the latest due date, so late orders still get a plan (with lateness). */
export const WEEKS_AFTER_LATEST_DUE = 8;
/** Capacity reads are bounded (member subgraphs refuse ranges over ~2 years). */
export const MAX_PLANNING_WEEKS = 104;

export const capacityKey = (memberId: string, process: string, weekStart: string) => `${memberId}|${process}|${weekStart}`;

/**
 * The planning horizon: the current week (the planner offers only the hours left in it) to a
 * few weeks past the latest due date. Kept (pinned) work in a week already over starts it
 * there, so the pins stay in the plan; new work never goes into such a week (clock.ts).
 */
export function planningWeeks(orders: readonly Pick<JointOrderRow, 'dueDate'>[], today: string, keptWeeks: readonly string[] = []): string[] {
  const first = [mondayOf(today), ...keptWeeks.map(mondayOf)].sort()[0]!;
  const latestDue = orders.reduce((latest, order) => (order.dueDate > latest ? order.dueDate : latest), today);
  const weeks: string[] = [];
  for (let week = first; week <= addWeeks(mondayOf(latestDue), WEEKS_AFTER_LATEST_DUE) && weeks.length < MAX_PLANNING_WEEKS; week = addWeeks(week, 1)) {
    weeks.push(week);
  }
  return weeks;
}

export interface PlanInputParts {
  orders: readonly JointOrderRow[];
  members: readonly MemberCapacityData[];
  weeks: string[];
  /**
   * Hours of these orders' own ACCEPTED / IN_PROGRESS allocations per member, process and week.
   * The member already counts them in committedHours; the re-plan pins them (fixedAllocations),
   * so they are given back to the capacity the pins draw on.
   */
  ownCommittedHours?: ReadonlyMap<string, number>;
  /**
   * Hours of allocations this re-plan takes back (capacity conflicts): the member still counts
   * them as committed when the planner reads its capacity, but they are withdrawn right after.
   */
  releasedHours?: ReadonlyMap<string, number>;
  /** Hours promised in other orders' outstanding proposals (not yet committed on the member). */
  reservedHours?: ReadonlyMap<string, number>;
  /** `memberId|process` pairs that get nothing beyond their pins (they declined this work). */
  blocked?: ReadonlySet<string>;
}

/**
 * The planner's input from the stored orders and the capacity read through the gateway.
 * Free hours of a bucket = actual − committed + own committed + released − reserved (never below 0);
 * a blocked member/process keeps only its own committed hours. A bucket without a price
 * takes the dearest price of that process in the cluster (never free by accident).
 */
export function buildPlanInput(parts: PlanInputParts): PlanInput {
  const dearest = new Map<string, number>();
  for (const member of parts.members) {
    for (const slot of member.capacity) {
      if (slot.pricePerHour !== null) dearest.set(slot.process, Math.max(dearest.get(slot.process) ?? 0, slot.pricePerHour));
    }
  }
  const weekSet = new Set(parts.weeks);
  const members: Member[] = parts.members.map((member) => ({
    id: member.id,
    region: member.region ?? 'UNKNOWN',
    processes: member.capabilities.map((c) => ({ process: c.process, certifications: c.certifications })),
    capacity: member.capacity
      .filter((slot) => weekSet.has(mondayOf(slot.weekStart)))
      .map((slot) => {
        const key = capacityKey(member.id, slot.process, mondayOf(slot.weekStart));
        const own = parts.ownCommittedHours?.get(key) ?? 0;
        const reserved = parts.reservedHours?.get(key) ?? 0;
        const released = parts.releasedHours?.get(key) ?? 0;
        const free = parts.blocked?.has(`${member.id}|${slot.process}`) ? own : slot.actualHours - slot.committedHours + own + released - reserved;
        return {
          process: slot.process,
          weekStart: mondayOf(slot.weekStart),
          availableHours: Math.max(0, free),
          pricePerHour: slot.pricePerHour ?? dearest.get(slot.process) ?? 0,
        };
      }),
  }));
  const orders: JointOrder[] = parts.orders.map(toPlannerOrder);
  return { orders, members, weeks: parts.weeks };
}

export function toPlannerOrder(order: JointOrderRow): JointOrder {
  return {
    id: order.id,
    code: order.code,
    quantity: order.quantity,
    dueDate: order.dueDate,
    priority: order.priority,
    routing: order.routing.map((operation) => ({
      process: operation.process,
      hoursPerUnit: operation.hoursPerUnit,
      setupHours: operation.setupHours,
      minLotSize: operation.minLotSize,
      ...(operation.certification ? { certification: operation.certification } : {}),
      transportDaysToNext: operation.transportDaysToNext,
    })),
  };
}

/** A kept allocation, as the re-plan pins it: the planner's, without its cost. */
export type KeptAllocation = Omit<Allocation, 'cost'>;

export function toFixedAllocations(kept: readonly KeptAllocation[]): FixedAllocation[] {
  return kept.map((a) => ({
    memberId: a.memberId,
    jointOrderId: a.jointOrderId,
    operationIndex: a.operationIndex,
    weekStart: a.weekStart,
    quantity: a.quantity,
  }));
}
