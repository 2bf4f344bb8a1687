import type { CostModel, OperationLimits } from '@clustergraph/runtime';

/**
 * Assumed list sizes of the API's list fields that have no `first`/`limit` argument (the
 * `@listSize(assumedSize)` of Apollo Router's demand control, kept here rather than in the
 * SDL so the standard stays free of gateway policy). Sized for a cluster of dozens of firms
 * with a handful of lines each; a list not named here counts `defaultListSize`.
 */
export const API_LIST_SIZES: Readonly<Record<string, number>> = {
  'Query.members': 50,
  'Query.lines': 100,
  'Query.jointOrders': 50,
  'Query.supportProgrammes': 20,
  'Query.demandCapacity': 60,
  'Member.lines': 10,
  'Member.capacity': 60,
  'Member.production': 100,
  'Member.dataUsage': 100,
  'Member.capabilities': 10,
};

export function apiCostModel(defaultListSize: number): CostModel {
  return { defaultListSize, listSizes: API_LIST_SIZES };
}

export const DEFAULT_GATEWAY_LIMITS = {
  maxTokens: 5000,
  maxDepth: 10,
  maxAliases: 30,
  maxRootFields: 20,
  maxCost: 50_000,
  defaultListSize: 10,
} as const;

export function gatewayOperationLimits(values: {
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxCost: number;
  defaultListSize: number;
}): OperationLimits {
  const { defaultListSize, ...rest } = values;
  return { ...rest, cost: apiCostModel(defaultListSize) };
}
