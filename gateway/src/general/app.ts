import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { Supergraph } from '@apollo/federation-internals';
import type { Logger } from '@clustergraph/runtime';
import { keepIdleConnectionsOpen, SocketTracker } from '@clustergraph/runtime';
import { CompiledGateway } from '../execution/compiledGateway.ts';
import { SubgraphHttpClient } from '../http/subgraphHttpClient.ts';
import { KeyShardRouter } from '../shard/keyShardRouter.ts';
import type { GeneralGatewayConfig } from './config.ts';
import { PlainSubgraphDataSource } from './plainDataSource.ts';
import type { ShardingConfig } from './shardingConfig.ts';
import { StaticShardPolicy } from './staticShardPolicy.ts';
import { attachGeneralSubscriptions } from './subscriptions.ts';
import { disableApolloTelemetry } from '../apolloTelemetry.ts';

const DRAIN_GRACE_MS = 5000;

export interface GeneralGatewayOptions {
  supergraphSdl: string;
  sharding?: ShardingConfig;
  subgraphTimeoutMs?: number;
  maxBodyBytes?: number;
  /** `compiled` (default) or Apollo Gateway's own executor. */
  executor?: 'compiled' | 'apollo';
}

export interface GeneralGatewayApp {
  start(port?: number, host?: string): Promise<{ url: string; port: number }>;
  stop(): Promise<void>;
  /** The data sources by subgraph name (a sharded one is a KeyShardRouter). */
  readonly serviceMap: Readonly<Record<string, GraphQLDataSource>>;
}

/**
 * The gateway on any Federation v2 supergraph: subgraph URLs from `join__graph(url:)`, the
 * subgraphs named in the sharding configuration served by key-sharded routers, every other one
 * by Apollo's data source. Apollo Gateway plans and executes, so without shards the answers
 * are stock @apollo/gateway's. No registry, no sign-in: what a caller sends is what subgraphs get.
 */
export async function createGeneralGatewayApp(options: GeneralGatewayOptions, logger: Logger): Promise<GeneralGatewayApp> {
  const sharding = options.sharding ?? { subgraphs: {} };
  const timeoutMs = options.subgraphTimeoutMs ?? 30_000;
  const subgraphs = subgraphsOf(options.supergraphSdl);
  for (const name of Object.keys(sharding.subgraphs)) {
    if (!subgraphs.has(name)) throw new Error(`the sharding configuration names subgraph "${name}", which the supergraph does not have`);
  }
  const http = new SubgraphHttpClient();
  const serviceMap: Record<string, GraphQLDataSource> = {};
  disableApolloTelemetry();
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    logger: logger.child({ component: 'apollo-gateway' }),
    buildService({ name, url }): GraphQLDataSource {
      const shards = sharding.subgraphs[name];
      const source = shards
        ? new KeyShardRouter(new StaticShardPolicy(name, shards, http, timeoutMs))
        : new PlainSubgraphDataSource(url!, http.agent, timeoutMs);
      return (serviceMap[name] = source);
    },
  });
  const apollo = new ApolloServer({
    gateway: options.executor === 'apollo' ? gateway : new CompiledGateway(gateway),
    introspection: true,
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    logger: logger.child({ component: 'apollo-server' }),
  });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = keepIdleConnectionsOpen(createServer(app));
  const sockets = new SocketTracker(httpServer);
  app.get('/health', (_req, res) => {
    res.json({
      status: 'ok',
      service: 'gateway',
      mode: 'general',
      pid: process.pid,
      subgraphs: [...subgraphs.keys()],
      sharded: Object.keys(sharding.subgraphs),
    });
  });

  let started = false;
  let subscriptions: { close(): Promise<void> } | null = null;
  return {
    serviceMap,
    async start(port = 4000, host = '127.0.0.1') {
      await apollo.start();
      started = true;
      subscriptions = attachGeneralSubscriptions({
        httpServer,
        supergraphSdl: options.supergraphSdl,
        subgraphUrls: subgraphs,
        serviceMap,
        logger: logger.child({ component: 'subscriptions' }),
      });
      app.use('/graphql', express.json({ limit: options.maxBodyBytes ?? 1024 * 1024 }), expressMiddleware(apollo, { context: async () => ({}) }));
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve());
      });
      const address = httpServer.address() as AddressInfo;
      const url = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${address.port}/graphql`;
      logger.info({ url, subgraphs: [...subgraphs.keys()], sharded: Object.keys(sharding.subgraphs) }, 'gateway listening (general mode)');
      return { url, port: address.port };
    },
    async stop() {
      await subscriptions?.close();
      await sockets.drain(DRAIN_GRACE_MS);
      if (started) await apollo.stop();
      await http.close();
    },
  };
}

/** Subgraph name → URL from the supergraph's `join__graph` directives (checks the supergraph on the way). */
export function subgraphsOf(supergraphSdl: string): Map<string, string> {
  return new Map(
    Supergraph.build(supergraphSdl)
      .subgraphs()
      .values()
      .map((subgraph) => [subgraph.name, subgraph.url] as const),
  );
}

export function readSupergraphFile(path: string): string {
  return readFileSync(path, 'utf8');
}

export type { GeneralGatewayConfig };
