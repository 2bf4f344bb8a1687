import type { Server } from 'node:http';
import { GraphQLError, Kind, OperationTypeNode, getVariableValues, type DocumentNode, type ExecutionResult, type OperationDefinitionNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import WebSocket, { WebSocketServer } from 'ws';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import { buildOperationContext, executeQueryPlan, type GraphQLDataSource } from '@apollo/gateway';
import type { Logger } from '@clustergraph/runtime';

interface PlannedSubscription {
  operation: OperationDefinitionNode;
  operationContext: ReturnType<typeof buildOperationContext>;
  primary: FetchNode;
  queryPlan: QueryPlan;
}

type EventListener = (event: ExecutionResult | Error | 'complete') => void;

/** One subscription at a subgraph, shared by every client whose primary fetch is the same (operation + its variables). */
class SharedUpstream {
  readonly listeners = new Set<EventListener>();
  private readonly dispose: () => void;
  constructor(client: Client, operation: string, variables: Record<string, unknown>, onIdle: () => void) {
    this.dispose = client.subscribe(
      { query: operation, variables },
      {
        next: (value) => this.listeners.forEach((listener) => listener(value as ExecutionResult)),
        error: (error) =>
          this.listeners.forEach((listener) => listener(error instanceof Error ? error : new Error('the subgraph ended the subscription with an error'))),
        complete: () => {
          this.listeners.forEach((listener) => listener('complete'));
          onIdle();
        },
      },
    );
  }
  close(): void {
    this.dispose();
  }
}

export interface GeneralSubscriptionsOptions {
  httpServer: Server;
  supergraphSdl: string;
  /** Subgraph name → HTTP URL (from join__graph); the graphql-ws URL is the same with ws(s)://. */
  subgraphUrls: ReadonlyMap<string, string>;
  /** The gateway's data sources, for the rest of each event's plan. */
  serviceMap: Readonly<Record<string, GraphQLDataSource>>;
  logger: Logger;
  path?: string;
}

/**
 * General mode's subscriptions over graphql-ws on the gateway's /graphql: planned with
 * @apollo/query-planner, the primary fetch subscribed at the subgraph that serves it over
 * graphql-ws (one socket per subgraph, identical upstream subscriptions shared between
 * clients), the rest of the plan run for each event through the gateway's data sources.
 */
export function attachGeneralSubscriptions(options: GeneralSubscriptionsOptions): { close(): Promise<void> } {
  const supergraph = Supergraph.build(options.supergraphSdl);
  const apiSchema = supergraph.apiSchema();
  const apiGraphQLSchema = apiSchema.toGraphQLJSSchema();
  const supergraphSchema = supergraph.schema.toGraphQLJSSchema();
  const planner = new QueryPlanner(supergraph);
  const plans = new Map<string, PlannedSubscription>();
  const clients = new Map<string, Client>();
  const upstreams = new Map<string, SharedUpstream>();

  const clientFor = (subgraph: string): Client => {
    let client = clients.get(subgraph);
    if (!client) {
      const url = options.subgraphUrls.get(subgraph);
      if (!url) throw new Error(`no URL for subgraph ${subgraph}`);
      client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, lazy: true, retryAttempts: 0 });
      clients.set(subgraph, client);
    }
    return client;
  };

  const plan = (document: DocumentNode, operationName: string | undefined): PlannedSubscription => {
    const key = `${operationName ?? ''}\n${JSON.stringify(document.loc?.source.body ?? document)}`;
    let planned = plans.get(key);
    if (!planned) {
      const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
      if (!operation) throw new GraphQLError('Must provide an operation.');
      const queryPlan = planner.buildQueryPlan(operationFromDocument(apiSchema, document, operationName ? { operationName } : {}));
      const node = queryPlan.node;
      if (node?.kind !== 'Subscription') throw new GraphQLError('only subscriptions are served over graphql-ws; send queries and mutations over HTTP');
      const rest: PlanNode | undefined = node.rest;
      planned = {
        operation,
        operationContext: buildOperationContext({ schema: apiGraphQLSchema, operationDocument: document, ...(operationName ? { operationName } : {}) }),
        primary: node.primary,
        queryPlan: { kind: 'QueryPlan', node: rest ? { kind: 'Sequence', nodes: [node.primary, rest] } : node.primary },
      };
      if (plans.size > 500) plans.clear();
      plans.set(key, planned);
    }
    return planned;
  };

  async function runEvent(
    planned: PlannedSubscription,
    document: DocumentNode,
    variables: Record<string, unknown>,
    event: ExecutionResult,
  ): Promise<ExecutionResult> {
    if (!event.data) return { errors: event.errors ?? [] };
    const { primary } = planned;
    // Each client's execution merges into its own copy of the event.
    const answer = { data: structuredClone(event.data), ...(event.errors ? { errors: [...event.errors] } : {}) };
    const real = options.serviceMap[primary.serviceName];
    const eventSource: GraphQLDataSource = {
      process: (request) => {
        if (request.request.query === primary.operation) return Promise.resolve(answer as never);
        if (!real) throw new Error(`no data source for ${primary.serviceName}`);
        return real.process(request);
      },
    };
    const requestContext = {
      request: { query: '', variables },
      document,
      operationName: planned.operation.name?.value ?? null,
      operation: planned.operation,
      context: {},
      logger: options.logger,
      metrics: {},
      overallCachePolicy: { restrict: () => {}, replace: () => {}, policyIfCacheable: () => null },
    } as unknown as Parameters<typeof executeQueryPlan>[2];
    const result = await executeQueryPlan(
      planned.queryPlan,
      { ...options.serviceMap, [primary.serviceName]: eventSource },
      requestContext,
      planned.operationContext,
      supergraphSchema,
      apiSchema,
    );
    return { data: (result.data as Record<string, unknown> | null | undefined) ?? null, ...(result.errors?.length ? { errors: result.errors } : {}) };
  }

  /**
   * A hand-written iterator rather than an async generator: graphql-ws calls return() when a
   * client completes, and a generator waiting for the next event would run its cleanup only
   * after that event — the shared upstream must be released at once.
   */
  function subscribe(document: DocumentNode, operationName: string | undefined, rawVariables: Record<string, unknown>): AsyncIterableIterator<ExecutionResult> {
    const single = (result: ExecutionResult): AsyncIterableIterator<ExecutionResult> => {
      let sent = false;
      const iterator: AsyncIterableIterator<ExecutionResult> = {
        next: () => Promise.resolve(sent ? { done: true, value: undefined } : ((sent = true), { done: false, value: result })),
        return: () => Promise.resolve({ done: true, value: undefined }),
        [Symbol.asyncIterator]: () => iterator,
      };
      return iterator;
    };
    let planned: PlannedSubscription;
    try {
      planned = plan(document, operationName);
    } catch (error) {
      return single({ errors: [error instanceof GraphQLError ? error : new GraphQLError((error as Error).message)] });
    }
    const coerced = getVariableValues(apiGraphQLSchema, planned.operation.variableDefinitions ?? [], rawVariables);
    if (coerced.errors) return single({ errors: coerced.errors });
    const variables = coerced.coerced;
    const primaryVariables = Object.fromEntries(
      (planned.primary.variableUsages ?? []).filter((name) => name in variables).map((name) => [name, variables[name]]),
    );
    const key = JSON.stringify([planned.primary.serviceName, planned.primary.operation, primaryVariables]);
    let upstream = upstreams.get(key);
    if (!upstream) {
      upstream = new SharedUpstream(clientFor(planned.primary.serviceName), planned.primary.operation, primaryVariables, () => upstreams.delete(key));
      upstreams.set(key, upstream);
    }
    const shared = upstream;
    const queue: Array<ExecutionResult | Error | 'complete'> = [];
    let waiting: ((result: IteratorResult<ExecutionResult>) => void) | null = null;
    let done = false;
    const finish = (): Promise<IteratorResult<ExecutionResult>> => {
      if (!done) {
        done = true;
        shared.listeners.delete(listener);
        if (shared.listeners.size === 0 && upstreams.get(key) === shared) {
          upstreams.delete(key);
          shared.close();
        }
        waiting?.({ done: true, value: undefined });
        waiting = null;
      }
      return Promise.resolve({ done: true, value: undefined });
    };
    const deliver = (event: ExecutionResult | Error | 'complete'): Promise<IteratorResult<ExecutionResult>> => {
      if (event === 'complete') return finish();
      if (event instanceof Error) {
        void finish();
        done = true;
        const failed = new GraphQLError(`Subgraph ${planned.primary.serviceName}: ${event.message}`, { extensions: { code: 'SUBGRAPH_SUBSCRIPTION_FAILED' } });
        return Promise.resolve({ done: false, value: { errors: [failed] } });
      }
      return runEvent(planned, document, variables, event).then((value) => ({ done: false, value }));
    };
    const listener: EventListener = (event) => {
      if (done) return;
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        void deliver(event).then(resolve);
      } else queue.push(event);
    };
    shared.listeners.add(listener);
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      next: () => {
        if (queue.length > 0) return deliver(queue.shift()!);
        if (done) return Promise.resolve({ done: true, value: undefined });
        return new Promise((resolve) => (waiting = resolve));
      },
      return: finish,
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  const wsServer = new WebSocketServer({ server: options.httpServer, path: options.path ?? '/graphql' });
  const server = useServer(
    {
      schema: apiGraphQLSchema,
      // Queries and mutations go over HTTP (Apollo Server); the socket takes subscriptions only.
      execute: () => ({ errors: [new GraphQLError('only subscriptions are served over graphql-ws; send queries and mutations over HTTP')] }),
      subscribe: (args) => {
        const operation = args.document.definitions.find(
          (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!args.operationName || d.name?.value === args.operationName),
        );
        if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) return { errors: [new GraphQLError('not a subscription')] };
        return subscribe(args.document, args.operationName ?? undefined, (args.variableValues as Record<string, unknown> | undefined) ?? {});
      },
    },
    wsServer,
  );
  return {
    async close() {
      await server.dispose();
      for (const upstream of upstreams.values()) upstream.close();
      upstreams.clear();
      await Promise.all([...clients.values()].map((client) => client.dispose()));
    },
  };
}
