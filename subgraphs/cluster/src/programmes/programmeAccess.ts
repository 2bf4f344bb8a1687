import { BadUserInputError, ForbiddenError, isMonday, type ForwardedAuth } from '@clustergraph/runtime';
import type { MemberRow } from '../db/schema.ts';

export const MAX_BASELINE_WEEKS = 26;
export const DEFAULT_BASELINE_WEEKS = 4;
export const MAX_SUPPLIERS = 100;

/** Only an admin of the anchor firm may start its programme, and the firm must be an ACTIVE member the leader granted ANCHOR. */
export function requireAnchorAdmin(auth: ForwardedAuth, anchor: MemberRow | null, anchorId: string): void {
  const viewer = auth.viewer;
  if (!viewer || viewer.memberId !== anchorId || !viewer.roles.includes('admin')) {
    throw new ForbiddenError(`only an admin of ${anchorId} may start its support programme`, { required: 'ANCHOR_ADMIN', memberId: anchorId });
  }
  if (!anchor || !anchor.roles.includes('ANCHOR')) {
    throw new ForbiddenError(`${anchorId} is not an ANCHOR member of this cluster`, { required: 'ANCHOR', memberId: anchorId });
  }
  if (anchor.status !== 'ACTIVE') {
    throw new ForbiddenError(`${anchorId} is ${anchor.status}; only an ACTIVE anchor may start a programme`, {
      required: 'ACTIVE_MEMBER',
      memberId: anchorId,
      status: anchor.status,
    });
  }
}

/** Suppliers: listed once, registered and ACTIVE, not the anchor itself. */
export function checkSuppliers(supplierIds: readonly string[], anchorId: string, found: ReadonlyMap<string, MemberRow | null>): void {
  if (supplierIds.length === 0) throw new BadUserInputError('input.supplierIds', 'name at least one supplier');
  if (supplierIds.length > MAX_SUPPLIERS) throw new BadUserInputError('input.supplierIds', `at most ${MAX_SUPPLIERS} suppliers`);
  supplierIds.forEach((id, i) => {
    if (supplierIds.indexOf(id) !== i) throw new BadUserInputError(`input.supplierIds[${i}]`, `${id} is listed twice`);
    if (id === anchorId) throw new BadUserInputError(`input.supplierIds[${i}]`, 'the anchor cannot be its own supplier');
    const member = found.get(id);
    if (!member) throw new BadUserInputError(`input.supplierIds[${i}]`, `${id} is not a member of this cluster`);
    if (member.status !== 'ACTIVE') throw new BadUserInputError(`input.supplierIds[${i}]`, `${id} is ${member.status}, not ACTIVE`);
  });
}

export function checkPeriod(startDate: string, baselineWeeks: number): void {
  if (!isMonday(startDate)) throw new BadUserInputError('input.startDate', 'must be a Monday (programme weeks are ISO weeks)');
  if (!Number.isInteger(baselineWeeks) || baselineWeeks < 1 || baselineWeeks > MAX_BASELINE_WEEKS) {
    throw new BadUserInputError('input.baselineWeeks', `must be 1–${MAX_BASELINE_WEEKS}`);
  }
}
