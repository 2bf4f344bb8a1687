/**
 * Human-readable, data-carrying explanation lines: rejected and unplanned orders (which
 * constraint), bottlenecks (process, weeks, members, hours) and late orders.
 */
import { weekRangeLabel } from './calendar.ts';
import type { IndexedAllocation } from './greedy.ts';
import { capacityIndex, round, type Instance } from './instance.ts';
import { PROCESS_TYPES } from './types.ts';
import type { Evaluation } from './evaluate.ts';

const BINDING_SHARE = 0.98;

export function explainRejected(instance: Instance): string[] {
  return instance.rejected.flatMap(({ orderId, reasons }) => reasons.map((reason) => `INFEASIBLE order ${orderId}: ${reason}`));
}

/** Why an order that passed the single-order checks still could not be completed. */
export function explainUnplanned(instance: Instance, unplanned: Set<number>, allocations: IndexedAllocation[]): string[] {
  const lines: string[] = [];
  const weekCount = instance.weeks.length;
  const firstWeek = instance.weeks[0] ?? '';
  const lastWeek = instance.weeks[weekCount - 1] ?? '';
  for (const orderIndex of unplanned) {
    const prepared = instance.orders[orderIndex];
    if (!prepared) continue;
    const totalLag = prepared.operations.reduce((sum, operation, k) => sum + (k + 1 < prepared.operations.length ? operation.lagWeeks : 0), 0);
    const causes: string[] = [];
    for (const operation of prepared.operations) {
      // Hours every planned order needs on this process vs hours of the members able to run it.
      const candidates = new Set(operation.candidates);
      let needed = prepared.order.quantity * operation.hoursPerUnit + operation.setupHours;
      for (const allocation of allocations) {
        const other = instance.orders[allocation.order]?.operations[allocation.operation];
        if (!other || unplanned.has(allocation.order) || other.processIndex !== operation.processIndex || !candidates.has(allocation.member)) continue;
        needed += allocation.quantity * other.hoursPerUnit + other.setupHours;
      }
      let available = 0;
      for (const member of candidates)
        for (let t = 0; t < weekCount; t++) available += instance.freeHours[capacityIndex(instance, member, operation.processIndex, t)] ?? 0;
      if (needed > available) {
        causes.push(`${operation.process}: ${round(needed)} h needed in weeks ${weekRangeLabel(firstWeek, lastWeek)}, ${round(available)} h available`);
      }
    }
    if (causes.length === 0 && totalLag >= weekCount) causes.push(`routing needs ${totalLag} transport weeks but the horizon has ${weekCount} weeks`);
    const pins = instance.fixed.filter((pin) => pin.orderIndex === orderIndex).length;
    if (causes.length === 0 && pins > 0) {
      causes.push(
        `no plan keeps its ${pins} fixed allocation(s) where they are and fits capacity, lot sizes and the routing order with transport lead times in weeks ${weekRangeLabel(firstWeek, lastWeek)}`,
      );
    }
    if (causes.length === 0)
      causes.push(`no combination of members fits capacity, lot sizes and transport lead times in weeks ${weekRangeLabel(firstWeek, lastWeek)}`);
    for (const cause of causes) lines.push(`INFEASIBLE order ${prepared.order.id} (${prepared.order.code}): ${cause}`);
  }
  return lines;
}

/** Processes whose capacity binds (≥ 98 % used), as runs of consecutive weeks. */
export function explainBottlenecks(instance: Instance, allocations: IndexedAllocation[], limit = 8): string[] {
  const used = new Float64Array(instance.freeHours.length);
  for (const allocation of allocations) {
    const operation = instance.orders[allocation.order]?.operations[allocation.operation];
    if (!operation) continue;
    const at = capacityIndex(instance, allocation.member, operation.processIndex, allocation.week);
    used[at] = (used[at] ?? 0) + allocation.quantity * operation.hoursPerUnit + operation.setupHours;
  }
  const findings: { hours: number; line: string }[] = [];
  PROCESS_TYPES.forEach((process, processIndex) => {
    const bindingWeeks: { week: number; members: Set<string>; used: number; available: number }[] = [];
    for (let week = 0; week < instance.weeks.length; week++) {
      const members = new Set<string>();
      let usedHours = 0;
      let available = 0;
      instance.members.forEach((member, memberIndex) => {
        const at = capacityIndex(instance, memberIndex, processIndex, week);
        const free = instance.freeHours[at] ?? 0;
        const hours = used[at] ?? 0;
        if (free > 0 && hours >= BINDING_SHARE * free) {
          members.add(member.id);
          usedHours += hours;
          available += free;
        }
      });
      if (members.size > 0) bindingWeeks.push({ week, members, used: usedHours, available });
    }
    let start = 0;
    while (start < bindingWeeks.length) {
      let end = start;
      while (end + 1 < bindingWeeks.length && (bindingWeeks[end + 1]?.week ?? 0) === (bindingWeeks[end]?.week ?? 0) + 1) end++;
      const run = bindingWeeks.slice(start, end + 1);
      const first = run[0];
      const last = run[run.length - 1];
      if (first && last) {
        const members = new Set(run.flatMap((entry) => [...entry.members]));
        const hours = run.reduce((sum, entry) => sum + entry.used, 0);
        const available = run.reduce((sum, entry) => sum + entry.available, 0);
        findings.push({
          hours,
          line: `BOTTLENECK ${process}: weeks ${weekRangeLabel(instance.weeks[first.week] ?? '', instance.weeks[last.week] ?? '')}, ${round(hours)} h planned of ${round(available)} h available at ${[...members].sort().join(', ')}`,
        });
      }
      start = end + 1;
    }
  });
  findings.sort((a, b) => b.hours - a.hours);
  const lines = findings.slice(0, limit).map((finding) => finding.line);
  if (findings.length > limit) lines.push(`… and ${findings.length - limit} more binding process/week runs`);
  return lines;
}

export function explainLateness(instance: Instance, evaluation: Evaluation, limit = 10): string[] {
  const late = evaluation.orders.filter((order) => order.planned && order.lateDays > 0).sort((a, b) => b.lateDays - a.lateDays);
  const lines = late.slice(0, limit).map((order) => {
    const prepared = instance.orders.find((candidate) => candidate.order.id === order.jointOrderId);
    return `LATE order ${order.jointOrderId}: completes ${order.completionDate ?? '?'}, due ${prepared?.order.dueDate ?? '?'}, ${order.lateDays} days late`;
  });
  if (late.length > limit) lines.push(`… and ${late.length - limit} more late orders`);
  return lines;
}
