import type { AllocationResolvers } from '../__generated__/resolvers-types.ts';

/** Share of the quantity reported good, 0..1 (over-delivery does not count twice). */
export function allocationProgress(row: { goodQuantity: number; quantity: number }): number {
  return row.quantity > 0 ? Math.min(1, row.goodQuantity / row.quantity) : 0;
}

export const Allocation: AllocationResolvers = {
  async __resolveReference(reference, context) {
    if (reference.memberId !== context.memberId) return null;
    await context.access.assertCanRead('orders');
    // Batched: every Allocation reference of this request is read in one query.
    return context.loaders.allocation.load(reference.id);
  },
  memberId: (_allocation, _args, context) => context.memberId,
  progress: (allocation) => allocationProgress(allocation),
  capacityConflict: (allocation) =>
    allocation.conflictCause && allocation.conflictDetectedAt
      ? {
          detectedAt: allocation.conflictDetectedAt,
          cause: allocation.conflictCause,
          reason: allocation.conflictReason ?? '',
          shortHours: allocation.conflictShortHours ?? 0,
        }
      : null,
};
