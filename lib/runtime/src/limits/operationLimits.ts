import { GraphQLError, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { ErrorCode } from '@clustergraph/schema/values';
import { measureWithDependence, type CostModel, type OperationMeasure } from './operationMeasure.ts';

/** Codes of the operation limits (extensions.code), one per limit so a client can tell which; the standard's. */
export const LimitErrorCode = {
  TOKEN_LIMIT_EXCEEDED: ErrorCode.TOKEN_LIMIT_EXCEEDED,
  DEPTH_LIMIT_EXCEEDED: ErrorCode.DEPTH_LIMIT_EXCEEDED,
  ALIAS_LIMIT_EXCEEDED: ErrorCode.ALIAS_LIMIT_EXCEEDED,
  ROOT_FIELD_LIMIT_EXCEEDED: ErrorCode.ROOT_FIELD_LIMIT_EXCEEDED,
  COST_LIMIT_EXCEEDED: ErrorCode.COST_LIMIT_EXCEEDED,
} as const;
export type LimitErrorCode = (typeof LimitErrorCode)[keyof typeof LimitErrorCode];

export interface OperationLimits {
  /** Lexical tokens the parser reads before it gives up (graphql-js `maxTokens`). */
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxCost: number;
  cost: CostModel;
}

/** A refused operation: HTTP 400, `extensions.code` names the limit, `limit`/`actual` say by how much. */
export class OperationLimitError extends GraphQLError {
  constructor(code: LimitErrorCode, message: string, limit: number, actual: number) {
    super(message, { extensions: { code, limit, actual, http: { status: 400 } } });
  }
}

/** Measures `operation` and returns the first limit it breaks (null when within all). */
export function checkOperationLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  limits: OperationLimits,
): OperationLimitError | null {
  return limitBroken(measureOf(schema, document, operation, variables, limits.cost), limits);
}

/**
 * Measures of documents whose figures do not depend on their variables, per parsed document
 * (Apollo Server hands every request of the same text the same DocumentNode from its document
 * store; a graphql-ws subscribe parses its own): measured once, not on every request.
 */
const measuredDocuments = new WeakMap<DocumentNode, Map<OperationDefinitionNode, { schema: GraphQLSchema; model: CostModel; measure: OperationMeasure }>>();

function measureOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  model: CostModel,
): OperationMeasure {
  const known = measuredDocuments.get(document)?.get(operation);
  if (known && known.schema === schema && known.model === model) return known.measure;
  const { measure, dependsOnVariables } = measureWithDependence(schema, document, operation, variables, model);
  if (!dependsOnVariables) {
    let byOperation = measuredDocuments.get(document);
    if (!byOperation) measuredDocuments.set(document, (byOperation = new Map()));
    byOperation.set(operation, { schema, model, measure });
  }
  return measure;
}

export function limitBroken(measure: OperationMeasure, limits: OperationLimits): OperationLimitError | null {
  if (measure.depth > limits.maxDepth) {
    return new OperationLimitError(
      LimitErrorCode.DEPTH_LIMIT_EXCEEDED,
      `The operation is nested ${measure.depth} fields deep; at most ${limits.maxDepth} are allowed`,
      limits.maxDepth,
      measure.depth,
    );
  }
  if (measure.aliases > limits.maxAliases) {
    return new OperationLimitError(
      LimitErrorCode.ALIAS_LIMIT_EXCEEDED,
      `The operation uses ${measure.aliases} aliases; at most ${limits.maxAliases} are allowed`,
      limits.maxAliases,
      measure.aliases,
    );
  }
  if (measure.rootFields > limits.maxRootFields) {
    return new OperationLimitError(
      LimitErrorCode.ROOT_FIELD_LIMIT_EXCEEDED,
      `The operation selects ${measure.rootFields} root fields; at most ${limits.maxRootFields} are allowed`,
      limits.maxRootFields,
      measure.rootFields,
    );
  }
  if (measure.cost > limits.maxCost) {
    return new OperationLimitError(
      LimitErrorCode.COST_LIMIT_EXCEEDED,
      `The operation's estimated cost is ${measure.cost}; at most ${limits.maxCost} is allowed`,
      limits.maxCost,
      measure.cost,
    );
  }
  return null;
}

/** graphql-js's parse error when `maxTokens` is reached, turned into the limit's own code. */
export function tokenLimitErrorOf(message: string, maxTokens: number): OperationLimitError | null {
  if (!/Document contains more tha[nt] \d+ tokens/.test(message)) return null;
  return new OperationLimitError(
    LimitErrorCode.TOKEN_LIMIT_EXCEEDED,
    `The document has more than ${maxTokens} tokens; parsing stopped`,
    maxTokens,
    maxTokens + 1,
  );
}
