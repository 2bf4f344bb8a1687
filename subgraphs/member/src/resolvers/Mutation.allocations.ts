import { and, eq, inArray } from 'drizzle-orm';
import { BadUserInputError, ConflictError, NotFoundError } from '@clustergraph/runtime';
import type { AllocationInput, MutationResolvers } from '../__generated__/resolvers-types.ts';
import { allocations, type AllocationRow, type AllocationStatusName } from '../db/schema.ts';
import type { MemberDatabase } from '../db/database.ts';
import { assertOwnMember } from '../validation/common.ts';
import { validateAllocationInput, validateAllocationProgress } from '../validation/allocations.ts';
import { assertRowCount, loadFirmProcesses, planningHorizon } from '../validation/bounds.ts';

const MAX_REASON_LENGTH = 2000;

/** Statuses in which work is under way, so progress may be reported. */
const PROGRESS_STATUSES: ReadonlySet<AllocationStatusName> = new Set(['ACCEPTED', 'IN_PROGRESS', 'DONE']);

function sameProposal(row: AllocationRow, input: AllocationInput): boolean {
  return (
    row.jointOrderId === input.jointOrderId &&
    row.operationIndex === input.operationIndex &&
    row.process === input.process &&
    row.weekStart === input.weekStart &&
    row.quantity === input.quantity &&
    row.hours === input.hours
  );
}

async function findAllocationOrThrow(db: MemberDatabase, id: string): Promise<AllocationRow> {
  const [row] = await db.select().from(allocations).where(eq(allocations.id, id));
  if (!row) throw new NotFoundError('allocation', id, 'id');
  return row;
}

/** Statuses the cluster's planner may take back; the ones after them are answers or work under way. */
const WITHDRAWABLE: ReadonlySet<AllocationStatusName> = new Set(['PROPOSED', 'ACCEPTED']);
/** Withdrawing these again returns them unchanged (they hold no hours). */
const ALREADY_RELEASED: ReadonlySet<AllocationStatusName> = new Set(['WITHDRAWN', 'DECLINED']);

export const allocationMutations: Pick<MutationResolvers, 'proposeAllocations' | 'respondToAllocation' | 'reportAllocationProgress' | 'withdrawAllocation'> = {
  /**
   * Idempotent on id: the same proposal again changes nothing. A changed proposal may
   * replace one still PROPOSED; once answered (accepted, declined, under way) it is a CONFLICT.
   */
  async proposeAllocations(_parent, { memberId, input }, context) {
    assertOwnMember(memberId, context.memberId);
    // The cluster leader's planner proposes work to its partners; answering stays with the owner.
    await context.access.assertCanWrite('orders', { leaderMay: true });
    assertRowCount(input.length, 'input', context.writeBounds);
    validateAllocationInput(input, {
      firm: await loadFirmProcesses(context.db),
      horizon: planningHorizon(context.writeBounds, new Date()),
      bounds: context.writeBounds,
    });
    if (input.length === 0) return [];
    const ids = input.map((a) => a.id);

    return context.db.transaction(async (tx) => {
      const existing = new Map((await tx.select().from(allocations).where(inArray(allocations.id, ids)).for('update')).map((r) => [r.id, r]));
      input.forEach((a, i) => {
        const row = existing.get(a.id);
        if (row && row.status !== 'PROPOSED' && !sameProposal(row, a)) {
          throw new ConflictError(`allocation ${a.id} is already ${row.status}; a changed proposal needs a new id`, `input[${i}].id`);
        }
      });
      for (const a of input) {
        const row = existing.get(a.id);
        const values = {
          jointOrderId: a.jointOrderId,
          operationIndex: a.operationIndex,
          process: a.process,
          weekStart: a.weekStart,
          quantity: a.quantity,
          hours: a.hours,
        };
        if (!row) await tx.insert(allocations).values({ id: a.id, ...values });
        else if (!sameProposal(row, a))
          await tx
            .update(allocations)
            .set({ ...values, updatedAt: new Date() })
            .where(eq(allocations.id, a.id));
      }
      const rows = new Map((await tx.select().from(allocations).where(inArray(allocations.id, ids))).map((r) => [r.id, r]));
      return ids.map((id) => rows.get(id)!);
    });
  },

  async respondToAllocation(_parent, { memberId, id, accept, reason }, context) {
    assertOwnMember(memberId, context.memberId);
    await context.access.assertCanWrite('orders');
    const declineReason = accept ? null : reason?.trim() || null;
    if (declineReason && declineReason.length > MAX_REASON_LENGTH) throw new BadUserInputError('reason', `must be at most ${MAX_REASON_LENGTH} characters`);
    // Conditional update: two concurrent answers cannot both win.
    const [updated] = await context.db
      .update(allocations)
      .set({ status: accept ? 'ACCEPTED' : 'DECLINED', respondedAt: new Date(), declineReason, updatedAt: new Date() })
      .where(and(eq(allocations.id, id), eq(allocations.status, 'PROPOSED')))
      .returning();
    if (updated) return updated;
    const row = await findAllocationOrThrow(context.db, id);
    throw new ConflictError(`allocation ${id} is ${row.status}; only a PROPOSED allocation can be accepted or declined`, 'id');
  },

  async reportAllocationProgress(_parent, { memberId, id, goodQuantity, scrapQuantity }, context) {
    assertOwnMember(memberId, context.memberId);
    await context.access.assertCanWrite('orders');
    return context.db.transaction(async (tx) => {
      const [row] = await tx.select().from(allocations).where(eq(allocations.id, id)).for('update');
      if (!row) throw new NotFoundError('allocation', id, 'id');
      if (!PROGRESS_STATUSES.has(row.status)) {
        throw new ConflictError(`allocation ${id} is ${row.status}; progress can be reported once it is accepted`, 'id');
      }
      validateAllocationProgress(goodQuantity, scrapQuantity, row);
      const status: AllocationStatusName = goodQuantity >= row.quantity ? 'DONE' : 'IN_PROGRESS';
      const [updated] = await tx
        .update(allocations)
        .set({ goodQuantity, scrapQuantity, status, updatedAt: new Date() })
        .where(eq(allocations.id, id))
        .returning();
      return updated!;
    });
  },

  /**
   * The cluster leader's planner takes back work it re-planned elsewhere or whose order was
   * cancelled (the owner may too). The hours leave committedHours at once, and the other
   * accepted allocations of the week and process are checked again (one withdrawn may make
   * room for another that was in conflict).
   */
  async withdrawAllocation(_parent, { memberId, id, reason }, context) {
    assertOwnMember(memberId, context.memberId);
    await context.access.assertCanWrite('orders', { leaderMay: true });
    const withdrawReason = reason?.trim() || null;
    if (withdrawReason && withdrawReason.length > MAX_REASON_LENGTH) throw new BadUserInputError('reason', `must be at most ${MAX_REASON_LENGTH} characters`);
    const now = new Date();
    const [updated] = await context.db
      .update(allocations)
      .set({
        status: 'WITHDRAWN',
        withdrawnAt: now,
        withdrawReason,
        conflictDetectedAt: null,
        conflictCause: null,
        conflictReason: null,
        conflictShortHours: null,
        updatedAt: now,
      })
      .where(and(eq(allocations.id, id), inArray(allocations.status, [...WITHDRAWABLE])))
      .returning();
    if (updated) {
      await context.capacityGuard.refresh([{ process: updated.process, weekStart: updated.weekStart }]);
      context.logger.info(
        { allocationId: id, jointOrderId: updated.jointOrderId, by: context.auth.viewer?.userId, reason: withdrawReason },
        'allocation withdrawn',
      );
      return await findAllocationOrThrow(context.db, id);
    }
    const row = await findAllocationOrThrow(context.db, id);
    if (ALREADY_RELEASED.has(row.status)) return row;
    throw new ConflictError(
      `allocation ${id} is ${row.status}; only a PROPOSED or ACCEPTED allocation can be withdrawn (work under way is finished or reported)`,
      'id',
    );
  },
};
