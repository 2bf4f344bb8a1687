import type { AllocationResolvers } from '../__generated__/resolvers-types.ts';
import { delayRiskModel, type ProcessRiskContext } from '../analytics/delayRisk.ts';

/** Per request: allocations of one process share the OEE and anomaly context. */
const requestCaches = new WeakMap<object, Map<string, Promise<ProcessRiskContext>>>();

/**
 * Allocation.delayRisk (issue 6): computed here, on the member's own data. The allocation
 * itself is ORDERS (its reference and Member.allocations are guarded as such); the risk is
 * derived from production history, OEE and anomalies, so it is AI_INSIGHTS too. Both are
 * asked for the request's purpose; the AI_INSIGHTS read is recorded in the usage ledger,
 * a refusal answers null + FORBIDDEN for this field only (the allocation's status stays).
 */
export const allocationDelayRiskFields: Pick<AllocationResolvers, 'delayRisk'> = {
  async delayRisk(allocation, _args, context) {
    await context.access.assertCanRead('orders');
    const decision = await context.access.canRead('aiInsights', { form: 'per-row' });
    if (!decision.allowed) throw context.access.forbidden('aiInsights', decision.reason);
    let cache = requestCaches.get(context);
    if (!cache) requestCaches.set(context, (cache = new Map()));
    return delayRiskModel.run(context.db, { allocation, cache });
  },
};
