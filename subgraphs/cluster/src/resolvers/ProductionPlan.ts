import type { PlannedAllocationResolvers, ProductionPlanResolvers } from '../__generated__/resolvers-types.ts';

// The other fields are columns (or JSON columns) of the same name on the row.
export const ProductionPlan: ProductionPlanResolvers = {
  allocations: (plan, _args, { planning }) => planning.store.allocationsOfPlan(plan.id),
};

export const PlannedAllocation: PlannedAllocationResolvers = {
  async member(allocation, _args, { memberById }) {
    const member = await memberById.load(allocation.memberId);
    if (!member) throw new Error(`member ${allocation.memberId} of allocation ${allocation.allocationId} is not in the registry`);
    return member;
  },
  // Only the key (the id the proposal used): the gateway routes it by memberId to the member's
  // own subgraph, which answers status, progress and delayRisk under the reader's identity.
  allocation: (allocation) =>
    allocation.status === 'NOT_PROPOSED' ? null : { __typename: 'Allocation' as const, memberId: allocation.memberId, id: allocation.allocationId },
  capacityConflict: (allocation) => (allocation.conflictCause ? `${allocation.conflictCause}: ${allocation.conflictReason ?? ''}` : null),
  withdrawal: (allocation) =>
    allocation.withdrawalState && allocation.withdrawRequestedAt
      ? {
          state: allocation.withdrawalState,
          reason: allocation.withdrawReason ?? '',
          requestedAt: allocation.withdrawRequestedAt,
          withdrawnAt: allocation.withdrawnAt,
          error: allocation.withdrawError,
        }
      : null,
};
