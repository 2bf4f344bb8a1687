import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { fetch as undiciFetch, type Agent } from 'undici';

/** An unsharded subgraph in general mode: Apollo's own data source, over the gateway's pooled connections (undici) with a deadline. */
export class PlainSubgraphDataSource extends RemoteGraphQLDataSource {
  constructor(url: string, agent: Agent, timeoutMs: number) {
    super({ url, honorSubgraphCacheControlHeader: false });
    this.fetcher = ((input: string, init: Record<string, unknown>) =>
      undiciFetch(input, { ...init, dispatcher: agent, signal: AbortSignal.timeout(timeoutMs) })) as unknown as RemoteGraphQLDataSource['fetcher'];
  }
}
