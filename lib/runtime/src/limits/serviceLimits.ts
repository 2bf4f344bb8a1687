import type { OperationLimits } from './operationLimits.ts';

/**
 * A subgraph's own limits: a safety net under the gateway's (which may be another version).
 * Looser than the gateway's defaults because a gateway fetch may batch many entities
 * (`_entities` costs one per representation sent), tight enough that the 299-byte nested
 * query of issue 13 is refused by a member even when sent to it directly.
 */
export const DEFAULT_SERVICE_LIMITS: OperationLimits = {
  maxTokens: 20_000,
  maxDepth: 15,
  maxAliases: 100,
  maxRootFields: 100,
  maxCost: 100_000,
  cost: { defaultListSize: 20 },
};
