import { GraphQLError } from 'graphql';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { fetch as undiciFetch, type Agent } from 'undici';
import { DEADLINE_HEADER, injectTraceHeaders } from '@clustergraph/runtime';
import { RawResponse, postRaw, requireJsonObject, type RawAnswer } from './http/rawResponse.ts';
import { observeClusterCall } from './observability/subgraphCalls.ts';
import { forwardedAuthOf, type GatewayContext } from './context.ts';
import { GatewayErrorCode } from './errors.ts';
import type { ServiceTokenCache } from './serviceTokens.ts';

type ProcessResult = ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>;

/**
 * The plain data source for the cluster subgraph: forwards the viewer as a signed token,
 * uses the gateway's pooled connections, and reports a down cluster subgraph as
 * CLUSTER_UNAVAILABLE (its fields error; member data the plan can reach without it still flows).
 */
export class ClusterDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly tokens: ServiceTokenCache,
    private readonly agent: Agent,
    private readonly timeoutMs: number,
  ) {
    super({ url, honorSubgraphCacheControlHeader: false });
    this.fetcher = ((input: string, init: Record<string, unknown>) =>
      undiciFetch(input, { ...init, dispatcher: agent, signal: AbortSignal.timeout(timeoutMs) })) as unknown as RemoteGraphQLDataSource['fetcher'];
  }

  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>): ProcessResult {
    return observeClusterCall(options.request.operationName, () => (options.request.http?.headers ? super.process(options) : this.send(options)));
  }

  /**
   * RemoteGraphQLDataSource.process with this source's headers, over undici's `request`
   * instead of a WHATWG fetch with node-fetch Headers and Request objects per call: the same
   * body, the same errors for an answer that is not 2xx or not a JSON object, and a failed
   * connection or timeout reported as CLUSTER_UNAVAILABLE (didEncounterError).
   */
  private async send(options: GraphQLDataSourceProcessOptions<GatewayContext>): ProcessResult {
    const { request } = options;
    if (!request.query) throw new Error('Missing query');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    await this.addHeaders(options, (name, value) => (headers[name.toLowerCase()] = value));
    const { http: _http, ...withoutHttp } = request;
    let answer: RawAnswer;
    try {
      answer = await postRaw(this.agent, this.url, JSON.stringify(withoutHttp), headers, this.timeoutMs, request.query);
    } catch (error) {
      this.didEncounterError(error as Error, undefined);
      throw error;
    }
    const response = new RawResponse(answer);
    if (!response.ok) throw await this.errorFromResponse(response as never);
    return { ...requireJsonObject(await this.parseBody(response as never)), http: response } as unknown as Awaited<ProcessResult>;
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    await this.addHeaders(options, (name, value) => options.request.http?.headers.set(name, value));
  }

  /** Trace context, the viewer's token (bound to the cluster's audience) and the deadline. */
  private async addHeaders(options: GraphQLDataSourceProcessOptions<GatewayContext>, set: (name: string, value: string) => void): Promise<void> {
    injectTraceHeaders(set);
    // Bound to the cluster's audience; the gateway's system identity never rides on a client's operation.
    const token = await this.tokens.clusterToken(forwardedAuthOf(options.context));
    set('authorization', `Bearer ${token}`);
    set(DEADLINE_HEADER, String(Date.now() + this.timeoutMs));
  }

  override didEncounterError(error: Error, _fetchRequest: unknown, fetchResponse?: unknown): void {
    if (fetchResponse !== undefined || error instanceof GraphQLError) throw error;
    const reason = error.name === 'TimeoutError' || error.name === 'AbortError' ? 'no answer in time' : `connection failed (${describeCause(error)})`;
    throw new GraphQLError(`The cluster subgraph is unavailable: ${reason}`, {
      extensions: { code: GatewayErrorCode.CLUSTER_UNAVAILABLE },
      originalError: error,
    });
  }
}

/** The failed connection's code: on the error itself (undici's `request`) or on its cause (WHATWG fetch). */
function describeCause(error: Error): string {
  const own = (error as { code?: unknown }).code;
  if (typeof own === 'string') return own;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  return typeof cause?.message === 'string' ? cause.message : error.message;
}
