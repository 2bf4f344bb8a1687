import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Agent } from 'undici';
import { RawResponse, postRaw, requireJsonObject, type RawAnswer } from '../http/rawResponse.ts';

/** The body RemoteGraphQLDataSource sends starts with the query; only queries are merged. */
const READ_OPERATION = /^\{"query":"\s*(\{|query\b)/;

/**
 * An unsharded subgraph in general mode: Apollo's RemoteGraphQLDataSource (same requests,
 * same errors), with its fetcher replaced: undici's pooled `request` instead of a WHATWG
 * fetch (no Request/stream objects per call), and identical read requests in flight at the
 * same time sent once — each waiter parses its own copy of the answer text, so no object is
 * shared between client requests. Writes are never merged.
 */
export class PlainSubgraphDataSource extends RemoteGraphQLDataSource {
  private readonly inFlight = new Map<string, Promise<RawAnswer>>();
  private readonly send: (target: string, body: string, headers: Record<string, string>) => Promise<RawAnswer>;

  constructor(url: string, agent: Agent, timeoutMs: number) {
    super({ url, honorSubgraphCacheControlHeader: false });
    this.send = (target, body, headers) => {
      const key = READ_OPERATION.test(body) ? `${target}\n${JSON.stringify(headers)}\n${body}` : null;
      let pending = key === null ? undefined : this.inFlight.get(key);
      if (!pending) {
        pending = postRaw(agent, target, body, headers, timeoutMs);
        if (key !== null) {
          this.inFlight.set(key, pending);
          const forget = () => this.inFlight.delete(key);
          pending.then(forget, forget);
        }
      }
      return pending;
    };
    this.fetcher = (async (target: string, init: { headers: Record<string, string>; body: string }) =>
      new RawResponse(await this.send(target, init.body, init.headers))) as unknown as RemoteGraphQLDataSource['fetcher'];
  }

  /**
   * RemoteGraphQLDataSource.process for what the gateway sends (no APQ, no cache-control
   * hints, no request hooks), without its per-call node-fetch Headers and Request objects:
   * the same body (`{ query, variables, operationName }` in that order), the same
   * content-type header, the same errors for an answer that is not 2xx (`errorFromResponse`)
   * or not a JSON object. Requests carrying HTTP headers of their own take Apollo's path.
   */
  override async process(options: GraphQLDataSourceProcessOptions): ReturnType<RemoteGraphQLDataSource['process']> {
    const { request } = options;
    if (request.http?.headers || this.apq || this.willSendRequest || this.didReceiveResponse) return super.process(options);
    if (!request.query) throw new Error('Missing query');
    const { http: _http, ...withoutHttp } = request;
    const response = new RawResponse(await this.send(this.url, JSON.stringify(withoutHttp), { 'content-type': 'application/json' }));
    if (!response.ok) throw await this.errorFromResponse(response as never);
    const body = requireJsonObject(await this.parseBody(response as never));
    return { ...body, http: response } as unknown as Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
  }
}
