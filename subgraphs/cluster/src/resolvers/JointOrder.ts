import { requireLeaderUser } from '../access.ts';
import { operationProgress } from '../planning/orderStatus.ts';
import type { JointOrderResolvers } from '../__generated__/resolvers-types.ts';

// The other fields are columns of the same name on the row.
export const JointOrder: JointOrderResolvers = {
  async __resolveReference(reference, { auth, profile, planning }) {
    requireLeaderUser(auth, profile.leaderId);
    return planning.store.findOrder(reference.id);
  },
  routing: (order) => order.routing.map((operation, index) => ({ index, ...operation })),
  currentPlan: (order, _args, { planning }) => (order.currentPlanId ? planning.store.findPlan(order.currentPlanId) : null),
  plans: (order, _args, { planning }) => planning.store.plansOfOrder(order.id),
  // From the current plan, this order's part only (a plan may cover several orders).
  async violations(order, _args, { planning }) {
    const plan = order.currentPlanId ? await planning.store.findPlan(order.currentPlanId) : null;
    return (plan?.violations ?? []).filter((v) => v.jointOrderId === order.id);
  },
  async suggestions(order, _args, { planning }) {
    const plan = order.currentPlanId ? await planning.store.findPlan(order.currentPlanId) : null;
    return (plan?.suggestions ?? []).filter((s) => s.jointOrderId === order.id);
  },
  async progress(order, _args, { planning }) {
    const rows = order.currentPlanId ? (await planning.store.allocationsOfPlan(order.currentPlanId)).filter((r) => r.jointOrderId === order.id) : [];
    return operationProgress(order, rows);
  },
};
