import type { AllocationResolvers, NeighbourAssignmentResolvers } from '../__generated__/resolvers-types.ts';
import type { ClusterContext } from '../context.ts';
import { allocationProposal, requireAllocationReader } from '../planning/allocationProposal.ts';

/**
 * A firm's allocations mostly come from a few plans and orders: within one request each plan's
 * rows and each order are read once, however many allocations refer to them.
 */
const perRequest = new WeakMap<ClusterContext, Map<string, Promise<unknown>>>();
function once<T>(context: ClusterContext, key: string, load: () => Promise<T>): Promise<T> {
  let cache = perRequest.get(context);
  if (!cache) perRequest.set(context, (cache = new Map()));
  let value = cache.get(key) as Promise<T> | undefined;
  if (!value) cache.set(key, (value = load()));
  return value;
}

// The member's subgraph owns the allocation; the cluster adds what the leader's plan says about it.
export const Allocation: AllocationResolvers = {
  __resolveReference: (reference) => ({ memberId: reference.memberId, id: reference.id }),
  async proposal(allocation, _args, context) {
    const { auth, profile, planning } = context;
    requireAllocationReader(auth, allocation.memberId, profile.leaderId);
    const found = await planning.store.proposedAllocation(allocation.memberId, allocation.id);
    if (!found) return null;
    const order = await once(context, `order:${found.row.jointOrderId}`, () => planning.store.findOrder(found.row.jointOrderId));
    if (!order) return null;
    const planRows = await once(context, `plan:${found.plan.id}`, () => planning.store.allocationsOfPlan(found.plan.id));
    return allocationProposal(order, found.plan, found.row, planRows);
  },
};

export const NeighbourAssignment: NeighbourAssignmentResolvers = {
  async member(assignment, _args, { memberById }) {
    const member = await memberById.load(assignment.memberId);
    if (!member) throw new Error(`member ${assignment.memberId} of a plan is not in the registry`);
    return member;
  },
};
