import { getVariableValues, type GraphQLSchema, type VariableDefinitionNode } from 'graphql';
import { operationFromDocument, type Schema } from '@apollo/federation-internals';
import type { QueryPlanner } from '@apollo/query-planner';
import { buildOperationContext, type ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import type { GatewayExecutionResult, GatewayExecutor, GatewayInterface, GatewayLoadResult, GatewayRequestContext } from './gatewayTypes.ts';
import { compileOperation, type CompiledOperation } from './compiledOperation.ts';
import { executePlan } from './planExecutor.ts';

/** Documents kept compiled; past this the oldest is dropped (Apollo Server's own document cache is bounded too). */
const MAX_COMPILED = 1000;

/**
 * The fields of @apollo/gateway 2.14's ApolloGateway this executor reads (private there; the
 * version is pinned exactly in package.json, and `load` fails loudly if they are missing).
 */
interface GatewayInternals {
  schema?: GraphQLSchema;
  apiSchema?: Schema;
  supergraphSchema?: GraphQLSchema;
  queryPlanner?: QueryPlanner;
  serviceMap: Record<string, { dataSource: GraphQLDataSource }>;
  recursiveSelectionsLimitDisabled: boolean;
  nonLocalSelectionsLimitDisabled: boolean;
}

/**
 * Apollo Gateway with a compiled executor. Apollo Gateway loads the supergraph, builds the
 * data sources and plans; its executor is replaced by one that keeps, per client document,
 * the query plan, the operation and a compiled result shaper (`CompiledOperation`), and runs
 * the plan with `executePlan`. Requests that ask for a usage-reporting trace go to Apollo's
 * own executor.
 */
export class CompiledGateway implements GatewayInterface {
  private readonly compiled = new Map<string, CompiledOperation>();
  private compiledFor: Schema | undefined;
  private apolloExecutor: GatewayExecutor | null = null;

  constructor(private readonly gateway: ApolloGateway) {}

  async load(options: Parameters<GatewayInterface['load']>[0]): Promise<GatewayLoadResult> {
    const loaded = (await this.gateway.load(options as never)) as unknown as GatewayLoadResult;
    const internals = this.internals();
    if (!internals.apiSchema || !internals.queryPlanner || !internals.supergraphSchema || !internals.serviceMap)
      throw new Error('CompiledGateway: this @apollo/gateway version does not expose the planner and schemas it was written for');
    this.apolloExecutor = loaded.executor;
    return { ...loaded, executor: this.executor };
  }

  onSchemaLoadOrUpdate(callback: Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0]): ReturnType<GatewayInterface['onSchemaLoadOrUpdate']> {
    return this.gateway.onSchemaLoadOrUpdate(callback);
  }

  stop(): Promise<void> {
    return this.gateway.stop();
  }

  private internals(): GatewayInternals {
    return this.gateway as unknown as GatewayInternals;
  }

  readonly executor = async (requestContext: GatewayRequestContext): Promise<GatewayExecutionResult> => {
    if (requestContext.metrics?.captureTraces) return this.apolloExecutor!(requestContext);
    const internals = this.internals();
    const { request, document, queryHash } = requestContext;
    if (internals.apiSchema !== this.compiledFor) {
      this.compiled.clear();
      this.compiledFor = internals.apiSchema;
    }
    const key = request.operationName ? `${queryHash}\n${request.operationName}` : queryHash;
    let compiled = this.compiled.get(key);
    // As Apollo's executor: the operation is picked (which may throw), variables checked, then planned.
    const definition =
      compiled?.definition ?? buildOperationContext({ schema: internals.schema!, operationDocument: document, operationName: request.operationName }).operation;
    const variableDefinitions = definition.variableDefinitions as VariableDefinitionNode[] | undefined;
    if (variableDefinitions) {
      const { errors } = getVariableValues(internals.schema!, variableDefinitions, request.variables || {});
      if (errors) return { errors };
    }
    if (!compiled) {
      const operation = operationFromDocument(internals.apiSchema!, document, request.operationName ? { operationName: request.operationName } : {});
      const plan = internals.queryPlanner!.buildQueryPlan(operation, {
        recursiveSelectionsLimitDisabled: internals.recursiveSelectionsLimitDisabled,
        nonLocalSelectionsLimitDisabled: internals.nonLocalSelectionsLimitDisabled,
      });
      const context = buildOperationContext({ schema: internals.schema!, operationDocument: document, operationName: request.operationName });
      compiled = compileOperation(internals.apiSchema!, internals.schema!, context.operation, Object.values(context.fragments), plan);
      if (this.compiled.size >= MAX_COMPILED) this.compiled.delete(this.compiled.keys().next().value!);
      this.compiled.set(key, compiled);
    }
    const serviceMap: Record<string, GraphQLDataSource> = Object.create(null) as Record<string, GraphQLDataSource>;
    for (const [name, { dataSource }] of Object.entries(internals.serviceMap)) serviceMap[name] = dataSource;
    return (await executePlan(compiled, compiled.plan, serviceMap, requestContext, internals.supergraphSchema!)) as GatewayExecutionResult;
  };
}
