import type { AllocationResolvers, NeighbourAssignmentResolvers } from '../__generated__/resolvers-types.ts';
import { allocationProposal, requireAllocationReader } from '../planning/allocationProposal.ts';

// The member's subgraph owns the allocation; the cluster adds what the leader's plan says about it.
export const Allocation: AllocationResolvers = {
  __resolveReference: (reference) => ({ memberId: reference.memberId, id: reference.id }),
  async proposal(allocation, _args, { auth, profile, planning }) {
    requireAllocationReader(auth, allocation.memberId, profile.leaderId);
    const found = await planning.store.proposedAllocation(allocation.memberId, allocation.id);
    if (!found) return null;
    const order = await planning.store.findOrder(found.row.jointOrderId);
    if (!order) return null;
    return allocationProposal(order, found.plan, found.row, await planning.store.allocationsOfPlan(found.plan.id));
  },
};

export const NeighbourAssignment: NeighbourAssignmentResolvers = {
  async member(assignment, _args, { memberById }) {
    const member = await memberById.load(assignment.memberId);
    if (!member) throw new Error(`member ${assignment.memberId} of a plan is not in the registry`);
    return member;
  },
};
