import { GraphQLError } from 'graphql';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { fetch as undiciFetch, type Agent } from 'undici';
import { DEADLINE_HEADER, injectTraceHeaders } from '@clustergraph/runtime';
import { observeClusterCall } from './observability/subgraphCalls.ts';
import { forwardedAuthOf, type GatewayContext } from './context.ts';
import { GatewayErrorCode } from './errors.ts';
import type { ServiceTokenCache } from './serviceTokens.ts';

/**
 * The plain data source for the cluster subgraph: forwards the viewer as a signed token,
 * uses the gateway's pooled connections, and reports a down cluster subgraph as
 * CLUSTER_UNAVAILABLE (its fields error; member data the plan can reach without it still flows).
 */
export class ClusterDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly tokens: ServiceTokenCache,
    agent: Agent,
    private readonly timeoutMs: number,
  ) {
    super({ url, honorSubgraphCacheControlHeader: false });
    this.fetcher = ((input: string, init: Record<string, unknown>) =>
      undiciFetch(input, { ...init, dispatcher: agent, signal: AbortSignal.timeout(timeoutMs) })) as unknown as RemoteGraphQLDataSource['fetcher'];
  }

  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    return observeClusterCall(options.request.operationName, () => super.process(options));
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    injectTraceHeaders((name, value) => options.request.http?.headers.set(name, value));
    // Bound to the cluster's audience; the gateway's system identity never rides on a client's operation.
    const token = await this.tokens.clusterToken(forwardedAuthOf(options.context));
    options.request.http?.headers.set('authorization', `Bearer ${token}`);
    options.request.http?.headers.set(DEADLINE_HEADER, String(Date.now() + this.timeoutMs));
  }

  override didEncounterError(error: Error, _fetchRequest: unknown, fetchResponse?: unknown): void {
    if (fetchResponse !== undefined || error instanceof GraphQLError) throw error;
    const reason = error.name === 'TimeoutError' ? 'no answer in time' : `connection failed (${describeCause(error)})`;
    throw new GraphQLError(`The cluster subgraph is unavailable: ${reason}`, {
      extensions: { code: GatewayErrorCode.CLUSTER_UNAVAILABLE },
      originalError: error,
    });
  }
}

function describeCause(error: Error): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  return typeof cause?.message === 'string' ? cause.message : error.message;
}
