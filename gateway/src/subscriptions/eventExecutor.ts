import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { executeQueryPlan, type GraphQLDataSource } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import type { Logger } from '@clustergraph/runtime';
import type { GatewayContext } from '../context.ts';
import type { UpstreamEvent } from './memberUpstream.ts';
import { readerScopeKey } from './readerScope.ts';
import { RestFetchCache, type RestFetchPolicy } from './restFetchCache.ts';
import type { PlannedSubscription, SubscriptionPlanner } from './subscriptionPlanner.ts';

/** The peer closed a kept-alive connection as the request went out on it: nothing was processed, a read is simply sent again. */
const CLOSED_CONNECTION_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

function closedConnection(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CLOSED_CONNECTION_CODES.has(code)) return true;
    e = (e as { originalError?: unknown; cause?: unknown }).originalError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * The rest of a subscription plan only reads (entity fetches): one that failed on a connection
 * the subgraph had just closed (its keep-alive ran out while this gateway was busy) is sent once
 * more on a new one, instead of costing every subscriber of the group that event's fields.
 */
export async function retryOnClosedConnection<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!closedConnection(error)) throw error;
    return send();
  }
}

export interface EventResult {
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
}

export interface EventPlanExecutorOptions {
  planner: SubscriptionPlanner;
  /** The gateway's data sources by subgraph name (the member shard router, the cluster source). */
  serviceMap: Record<string, GraphQLDataSource<GatewayContext>>;
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /** Which subgraphs' rest answers may be reused briefly across events (null: only coalesced while in flight). */
  reusePolicy(subgraph: string): RestFetchPolicy | null;
  logger: Logger;
}

/**
 * Resolves the rest of a subscription plan for one event: the plan executed is
 * Sequence[primary fetch, rest], where the primary fetch is answered in memory with the
 * event the member sent, and every other fetch goes through the gateway's usual data
 * sources (shard router, cluster). Result shaping (aliases, the gateway's own `_cg*`
 * fields, fragments) is Apollo's own `computeResponse`.
 */
export class EventPlanExecutor {
  private readonly plans = new WeakMap<PlannedSubscription, QueryPlan>();
  /** Built at the first event: the gateway fills its service map only once Apollo has loaded the supergraph. */
  private coalescedServiceMap: Record<string, GraphQLDataSource<GatewayContext>> | null = null;
  /** Fetches of the rest in flight, by subgraph + operation + variables + reader scope. */
  private readonly fetches = new RestFetchCache();

  constructor(private readonly options: EventPlanExecutorOptions) {}

  get stats(): RestFetchCache['stats'] {
    return this.fetches.stats;
  }

  private serviceMap(): Record<string, GraphQLDataSource<GatewayContext>> {
    if (!this.coalescedServiceMap || Object.keys(this.coalescedServiceMap).length !== Object.keys(this.options.serviceMap).length) {
      this.coalescedServiceMap = Object.fromEntries(Object.entries(this.options.serviceMap).map(([name, source]) => [name, this.sharedFetches(name, source)]));
    }
    return this.coalescedServiceMap;
  }

  /**
   * Groups of different selections or variables often need the very same entity fetch for
   * one event (e.g. the event's member from the cluster subgraph), and consecutive events of
   * a member need it again: see RestFetchCache. Each caller gets its own copy of the answer.
   */
  private sharedFetches(name: string, source: GraphQLDataSource<GatewayContext>): GraphQLDataSource<GatewayContext> {
    const policy = this.options.reusePolicy(name);
    return {
      process: (request) => {
        const key = JSON.stringify([
          name,
          request.request.query,
          request.request.variables,
          request.context ? readerScopeKey(request.context as GatewayContext) : null,
        ]);
        // Only `data` is merged into (and mutated by) the executor; the response may also carry
        // non-cloneable parts (http headers).
        return this.fetches
          .get(key, policy, () => retryOnClosedConnection(() => source.process(request)))
          .then((response) => {
            const { data } = response as { data?: unknown };
            return data == null ? response : { ...(response as object), data: structuredClone(data) };
          }) as ReturnType<GraphQLDataSource<GatewayContext>['process']>;
      },
    };
  }

  async execute(plan: PlannedSubscription, variables: Record<string, unknown>, context: GatewayContext, event: UpstreamEvent): Promise<EventResult> {
    if (!event.payload.data) return { errors: [...(event.payload.errors ?? [])] };
    const { primary } = plan;
    const serviceMap = this.serviceMap();
    const realSource = serviceMap[primary.serviceName];
    // The same event object goes to several groups and the executor merges into what a
    // fetch returns: each execution gets its own copy.
    const answer = { data: structuredClone(event.payload.data), ...(event.payload.errors ? { errors: [...event.payload.errors] } : {}) };
    const eventSource: GraphQLDataSource<GatewayContext> = {
      process: (request) => {
        if (request.request.query === primary.operation) return Promise.resolve(answer as never);
        if (!realSource) throw new Error(`no data source for ${primary.serviceName}`);
        return realSource.process(request);
      },
    };
    const requestContext = {
      request: { query: plan.documentKey, variables, operationName: plan.operationName },
      document: plan.document,
      operationName: plan.operationName ?? null,
      operation: plan.operation,
      context,
      logger: this.options.logger,
      metrics: {},
      overallCachePolicy: { restrict: () => {}, replace: () => {}, policyIfCacheable: () => null },
    } as unknown as Parameters<typeof executeQueryPlan>[2];
    const result = await executeQueryPlan(
      this.queryPlanOf(plan),
      { ...serviceMap, [primary.serviceName]: eventSource },
      requestContext,
      plan.operationContext,
      this.options.planner.supergraphSchema,
      this.options.planner.apiSchema,
    );
    const formatted: EventResult = { data: (result.data as Record<string, unknown> | null | undefined) ?? null };
    const errors = (result.errors ?? []).map((error) =>
      this.options.formatError(error instanceof GraphQLError ? error.toJSON() : { message: (error as Error).message ?? String(error) }, error),
    );
    if (errors.length > 0) formatted.errors = errors;
    return formatted;
  }

  private queryPlanOf(plan: PlannedSubscription): QueryPlan {
    let queryPlan = this.plans.get(plan);
    if (!queryPlan) {
      queryPlan = { kind: 'QueryPlan', node: plan.rest ? { kind: 'Sequence', nodes: [plan.primary, plan.rest] } : plan.primary };
      this.plans.set(plan, queryPlan);
    }
    return queryPlan;
  }
}
