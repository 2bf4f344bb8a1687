import { GraphQLError, TypeNameMetaFieldDef, type GraphQLErrorOptions, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { ERRORS, errorCodeDef } from '@apollo/federation-internals';
import {
  evaluateCondition,
  getResponseName,
  type FetchNode,
  type PlanNode,
  type QueryPlan,
  type QueryPlanSelectionNode,
  type ResponsePath,
} from '@apollo/query-planner';
import type { GraphQLDataSource } from '@apollo/gateway';
import type { GatewayRequestContext } from './gatewayTypes.ts';
import { applyRewrites, isObjectOfType } from '@apollo/gateway/dist/dataRewrites.js';
import { deepMerge } from '@apollo/gateway/dist/utilities/deepMerge.js';
import { INCOMING_OPERATION, type IncomingOperationOptions } from '../requestKind.ts';
import type { CompiledOperation } from './compiledOperation.ts';

type ResultMap = Record<string, unknown>;

/** Where a plan node reads and writes: a path into the answer and the data (an object or a flattened list) it points at. */
interface Cursor {
  path: ResponsePath;
  data: ResultMap | ResultMap[];
  fullResult: ResultMap;
}

interface Run {
  compiled: CompiledOperation;
  serviceMap: Record<string, GraphQLDataSource>;
  requestContext: GatewayRequestContext;
  supergraphSchema: GraphQLSchema;
  errors: GraphQLError[];
}

/**
 * Runs a query plan's fetches the way @apollo/gateway's `executeQueryPlan` does (the same
 * requests to the data sources, the same merge of their answers, the same error paths and
 * codes), then shapes the answer with the operation's compiled shaper. What differs is only
 * what is done per request: the federation-internals operation is built once per document
 * (`CompiledOperation`), not for every request, and no usage-reporting trace is built.
 */
export async function executePlan(
  compiled: CompiledOperation,
  plan: QueryPlan,
  serviceMap: Record<string, GraphQLDataSource>,
  requestContext: GatewayRequestContext,
  supergraphSchema: GraphQLSchema,
): Promise<{ data?: ResultMap | null; errors?: GraphQLError[]; extensions?: Record<string, unknown> }> {
  const run: Run = { compiled, serviceMap, requestContext, supergraphSchema, errors: [] };
  const unfilteredData = Object.create(null) as ResultMap;
  if (plan.node?.kind === 'Subscription') throw new Error('Execution of subscriptions not supported by gateway');
  if (plan.node) await executeNode(run, plan.node, { path: [], data: unfilteredData, fullResult: unfilteredData });

  const errors = run.errors;
  try {
    const variables = requestContext.request.variables;
    const shaped = compiled.shaper.shape(unfilteredData, variables, (field) => compiled.introspect(field, variables));
    // As Apollo: shaping errors are reported (in `extensions.valueCompletion`) only when the fetches had none.
    if (errors.length === 0 && shaped.errors.length > 0) return { extensions: { valueCompletion: shaped.errors }, data: shaped.data ?? null };
    return errors.length === 0 ? { data: shaped.data ?? null } : { errors, data: shaped.data ?? null };
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [error] };
    if (error instanceof Error) return { errors: [new GraphQLError(error.message, { originalError: error })] };
    return { errors: [new GraphQLError('Unexpected error during query plan execution')] };
  }
}

async function executeNode(run: Run, node: PlanNode, cursor: Cursor | undefined): Promise<void> {
  if (!cursor) return;
  switch (node.kind) {
    case 'Sequence':
      for (const child of node.nodes) await executeNode(run, child, cursor);
      return;
    case 'Parallel':
      await Promise.all(node.nodes.map((child) => executeNode(run, child, cursor)));
      return;
    case 'Flatten':
      await executeNode(run, node.node, moveIntoCursor(cursor, node.path));
      return;
    case 'Fetch':
      try {
        await executeFetch(run, node, cursor);
      } catch (error) {
        run.errors.push(error as GraphQLError);
      }
      return;
    case 'Condition': {
      const branch = evaluateCondition(node, run.compiled.operation.variableDefinitions, run.requestContext.request.variables)
        ? node.ifClause
        : node.elseClause;
      if (branch) await executeNode(run, branch, cursor);
      return;
    }
    case 'Defer':
      throw new Error('@defer support is not available in the gateway');
  }
}

async function executeFetch(run: Run, fetch: FetchNode, cursor: Cursor): Promise<void> {
  const service = run.serviceMap[fetch.serviceName];
  if (!service) throw new Error(`Couldn't find service with name "${fetch.serviceName}"`);
  const entities = Array.isArray(cursor.data) ? cursor.data.filter((entity) => entity !== null && entity !== undefined) : [cursor.data];
  if (entities.length < 1) return;

  const variables = Object.create(null) as ResultMap;
  const provided = run.requestContext.request.variables;
  for (const name of fetch.variableUsages ?? []) {
    if (provided && Object.prototype.hasOwnProperty.call(provided, name) && typeof provided[name] !== 'undefined') variables[name] = provided[name];
  }

  if (!fetch.requires) {
    const received = await sendOperation(run, fetch, cursor, variables);
    if (received) applyRewrites(run.supergraphSchema, fetch.outputRewrites, received);
    for (const entity of entities) deepMerge(entity, received);
    return;
  }

  const representations: ResultMap[] = [];
  const representationToEntity: number[] = [];
  entities.forEach((entity, index) => {
    // `requires` may name @inaccessible elements: read with the supergraph schema (what subgraphs know).
    const representation = selectRepresentation(run.supergraphSchema, entity, fetch.requires!);
    if (representation && representation[TypeNameMetaFieldDef.name]) {
      applyRewrites(run.supergraphSchema, fetch.inputRewrites, representation);
      representations.push(representation);
      representationToEntity.push(index);
    }
  });
  if (representations.length < 1) return;
  if ('representations' in variables) throw new Error(`Variables cannot contain key "representations"`);

  const received = await sendOperation(run, fetch, cursor, { ...variables, representations });
  if (!received) return;
  if (!(received['_entities'] && Array.isArray(received['_entities']))) throw new Error(`Expected "data._entities" in response to be an array`);
  const receivedEntities = received['_entities'] as Array<ResultMap | null>;
  if (receivedEntities.length !== representations.length) throw new Error(`Expected "data._entities" to contain ${representations.length} elements`);
  // Over `entities.length`, as Apollo's loop (it differs from `representations.length` only when some entity had no representation).
  for (let i = 0; i < entities.length; i++) {
    const receivedEntity = receivedEntities[i];
    const existing = entities[representationToEntity[i]!];
    if (receivedEntity && !receivedEntity['__typename']) receivedEntity['__typename'] = existing!['__typename'];
    applyRewrites(run.supergraphSchema, fetch.outputRewrites, receivedEntity as ResultMap);
    deepMerge(entities[representationToEntity[i]!], receivedEntity);
  }
}

async function sendOperation(run: Run, fetch: FetchNode, cursor: Cursor, variables: ResultMap): Promise<ResultMap | null | undefined> {
  const requestContext = run.requestContext;
  const options = {
    kind: INCOMING_OPERATION,
    request: { query: fetch.operation, variables, operationName: fetch.operationName, http: undefined },
    incomingRequestContext: requestContext,
    context: requestContext.context,
    document: fetch.operationDocumentNode,
    pathInIncomingRequest: cursor.path,
  } as unknown as IncomingOperationOptions<Record<string, unknown>>;
  const response = await run.serviceMap[fetch.serviceName]!.process(options);
  if (response.errors) {
    const pathOf = lazyErrorPaths(fetch, cursor);
    run.errors.push(...response.errors.map((error) => downstreamServiceError(error, fetch.serviceName, pathOf)));
    if (!response.extensions?.['ftv1']) {
      const errorPaths = response.errors.map((error) => ({ subgraph: fetch.serviceName, path: error.path }));
      const metrics = requestContext.metrics as { nonFtv1ErrorPaths?: Array<{ subgraph: string; path: GraphQLFormattedError['path'] }> };
      if (metrics.nonFtv1ErrorPaths) metrics.nonFtv1ErrorPaths.push(...errorPaths);
      else metrics.nonFtv1ErrorPaths = errorPaths;
    }
  }
  return response.data as ResultMap | null | undefined;
}

type ErrorPathOf = (path: GraphQLErrorOptions['path']) => GraphQLErrorOptions['path'];

/** A subgraph error's path in the client's answer (an `_entities` index replaced by where that entity sits), computed only when there is an error. */
function lazyErrorPaths(fetch: FetchNode, cursor: Cursor): ErrorPathOf {
  let hydrated: ResponsePath[] | undefined;
  return (errorPath) => {
    if (fetch.requires && typeof errorPath?.[1] === 'number') {
      if (!hydrated) {
        hydrated = [];
        hydratePaths([], cursor.path, cursor.fullResult, hydrated);
      }
      return [...(hydrated[errorPath[1]] ?? []), ...errorPath.slice(2)];
    }
    return errorPath ? [...cursor.path, ...errorPath.slice()] : undefined;
  };
}

function hydratePaths(parent: ResponsePath, path: ResponsePath, data: unknown, result: ResponsePath[]): void {
  if (data == null) return;
  const head = path[0];
  if (head == null) {
    result.push(parent.slice());
  } else if (head === '@') {
    if (!Array.isArray(data)) throw new Error('expected array when encountering `@`');
    for (const [i, value] of data.entries()) {
      parent.push(i);
      hydratePaths(parent, path.slice(1), value, result);
      parent.pop();
    }
  } else if (typeof head === 'string') {
    if (Array.isArray(data)) {
      for (const [i, value] of data.entries()) {
        parent.push(i);
        hydratePaths(parent, path, value, result);
        parent.pop();
      }
    } else if (Object.prototype.hasOwnProperty.call(data, head)) {
      parent.push(head);
      hydratePaths(parent, path.slice(1), (data as ResultMap)[head], result);
      parent.pop();
    }
  } else {
    throw new Error(`unknown path part "${String(head)}"`);
  }
}

function downstreamServiceError(original: GraphQLFormattedError, serviceName: string, pathOf: ErrorPathOf): GraphQLError {
  const message = original.message || `Error while fetching subquery from service "${serviceName}"`;
  const options: GraphQLErrorOptions = {
    originalError: original as Error,
    path: pathOf(original.path),
    extensions: { ...original.extensions, serviceName },
  };
  const codeDef = errorCodeDef(original);
  // A code Apollo does not know (one set by a data source) is kept as it is.
  if (!codeDef && original.extensions?.['code']) return new GraphQLError(message, options);
  return (codeDef ?? ERRORS.DOWNSTREAM_SERVICE_ERROR).err(message, options);
}

/** The representation of an entity for an `_entities` fetch: the `requires` selection read from what was fetched so far. */
function selectRepresentation(schema: GraphQLSchema, source: ResultMap | null, selections: QueryPlanSelectionNode[]): ResultMap | null {
  if (source === null) return null;
  const result = Object.create(null) as ResultMap;
  for (const selection of selections) {
    if (selection.kind === 'Field') {
      const responseName = getResponseName(selection);
      const subSelections = selection.selections;
      if (!Object.prototype.hasOwnProperty.call(source, responseName) || typeof source[responseName] === 'undefined') return null;
      const value = source[responseName];
      if (Array.isArray(value))
        result[responseName] = value.map((element: ResultMap | null) => (subSelections ? selectRepresentation(schema, element, subSelections) : element));
      else if (subSelections) result[responseName] = selectRepresentation(schema, value as ResultMap | null, subSelections);
      else result[responseName] = value;
    } else if (selection.kind === 'InlineFragment') {
      if (!selection.typeCondition || !source) continue;
      if (isObjectOfType(schema, source, selection.typeCondition)) deepMerge(result, selectRepresentation(schema, source, selection.selections));
    }
  }
  return result;
}

function moveIntoCursor(cursor: Cursor, pathInCursor: ResponsePath): Cursor | undefined {
  const data = flattenAtPath(cursor.data, pathInCursor, 0);
  return data ? { path: cursor.path.concat(pathInCursor), data, fullResult: cursor.fullResult } : undefined;
}

/**
 * Apollo's `flattenResultsAtPath` (the entities a Flatten node's path points at, lists
 * flattened one level per `@`), walking the path by index and collecting into one array
 * instead of a rest-array and a `flatMap` per element: it ran once per entity per Flatten node.
 */
function flattenAtPath(value: unknown, path: ResponsePath, index: number): ResultMap | ResultMap[] | null | undefined {
  if (index === path.length) return value as ResultMap | ResultMap[];
  if (value === undefined || value === null) return value;
  const current = path[index];
  if (current === '@') {
    // Not a list: Apollo's `value.flatMap` fails; let it fail the same way.
    if (!Array.isArray(value)) return (value as unknown[]).flatMap(() => []) as ResultMap[];
    const flattened: unknown[] = [];
    for (const element of value) {
      const found = flattenAtPath(element, path, index + 1);
      if (Array.isArray(found)) for (const item of found) flattened.push(item);
      else flattened.push(found);
    }
    return flattened as ResultMap[];
  }
  if (typeof current !== 'string') throw new Error(`Unexpected ${typeof current} found in path`);
  if (Array.isArray(value)) throw new Error(`Unexpected array in result for path element ${current}`);
  return flattenAtPath(Object.prototype.hasOwnProperty.call(value, current) ? (value as ResultMap)[current] : undefined, path, index + 1);
}
