import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  getVariableValues,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { Supergraph, operationFromDocument, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode } from '@apollo/query-planner';
import { buildOperationContext } from '@apollo/gateway';
import { ErrorCode } from '@clustergraph/runtime';
import { rewritePrimaryOperation, type PrimaryOperation } from './primaryOperation.ts';

/** What Apollo's executor needs about the operation (its type is not exported by @apollo/gateway). */
type OperationContext = ReturnType<typeof buildOperationContext>;

/** A client's subscription, planned once per distinct document and operation name. */
export interface PlannedSubscription {
  /** The document text + operation name: what, with variables and scope, identifies a shared group. */
  documentKey: string;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName: string | undefined;
  operationContext: OperationContext;
  /** The planner's primary fetch (member subgraph) and the rest of the plan, run per event. */
  primary: FetchNode;
  rest: PlanNode | undefined;
  primaryOperation: PrimaryOperation;
}

export type PreparedOperation =
  { kind: 'invalid'; errors: readonly GraphQLError[] } | { kind: 'single'; document: DocumentNode } | { kind: 'subscription'; plan: PlannedSubscription };

const MAX_CACHED_PLANS = 500;

/**
 * Plans subscriptions with @apollo/query-planner over the committed supergraph: the
 * Subscription node's primary fetch becomes the fan-in from member shards, its rest the
 * per-event plan. Queries and mutations sent over the socket are left to Apollo Server.
 */
export class SubscriptionPlanner {
  readonly supergraphSchema: GraphQLSchema;
  readonly apiSchema: Schema;
  readonly apiGraphQLSchema: GraphQLSchema;
  private readonly queryPlanner: QueryPlanner;
  private readonly plans = new Map<string, PreparedOperation>();

  /** `maxTokens`: the parser's token limit (graphql-js), the same as for HTTP operations. */
  constructor(
    supergraphSdl: string,
    private readonly maxTokens?: number,
  ) {
    const supergraph = Supergraph.build(supergraphSdl);
    this.supergraphSchema = supergraph.schema.toGraphQLJSSchema();
    this.apiSchema = supergraph.apiSchema();
    this.apiGraphQLSchema = this.apiSchema.toGraphQLJSSchema();
    this.queryPlanner = new QueryPlanner(supergraph);
  }

  prepare(query: string, operationName: string | null | undefined): PreparedOperation {
    const documentKey = `${operationName ?? ''}\n${query}`;
    const cached = this.plans.get(documentKey);
    if (cached) return cached;
    const prepared = this.planOperation(documentKey, query, operationName ?? undefined);
    if (this.plans.size >= MAX_CACHED_PLANS) this.plans.clear();
    if (prepared.kind !== 'invalid') this.plans.set(documentKey, prepared);
    return prepared;
  }

  /** Coerces the client's variables against the operation (defaults, input types), as execution would. */
  coerceVariables(
    plan: PlannedSubscription,
    raw: Record<string, unknown> | null | undefined,
  ): { errors: readonly GraphQLError[] } | { variables: Record<string, unknown> } {
    const result = getVariableValues(this.apiGraphQLSchema, plan.operation.variableDefinitions ?? [], raw ?? {});
    return result.errors ? { errors: result.errors.map((e) => withCode(e, ErrorCode.BAD_USER_INPUT)) } : { variables: result.coerced };
  }

  private planOperation(documentKey: string, query: string, operationName: string | undefined): PreparedOperation {
    let document: DocumentNode;
    try {
      document = parse(query, this.maxTokens ? { maxTokens: this.maxTokens } : undefined);
    } catch (error) {
      return { kind: 'invalid', errors: [withCode(error as GraphQLError, ErrorCode.GRAPHQL_PARSE_FAILED)] };
    }
    const validationErrors = validate(this.apiGraphQLSchema, document, specifiedRules);
    if (validationErrors.length > 0) return { kind: 'invalid', errors: validationErrors.map((e) => withCode(e, ErrorCode.GRAPHQL_VALIDATION_FAILED)) };
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
    if (!operation) {
      const message = operationName ? `Unknown operation named "${operationName}".` : 'Must provide an operation.';
      return { kind: 'invalid', errors: [new GraphQLError(message, { extensions: { code: ErrorCode.OPERATION_RESOLUTION_FAILURE } })] };
    }
    if (operation.operation !== OperationTypeNode.SUBSCRIPTION) return { kind: 'single', document };

    try {
      const plan = this.queryPlanner.buildQueryPlan(operationFromDocument(this.apiSchema, document, { operationName }));
      const node = plan.node;
      if (node?.kind !== 'Subscription') throw new Error(`expected a Subscription plan node, got ${node?.kind ?? 'none'}`);
      const rootFieldName = node.primary.operationDocumentNode
        ? firstFieldName(node.primary.operationDocumentNode)
        : firstFieldName(parse(node.primary.operation));
      const field = this.supergraphSchema.getSubscriptionType()?.getFields()[rootFieldName];
      if (!field) throw new Error(`the supergraph has no subscription field ${rootFieldName}`);
      return {
        kind: 'subscription',
        plan: {
          documentKey,
          document,
          operation,
          operationName,
          operationContext: buildOperationContext({ schema: this.apiGraphQLSchema, operationDocument: document, ...(operationName ? { operationName } : {}) }),
          primary: node.primary,
          rest: node.rest,
          primaryOperation: rewritePrimaryOperation(node.primary.operation, field),
        },
      };
    } catch (error) {
      return { kind: 'invalid', errors: [error instanceof GraphQLError ? error : new GraphQLError((error as Error).message)] };
    }
  }
}

/**
 * The client's mistakes carry the codes Apollo Server gives them over HTTP; without a code,
 * formatError would mask them as INTERNAL_SERVER_ERROR outside development.
 */
function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    ...(error.nodes ? { nodes: error.nodes } : {}),
    ...(error.source ? { source: error.source } : {}),
    ...(error.positions ? { positions: error.positions } : {}),
    ...(error.path ? { path: error.path } : {}),
    ...(error.originalError ? { originalError: error.originalError } : {}),
    extensions: { ...error.extensions, code },
  });
}

function firstFieldName(document: DocumentNode): string {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const selection of definition.selectionSet.selections)
      if (selection.kind === Kind.FIELD && selection.name.value !== '__typename') return selection.name.value;
  }
  throw new Error('the primary fetch selects no field');
}
