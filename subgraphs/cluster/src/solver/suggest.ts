/**
 * What the leader can do about an order no valid plan serves, as data: a later due date the
 * members' free hours could meet, a member to allow, or lateness to accept (let fixed work
 * move). Estimates, said as such; the leader's next plan is validated like every other.
 */
import { isoWeekLabel, mondayOf, weekEnd } from './calendar.ts';
import { currentWeekStart } from './clock.ts';
import { greedyPlan } from './greedy.ts';
import { capacityIndex, type Instance, type PreparedOrder } from './instance.ts';
import type { PlanSuggestion } from './types.ts';
import { validatePlan } from './validatePlan.ts';
import { evaluatePlan } from './evaluate.ts';

export function suggestFor(instance: Instance, infeasibleOrderIds: readonly string[]): PlanSuggestion[] {
  const suggestions: PlanSuggestion[] = [];
  for (const orderId of new Set(infeasibleOrderIds)) {
    const order = instance.source.input.orders.find((candidate) => candidate.id === orderId);
    if (!order) continue;
    const prepared = instance.orders.find((candidate) => candidate.order.id === orderId);
    suggestions.push(...allowMembers(instance, orderId, prepared ? concernedOperations(instance, prepared) : null));
    if (!prepared) continue;
    const dueDate = earliestDueDate(instance, prepared);
    if (dueDate !== null && dueDate > order.dueDate) {
      suggestions.push({
        kind: 'EXTEND_DUE_DATE',
        jointOrderId: orderId,
        message: `Extend the due date of ${order.code} to ${dueDate} or later: the members' free hours cover each operation in turn by then (an estimate; the next plan checks it).`,
        dueDate,
        memberId: null,
        process: null,
        completionDate: null,
      });
    } else if (dueDate === null) {
      const last = instance.weeks[instance.weeks.length - 1];
      suggestions.push({
        kind: 'EXTEND_DUE_DATE',
        jointOrderId: orderId,
        message: `The members' free hours up to ${last ? isoWeekLabel(last) : 'the end of their calendars'} do not cover ${order.code}; a later due date helps only once they publish capacity beyond that.`,
        dueDate: null,
        memberId: null,
        process: null,
        completionDate: null,
      });
    }
    const late = withoutPins(instance, prepared);
    if (late) suggestions.push(late);
  }
  return suggestions;
}

/** Members that offer an operation's process but were excluded or lack the certification; a new partner when there is none. */
/**
 * Operations another member would help: in a re-plan, those with no fixed work (the work that
 * needs a new home); otherwise those whose members' free hours up to the due date fall short;
 * null (all) when neither says.
 */
function concernedOperations(instance: Instance, prepared: PreparedOrder): Set<number> | null {
  const pinned = new Set(instance.fixed.filter((pin) => pin.orderIndex === prepared.index).map((pin) => pin.operationIndex));
  if (pinned.size > 0) return new Set(prepared.operations.map((operation) => operation.operationIndex).filter((k) => !pinned.has(k)));
  const dueWeek = instance.weeks.filter((week) => week <= prepared.order.dueDate).length;
  const short = prepared.operations.filter((operation) => {
    let hours = 0;
    for (const member of operation.candidates)
      for (let week = 0; week < dueWeek; week++) hours += instance.freeHours[capacityIndex(instance, member, operation.processIndex, week)] ?? 0;
    return hours < prepared.order.quantity * operation.hoursPerUnit + operation.setupHours;
  });
  return short.length > 0 ? new Set(short.map((operation) => operation.operationIndex)) : null;
}

function allowMembers(instance: Instance, orderId: string, concerned: Set<number> | null): PlanSuggestion[] {
  const order = instance.source.input.orders.find((candidate) => candidate.id === orderId);
  if (!order) return [];
  const excluded = new Set(instance.source.options.excludeMemberIds ?? []);
  const suggestions: PlanSuggestion[] = [];
  const seen = new Set<string>();
  order.routing.forEach((operation, k) => {
    if (concerned !== null && !concerned.has(k)) return;
    const offering = instance.members.filter((member) => member.processes.some((offer) => offer.process === operation.process));
    const certified = (member: (typeof offering)[number]) =>
      !operation.certification ||
      member.processes.some((offer) => offer.process === operation.process && offer.certifications.includes(operation.certification ?? ''));
    for (const member of offering) {
      const why = excluded.has(member.id)
        ? 'is excluded from this plan (options.excludeMemberIds)'
        : certified(member)
          ? null
          : `lacks the certification ${operation.certification}`;
      if (why === null || seen.has(`${member.id}|${operation.process}`)) continue;
      seen.add(`${member.id}|${operation.process}`);
      suggestions.push({
        kind: 'ALLOW_MEMBER',
        jointOrderId: orderId,
        message: `Allow ${member.id} for operation ${k} (${operation.process}): it offers the process but ${why}.`,
        dueDate: null,
        memberId: member.id,
        process: operation.process,
        completionDate: null,
      });
    }
    // Only members that may take the operation as it stands: not excluded, and certified where it asks for a certification.
    const able = offering.filter((member) => !excluded.has(member.id) && certified(member));
    if (able.length <= 1 && !seen.has(`*|${operation.process}`)) {
      seen.add(`*|${operation.process}`);
      suggestions.push({
        kind: 'ALLOW_MEMBER',
        jointOrderId: orderId,
        message: `Only ${able.map((member) => member.id).join(', ') || 'no member'} can take operation ${k} (${operation.process}${operation.certification ? `, ${operation.certification}` : ''}): admit another partner with it to the cluster.`,
        dueDate: null,
        memberId: null,
        process: operation.process,
        completionDate: null,
      });
    }
  });
  return suggestions;
}

/**
 * Earliest week each operation in turn could finish on the candidates' free hours (the next one
 * starting the transport weeks later), as the due date it would meet; null past the horizon.
 */
function earliestDueDate(instance: Instance, prepared: PreparedOrder): string | null {
  let start = 0;
  for (const operation of prepared.operations) {
    let needed = prepared.order.quantity * operation.hoursPerUnit + operation.setupHours;
    let week = start;
    for (; week < instance.weeks.length; week++) {
      for (const member of operation.candidates) needed -= instance.freeHours[capacityIndex(instance, member, operation.processIndex, week)] ?? 0;
      if (needed <= 1e-9) break;
    }
    if (week >= instance.weeks.length) return null;
    start = week + operation.lagWeeks;
  }
  const finish = start - (prepared.operations[prepared.operations.length - 1]?.lagWeeks ?? 0);
  const weekStart = instance.weeks[finish];
  return weekStart ? weekEnd(weekStart) : null;
}

/** When fixed allocations block the order: a valid plan of it alone without them, finishing late. */
function withoutPins(instance: Instance, prepared: PreparedOrder): PlanSuggestion | null {
  // Work of the current week or one already over (done or under way) stays; later fixed work may move.
  const current = instance.source.input.now === undefined ? null : currentWeekStart(instance.source.input.now);
  const stays = (weekStart: string) => current !== null && weekStart <= current;
  const pins = instance.fixed.filter((pin) => pin.orderIndex === prepared.index);
  const movable = pins.filter((pin) => !stays(instance.weeks[pin.weekIndex] ?? ''));
  if (movable.length === 0) return null;
  const kept = pins.filter((pin) => stays(instance.weeks[pin.weekIndex] ?? '')).map((pin) => ({ ...pin, orderIndex: 0 }));
  const alone: Instance = { ...instance, orders: [{ ...prepared, index: 0 }], fixed: kept, rejected: [] };
  const plan = greedyPlan(alone);
  if (plan.failedOrders.length > 0) return null;
  const evaluation = evaluatePlan(alone, plan.allocations, new Set());
  const own = instance.source.options.fixedAllocations?.filter((pin) => pin.jointOrderId === prepared.order.id) ?? [];
  const options = { ...instance.source.options, fixedAllocations: own.filter((pin) => stays(mondayOf(pin.weekStart))) };
  const input = { ...instance.source.input, orders: [prepared.order] };
  if (validatePlan(input, options, { allocations: evaluation.allocations }).length > 0) return null;
  const outcome = evaluation.orders[0];
  if (!outcome?.completionDate) return null;
  // Name only the fixed work the plan without it moves.
  const held = (pin: (typeof own)[number]) =>
    evaluation.allocations
      .filter((a) => a.memberId === pin.memberId && a.operationIndex === pin.operationIndex && a.weekStart === mondayOf(pin.weekStart))
      .reduce((sum, a) => sum + a.quantity, 0) >= pin.quantity;
  const pinned = own.filter((pin) => !stays(mondayOf(pin.weekStart)) && !held(pin));
  if (pinned.length === 0) return null;
  return {
    kind: 'ACCEPT_LATENESS',
    jointOrderId: prepared.order.id,
    message: `Let the fixed work of ${prepared.order.code} move (${pinned.map((pin) => `${pin.quantity} × operation ${pin.operationIndex} at ${pin.memberId} in ${isoWeekLabel(pin.weekStart)}`).join('; ')}): withdraw it and plan again; a plan without it completes ${outcome.completionDate}${outcome.lateDays > 0 ? `, ${outcome.lateDays} days late` : ', still by the due date'}.`,
    dueDate: null,
    memberId: null,
    process: null,
    completionDate: outcome.completionDate,
  };
}
