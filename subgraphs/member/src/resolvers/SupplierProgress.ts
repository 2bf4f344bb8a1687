import type { SupplierProgressResolvers } from '../__generated__/resolvers-types.ts';
import { compareKpis, computeKpis, programmeBaseline, withheldKpis } from '../analytics/kpis.ts';
import { maturityModel } from '../analytics/maturity.ts';

/**
 * A supplier's progress in an anchor's programme, computed here on the supplier's own data.
 * The cluster subgraph only hands over the key (programme, baseline and current periods);
 * the gateway routes it here by memberId under the reader's identity and purpose. When the
 * supplier's policies do not share AI_INSIGHTS with the reader, the answer says so per KPI
 * instead of failing, and the refusal is written to the usage ledger like any other.
 */
export const SupplierProgress: SupplierProgressResolvers = {
  async __resolveReference(reference, context) {
    if (reference.memberId !== context.memberId) return null;
    const key = {
      memberId: reference.memberId,
      programmeId: reference.programmeId,
      baselineFrom: reference.baselineFrom,
      baselineTo: reference.baselineTo,
      currentFrom: reference.currentFrom,
      currentTo: reference.currentTo,
    };
    const decision = await context.access.canRead('aiInsights');
    if (!decision.allowed) {
      const reason = context.access.forbidden('aiInsights', decision.reason).message;
      return { ...key, withheld: true, reason, levelThen: null, levelNow: null, kpis: withheldKpis(reason), baselineComputedAt: null };
    }
    const baseline = await programmeBaseline(context.db, key.programmeId, key.baselineFrom, key.baselineTo);
    const [current, now] = await Promise.all([computeKpis(context.db, key.currentFrom, key.currentTo), maturityModel.run(context.db, {})]);
    return {
      ...key,
      withheld: false,
      reason: null,
      levelThen: baseline.level,
      levelNow: now.level,
      kpis: compareKpis(baseline.kpis, current),
      baselineComputedAt: baseline.computedAt,
    };
  },
};
