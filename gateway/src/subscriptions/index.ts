import type { Server } from 'node:http';
import type { Express, RequestHandler } from 'express';
import { ErrorCode, httpErrorBody } from '@clustergraph/runtime';
import type { GraphQLFormattedError } from 'graphql';
import type { ApolloServer } from '@apollo/server';
import type { GraphQLDataSource } from '@apollo/gateway';
import type { Logger } from '@clustergraph/runtime';
import { MEMBER_SUBGRAPH } from '@clustergraph/schema';
import type { GatewayContext } from '../context.ts';
import type { GatewayLimits } from '../limits/gatewayLimits.ts';
import type { MemberRoutes } from '../routing/memberRoutes.ts';
import type { ServiceTokenCache } from '../serviceTokens.ts';
import { EventPlanExecutor } from './eventExecutor.ts';
import { LiveSocketServer } from './liveSocketServer.ts';
import { SubscriptionHub, type SubscriptionStats } from './subscriptionHub.ts';
import { SubscriptionPlanner } from './subscriptionPlanner.ts';
import { SubscriptionTiming } from './timing.ts';

export interface LiveSubscriptionsOptions {
  httpServer: Server;
  /** Where GET /debug/subscriptions (and POST …?reset=timing) is mounted (omit to skip it). */
  app?: Express;
  /** Runs before every /debug route (the gateway requires the cluster's admin); required with `app`. */
  debugGuard?: RequestHandler;
  supergraphSdl: string;
  routes: MemberRoutes;
  tokens: ServiceTokenCache;
  /** The gateway's data sources by subgraph name, as given to ApolloGateway. */
  serviceMap: Record<string, GraphQLDataSource<GatewayContext>>;
  createContext(params: { authorization?: string | undefined; purpose?: string | undefined }): Promise<GatewayContext>;
  /** Runs queries and mutations sent over the socket; null answers them with an error. */
  apollo: ApolloServer<GatewayContext> | null;
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  logger: Logger;
  path?: string;
  /** Unsent bytes past which a subscriber is closed at once (default 4 MiB). */
  maxBufferedBytes?: number;
  /** Unsent bytes a subscriber may hold for at most `slowConsumerGraceMs` (default 256 KiB for 5 s). */
  slowConsumerBytes?: number;
  slowConsumerGraceMs?: number;
  connectionInitWaitMs?: number;
  membershipRefreshMs?: number;
  /** Frame size, subscriptions per socket, upstreams per reader, rates and operation limits (none when omitted). */
  limits?: GatewayLimits;
}

export interface LiveSubscriptions {
  stats(): SubscriptionStats;
  /** Ends (socket closed 4403) the subscriptions of every viewer `refusal` gives a reason for; returns how many sockets. */
  closeRefused(refusal: (context: GatewayContext) => string | null): number;
  /** What /debug/subscriptions answers: connections, REST fetches, timing, groups and upstreams. */
  debugStats(): Record<string, unknown>;
  /** Closes every client socket with 1001, then every member upstream. */
  close(): Promise<void>;
}

const DEFAULT_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const DEFAULT_SLOW_CONSUMER_BYTES = 256 * 1024;
const DEFAULT_SLOW_CONSUMER_GRACE_MS = 5000;

/** graphql-ws subscriptions on the gateway's HTTP server: planned, fanned in from members, shared. */
export function attachLiveSubscriptions(options: LiveSubscriptionsOptions): LiveSubscriptions {
  const logger = options.logger;
  const planner = new SubscriptionPlanner(options.supergraphSdl, options.limits?.operation.maxTokens);
  const executor = new EventPlanExecutor({
    planner,
    serviceMap: options.serviceMap,
    formatError: options.formatError,
    // Member data is policy-guarded (changes apply within a second): never reused. Registry
    // data (member names, roles) is reused up to a second and served stale while refreshed; when
    // the cluster subgraph cannot answer, its last answer of the past minute stands in.
    reusePolicy: (subgraph) => (subgraph === MEMBER_SUBGRAPH ? null : { freshMs: 1000, staleMs: 10_000, staleIfErrorMs: 60_000 }),
    logger,
  });
  const timing = new SubscriptionTiming();
  const hub = new SubscriptionHub({
    executor,
    timing,
    routes: options.routes,
    tokens: options.tokens,
    logger,
    ...(options.membershipRefreshMs ? { membershipRefreshMs: options.membershipRefreshMs } : {}),
    ...(options.limits ? { maxUpstreamsPerReader: options.limits.config.maxUpstreamsPerReader } : {}),
  });
  const server = new LiveSocketServer({
    httpServer: options.httpServer,
    path: options.path ?? '/graphql',
    planner,
    hub,
    createContext: options.createContext,
    async executeSingle(request, context) {
      if (!options.apollo) return { errors: [{ message: 'only subscriptions are served over this socket' }] };
      const response = await options.apollo.executeOperation(
        {
          query: request.query,
          ...(request.variables ? { variables: request.variables } : {}),
          ...(request.operationName ? { operationName: request.operationName } : {}),
        },
        { contextValue: context },
      );
      return response.body.kind === 'single' ? response.body.singleResult : { errors: [{ message: 'incremental delivery is not served over this socket' }] };
    },
    formatError: options.formatError,
    logger,
    maxBufferedBytes: options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES,
    slowConsumerBytes: Math.min(options.slowConsumerBytes ?? DEFAULT_SLOW_CONSUMER_BYTES, options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES),
    slowConsumerGraceMs: options.slowConsumerGraceMs ?? DEFAULT_SLOW_CONSUMER_GRACE_MS,
    connectionInitWaitMs: options.connectionInitWaitMs ?? 10_000,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const debugStats = () => ({
    connections: server.connectionCount,
    connectionsByAddress: server.connectionsByAddress(),
    restFetches: executor.stats,
    timing: timing.summary(),
    ...hub.stats(),
  });
  if (options.app) {
    if (!options.debugGuard) throw new Error('attachLiveSubscriptions: /debug routes need a debugGuard');
    options.app.get('/debug/subscriptions', options.debugGuard, (req, res) => {
      // Reading never changes state: a GET that asks for a reset (a link, a prefetch) is refused.
      if (req.query['reset'] !== undefined) {
        res.setHeader('allow', 'POST');
        res.status(405).json(httpErrorBody('reset changes state: send it as POST /debug/subscriptions?reset=timing', ErrorCode.METHOD_NOT_ALLOWED));
        return;
      }
      res.json(debugStats());
    });
    // The live benchmark resets the timing window when its load starts; answers the figures before the reset.
    options.app.post('/debug/subscriptions', options.debugGuard, (req, res) => {
      if (req.query['reset'] !== 'timing') {
        res
          .status(400)
          .json(httpErrorBody('reset: only "timing" can be reset (POST /debug/subscriptions?reset=timing)', ErrorCode.BAD_REQUEST, { field: 'reset' }));
        return;
      }
      const before = debugStats();
      timing.reset();
      res.json(before);
    });
  }
  return {
    stats: () => hub.stats(),
    closeRefused: (refusal) => server.closeRefused(refusal),
    debugStats,
    async close() {
      await server.close();
      hub.close();
      timing.close();
    },
  };
}

export { SubscriptionPlanner } from './subscriptionPlanner.ts';
export { readerScopeKey } from './readerScope.ts';
export type { SubscriptionStats } from './subscriptionHub.ts';
