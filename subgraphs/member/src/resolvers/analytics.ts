import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Anomaly, Maturity, memberAnalyticsFields, SelfAssessment } from './Member.analytics.ts';
import { lineOeeFields } from './Line.oee.ts';
import { analyticsMutations } from './Mutation.analytics.ts';
import { SupplierProgress } from './SupplierProgress.ts';

/** Adds the AI-transition analytics (issue 6) to the member's resolvers. */
export function withAnalyticsResolvers(resolvers: Resolvers): Resolvers {
  return {
    ...resolvers,
    Member: { ...resolvers.Member, ...memberAnalyticsFields },
    Line: { ...resolvers.Line, ...lineOeeFields },
    Mutation: { ...resolvers.Mutation, ...analyticsMutations },
    Anomaly,
    Maturity,
    SelfAssessment,
    SupplierProgress,
  };
}
