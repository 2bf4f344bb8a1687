import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Anomaly, Maturity, memberAnalyticsFields, SelfAssessment } from './Member.analytics.ts';
import { lineOeeFields } from './Line.oee.ts';
import { analyticsMutations } from './Mutation.analytics.ts';
import { SupplierProgress } from './SupplierProgress.ts';
import { allocationDelayRiskFields } from './Allocation.delayRisk.ts';

/** Adds the AI-transition analytics (issue 6) to the member's resolvers. */
export function withAnalyticsResolvers(resolvers: Resolvers): Resolvers {
  return {
    ...resolvers,
    Member: { ...resolvers.Member, ...memberAnalyticsFields },
    Line: { ...resolvers.Line, ...lineOeeFields },
    Allocation: { ...resolvers.Allocation, ...allocationDelayRiskFields },
    Mutation: { ...resolvers.Mutation, ...analyticsMutations },
    Anomaly,
    Maturity,
    SelfAssessment,
    SupplierProgress,
  };
}
