import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { CLUSTER_SUBGRAPH, MEMBER_SUBGRAPH, loadSupergraphSdl } from '@clustergraph/schema';
import {
  ServiceTokenSigner,
  SocketTracker,
  apiSecurityHeaders,
  formatError,
  jsonErrorHandler,
  jsonNotFound,
  loadOrCreateSigningKeys,
  requireJsonBody,
  type Logger,
  keepIdleConnectionsOpen,
} from '@clustergraph/runtime';
import { createAuthenticator } from './auth/index.ts';
import { ClusterDataSource } from './clusterDataSource.ts';
import type { GatewayConfig } from './config.ts';
import { IDEMPOTENCY_KEY_HEADER, PURPOSE_HEADER, REQUEST_ID_HEADER, createGatewayContext, type GatewayContext } from './context.ts';
import { requireClusterAdmin } from './http/clusterAdmin.ts';
import { allowCrossOrigin } from './http/crossOrigin.ts';
import { consoleContentSecurityPolicy, landingPageContentSecurityPolicy } from './http/securityHeaders.ts';
import { SubgraphHttpClient } from './http/subgraphHttpClient.ts';
import { landingPagePlugin } from './landingPage.ts';
import { operationGuardPlugin } from './operationGuard.ts';
import { createGatewayLimits } from './limits/gatewayLimits.ts';
import { rateLimitByAddress } from './limits/rateLimitMiddleware.ts';
import { ClusterRegistryClient } from './routing/clusterRegistryClient.ts';
import { MemberSdlCheck } from './routing/memberSdlCheck.ts';
import { RoutingTable } from './routing/routingTable.ts';
import { ServiceTokenCache } from './serviceTokens.ts';
import { MemberShardRouter } from './shard/memberShardRouter.ts';
import { writeRulePlugin } from './shard/writeRule.ts';
import { attachLiveSubscriptions } from './subscriptions/index.ts';
import { gatewayObservability } from './observability/gatewayObservability.ts';
import { CompiledGateway } from './execution/compiledGateway.ts';
import { disableApolloTelemetry } from './apolloTelemetry.ts';

const DRAIN_GRACE_MS = 5000;

export interface GatewayApp {
  start(port?: number, host?: string): Promise<{ url: string; port: number }>;
  stop(): Promise<void>;
  readonly routingTable: RoutingTable;
  /** The HTTP server; graphql-ws attaches to it on /graphql (see `stopHooks`). */
  readonly httpServer: Server;
  /** What /debug/subscriptions answers (that route needs the cluster's admin). */
  liveDebugStats(): Record<string, unknown>;
}

/**
 * Builds the gateway: Apollo Gateway on the committed supergraph, the member shard router
 * for `member`, the cluster subgraph as a plain (signed, pooled) data source, Apollo Server
 * over express on one HTTP server. `main.ts` listens; tests start the very same thing.
 */
export async function createGatewayApp(config: GatewayConfig, logger: Logger): Promise<GatewayApp> {
  const signer = new ServiceTokenSigner(await loadOrCreateSigningKeys(config.signingKeyFile));
  const tokens = new ServiceTokenCache(signer);
  const http = new SubgraphHttpClient();
  const routingTable = new RoutingTable({
    registry: new ClusterRegistryClient(config.clusterUrl, http, tokens, config.clusterTimeoutMs),
    sdlCheck: new MemberSdlCheck(http, tokens, config.memberTimeoutMs),
    logger: logger.child({ component: 'routing' }),
    refreshMs: config.routingRefreshMs,
  });
  const authenticator = await createAuthenticator({ ...config.auth, publicUrl: config.publicUrl }, logger.child({ component: 'auth' }), routingTable);
  const limits = createGatewayLimits(config.limits, { memberTimeoutMs: config.memberTimeoutMs, logger: logger.child({ component: 'limits' }) });
  const memberRouter = new MemberShardRouter({
    routes: routingTable,
    http,
    tokens,
    memberTimeoutMs: config.memberTimeoutMs,
    logger: logger.child({ component: 'shard-router' }),
    breakers: limits.breakers,
  });

  const observability = gatewayObservability(config.observability);
  const supergraphSdl = loadSupergraphSdl();
  /** The data sources built for the supergraph; subscriptions run their per-event plans with them. */
  const serviceMap: Record<string, GraphQLDataSource<GatewayContext>> = {};
  disableApolloTelemetry();
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: logger.child({ component: 'apollo-gateway' }),
    buildService({ name }): GraphQLDataSource {
      if (name === MEMBER_SUBGRAPH) return (serviceMap[name] = memberRouter);
      if (name === CLUSTER_SUBGRAPH) return (serviceMap[name] = new ClusterDataSource(config.clusterUrl, tokens, http.agent, config.clusterTimeoutMs));
      throw new Error(`the supergraph names an unknown subgraph "${name}"`);
    },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway: config.executor === 'compiled' ? new CompiledGateway(gateway) : gateway,
    introspection: true,
    stopOnTerminationSignals: false,
    formatError: limits.formatError(formatError(config.exposeErrors, logger.child({ component: 'errors' }))),
    includeStacktraceInErrorResponses: config.exposeErrors,
    parseOptions: limits.parseOptions,
    plugins: [landingPagePlugin(), operationGuardPlugin(), writeRulePlugin(), ...limits.plugins<GatewayContext>(), observability.plugin],
    logger: logger.child({ component: 'apollo-server' }),
  });

  const app = express();
  app.disable('x-powered-by');
  app.use(apiSecurityHeaders());
  const httpServer = keepIdleConnectionsOpen(createServer(app));
  const sockets = new SocketTracker(httpServer);
  /** Run at stop, before the HTTP server drains; the graphql-ws server registers its dispose here. */
  const stopHooks: Array<() => Promise<void>> = [];
  const live = attachLiveSubscriptions({
    httpServer,
    app,
    debugGuard: requireClusterAdmin(authenticator),
    supergraphSdl,
    routes: routingTable,
    tokens,
    serviceMap,
    apollo,
    createContext: (params) => createGatewayContext(params, authenticator),
    formatError: limits.formatError(formatError(config.exposeErrors, logger.child({ component: 'errors' }))),
    limits,
    logger: logger.child({ component: 'subscriptions' }),
    ...config.live,
  });
  stopHooks.push(() => live.close());
  stopHooks.push(async () => observability.close());
  // A firm suspended (or otherwise no longer ACTIVE) loses its open subscriptions at the next registry poll.
  routingTable.onChange(() => {
    const closed = live.closeRefused(({ viewer }) => {
      const status = viewer ? routingTable.memberStatus(viewer.memberId) : 'ACTIVE';
      return status === 'ACTIVE' ? null : `member ${viewer!.memberId} is ${status ?? 'not registered'}`;
    });
    if (closed > 0) logger.info({ closed }, 'closed subscriptions of members no longer ACTIVE');
  });

  app.get('/health', (_req, res) => {
    // pid: the launcher checks that its own process answers, not another one on the port.
    res.json({
      status: 'ok',
      service: 'gateway',
      pid: process.pid,
      routing: { loaded: routingTable.loaded, members: routingTable.memberIds().length, active: routingTable.activeMemberIds().length },
    });
  });
  observability.mount(app, { routingTable, breakers: limits.breakers, live });
  app.get('/.well-known/jwks.json', (_req, res) => {
    res.json({ keys: [signer.publicJwk] });
  });
  if (config.consoleDir && existsSync(join(config.consoleDir, 'index.html'))) {
    app.use('/console', consoleContentSecurityPolicy(config.publicUrl), express.static(config.consoleDir, { index: 'index.html', maxAge: '1h' }));
    app.get('/', (_req, res) => res.redirect('/console/'));
  } else {
    app.get('/', (_req, res) => res.redirect('/graphql'));
  }
  authenticator.routes(app);

  let started = false;
  return {
    routingTable,
    httpServer,
    liveDebugStats: () => live.debugStats(),
    async start(port = config.port, host = config.host) {
      await routingTable.start();
      await apollo.start();
      started = true;
      app.use(
        '/graphql',
        allowCrossOrigin(),
        landingPageContentSecurityPolicy(),
        rateLimitByAddress(limits.rate, limits.clientAddressOf),
        requireJsonBody(),
        express.json({ limit: config.limits.maxBodyBytes }),
        observability.traceRequests,
        limits.refusals.middleware(),
        expressMiddleware(apollo, {
          context: async ({ req }) => {
            const context = await createGatewayContext(
              {
                authorization: req.headers.authorization,
                purpose: req.header(PURPOSE_HEADER),
                idempotencyKey: req.header(IDEMPOTENCY_KEY_HEADER),
                requestId: req.header(REQUEST_ID_HEADER),
              },
              authenticator,
            );
            await limits.consumeViewer(context.viewer);
            return context;
          },
        }),
      );
      app.use(jsonNotFound(), jsonErrorHandler({ logger, exposeErrors: config.exposeErrors }));
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve());
      });
      const address = httpServer.address() as AddressInfo;
      const url = `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${address.port}/graphql`;
      logger.info({ url, members: routingTable.activeMemberIds().length }, 'gateway listening');
      return { url, port: address.port };
    },
    async stop() {
      routingTable.stop();
      for (const hook of stopHooks) await hook();
      await sockets.drain(DRAIN_GRACE_MS);
      if (started) await apollo.stop();
      await http.close();
      await limits.close();
    },
  };
}
