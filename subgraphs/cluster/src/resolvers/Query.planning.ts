import { requireLeaderUser } from '../access.ts';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';

export const planningQuery: Pick<QueryResolvers, 'jointOrders' | 'jointOrder' | 'productionPlan' | 'demandCapacity'> = {
  jointOrders(_parent, { status }, { auth, profile, planning }) {
    requireLeaderUser(auth, profile.leaderId);
    return planning.store.listOrders(status ? [status] : undefined);
  },
  async jointOrder(_parent, { id }, { auth, profile, planning }) {
    requireLeaderUser(auth, profile.leaderId);
    // Reading an order picks up the members' answers first (the reconciler also does, every few seconds).
    await planning.refreshOrder(id);
    return planning.store.findOrder(id);
  },
  productionPlan(_parent, { id }, { auth, profile, planning }) {
    requireLeaderUser(auth, profile.leaderId);
    return planning.store.findPlan(id);
  },
  demandCapacity(_parent, { from, to, process }, { auth, profile, planning }) {
    requireLeaderUser(auth, profile.leaderId);
    return planning.demandCapacity(from, to, process);
  },
};
