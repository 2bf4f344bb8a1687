import type { Allocation } from '../solver/index.ts';
import type { StoredPlanChange } from '../db/planning.ts';

/** An allocation as far as comparing two plan versions is concerned: the planner's, without its cost. */
export type DiffAllocation = Omit<Allocation, 'cost'>;

const keyOf = (a: DiffAllocation) => `${a.jointOrderId}|${a.operationIndex}|${a.memberId}|${a.weekStart}`;
const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * What changed from one plan version to the next, per order, operation, member and week:
 * work that appears (ADDED), disappears (REMOVED) or changes quantity or hours (CHANGED).
 * Unchanged work is not listed. Sorted by order, operation, week, member.
 */
export function diffPlans(before: readonly DiffAllocation[], after: readonly DiffAllocation[]): StoredPlanChange[] {
  const sum = (list: readonly DiffAllocation[]) => {
    const totals = new Map<string, DiffAllocation>();
    for (const a of list) {
      const k = keyOf(a);
      const t = totals.get(k);
      totals.set(k, t ? { ...t, quantity: t.quantity + a.quantity, hours: t.hours + a.hours } : { ...a });
    }
    return totals;
  };
  const old = sum(before);
  const now = sum(after);
  const changes: StoredPlanChange[] = [];
  for (const k of new Set([...old.keys(), ...now.keys()])) {
    const a = old.get(k);
    const b = now.get(k);
    const base = (b ?? a)!;
    const change: StoredPlanChange = {
      kind: !a ? 'ADDED' : !b ? 'REMOVED' : 'CHANGED',
      jointOrderId: base.jointOrderId,
      operationIndex: base.operationIndex,
      process: base.process,
      memberId: base.memberId,
      weekStart: base.weekStart,
      quantityBefore: a?.quantity ?? 0,
      quantityAfter: b?.quantity ?? 0,
      hoursBefore: round(a?.hours ?? 0),
      hoursAfter: round(b?.hours ?? 0),
    };
    if (change.kind === 'CHANGED' && change.quantityBefore === change.quantityAfter && Math.abs(change.hoursBefore - change.hoursAfter) < 1e-6) continue;
    changes.push(change);
  }
  return changes.sort(
    (x, y) =>
      x.jointOrderId.localeCompare(y.jointOrderId) ||
      x.operationIndex - y.operationIndex ||
      x.weekStart.localeCompare(y.weekStart) ||
      x.memberId.localeCompare(y.memberId),
  );
}
