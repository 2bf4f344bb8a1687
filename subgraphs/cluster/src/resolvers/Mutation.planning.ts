import { requireLeaderPlanner } from '../access.ts';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';

type PlanningMutations = 'createJointOrder' | 'updateJointOrder' | 'cancelJointOrder' | 'planJointOrder' | 'planJointOrders' | 'proposePlan';

export const planningMutation: Pick<MutationResolvers, PlanningMutations> = {
  async createJointOrder(_parent, { input }, { auth, profile, planning, logger }) {
    requireLeaderPlanner(auth, profile.leaderId);
    const order = await planning.createOrder(input, auth.viewer!.userId);
    logger.info({ jointOrderId: order.id, code: order.code, by: auth.viewer!.userId }, 'joint order created');
    return order;
  },
  updateJointOrder(_parent, { id, input }, { auth, profile, planning }) {
    requireLeaderPlanner(auth, profile.leaderId);
    return planning.updateOrder(id, input);
  },
  async cancelJointOrder(_parent, { id, reason }, { auth, profile, planning, logger }) {
    requireLeaderPlanner(auth, profile.leaderId);
    const order = await planning.cancelOrder(id, reason);
    logger.info({ jointOrderId: id, by: auth.viewer!.userId }, 'joint order cancelled');
    return order;
  },
  planJointOrder(_parent, { id, options }, { auth, profile, planning }) {
    requireLeaderPlanner(auth, profile.leaderId);
    return planning.plan([id], options, auth.viewer!.userId);
  },
  planJointOrders(_parent, { ids, options }, { auth, profile, planning }) {
    requireLeaderPlanner(auth, profile.leaderId);
    return planning.plan(ids, options, auth.viewer!.userId);
  },
  proposePlan(_parent, { planId }, { auth, profile, planning }) {
    requireLeaderPlanner(auth, profile.leaderId);
    return planning.propose(planId);
  },
};
