import { STATUS_CODES } from 'node:http';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { request as undiciRequest, type Agent } from 'undici';

interface RawAnswer {
  url: string;
  status: number;
  contentType: string | undefined;
  text: string;
}

/** Just enough of a fetch Response for RemoteGraphQLDataSource's parseBody and errorFromResponse. */
class RawResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly url: string;
  readonly headers: { get(name: string): string | null };
  constructor(private readonly raw: RawAnswer) {
    this.ok = raw.status >= 200 && raw.status < 300;
    this.status = raw.status;
    this.statusText = STATUS_CODES[raw.status] ?? '';
    this.url = raw.url;
    this.headers = { get: (name) => (name.toLowerCase() === 'content-type' ? (raw.contentType ?? null) : null) };
  }
  text(): Promise<string> {
    return Promise.resolve(this.raw.text);
  }
  json(): Promise<unknown> {
    return Promise.resolve(JSON.parse(this.raw.text) as unknown);
  }
}

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

  constructor(url: string, agent: Agent, timeoutMs: number) {
    super({ url, honorSubgraphCacheControlHeader: false });
    const send = async (target: string, init: { method: string; headers: Record<string, string>; body: string }): Promise<RawAnswer> => {
      const answer = await undiciRequest(target, {
        method: init.method as 'POST',
        headers: init.headers,
        body: init.body,
        dispatcher: agent,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const contentType = answer.headers['content-type'];
      return { url: target, status: answer.statusCode, contentType: Array.isArray(contentType) ? contentType[0] : contentType, text: await answer.body.text() };
    };
    this.fetcher = (async (target: string, init: { method: string; headers: Record<string, string>; body: string }) => {
      const key = READ_OPERATION.test(init.body) ? `${target}\n${JSON.stringify(init.headers)}\n${init.body}` : null;
      let pending = key === null ? undefined : this.inFlight.get(key);
      if (!pending) {
        pending = send(target, init);
        if (key !== null) {
          this.inFlight.set(key, pending);
          const forget = () => this.inFlight.delete(key);
          pending.then(forget, forget);
        }
      }
      return new RawResponse(await pending);
    }) as unknown as RemoteGraphQLDataSource['fetcher'];
  }
}
