import { STATUS_CODES } from 'node:http';
import { request, type Agent } from 'undici';
import { isReadOperation, retryReadOnce } from './subgraphHttpClient.ts';

/** A subgraph's HTTP answer, read whole. */
export interface RawAnswer {
  url: string;
  status: number;
  contentType: string | undefined;
  text: string;
}

/**
 * POSTs over undici's pooled `request` (no WHATWG Request, Response or stream objects per call).
 * `query` is the operation's text: a read is sent again once if its pooled connection was dead.
 */
export async function postRaw(agent: Agent, url: string, body: string, headers: Record<string, string>, timeoutMs: number, query?: string): Promise<RawAnswer> {
  const deadline = Date.now() + timeoutMs;
  const answer = await retryReadOnce(isReadOperation(query), deadline, () =>
    request(url, { method: 'POST', headers, body, dispatcher: agent, signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())) }),
  );
  const contentType = answer.headers['content-type'];
  return { url, status: answer.statusCode, contentType: Array.isArray(contentType) ? contentType[0] : contentType, text: await answer.body.text() };
}

/** Just enough of a fetch Response for RemoteGraphQLDataSource's parseBody and errorFromResponse. */
export class RawResponse {
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

/** RemoteGraphQLDataSource's check that a parsed body is a JSON object, with its message. */
export function requireJsonObject(body: unknown): object {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error(`Expected JSON response body, but received: ${String(body)}`);
  return body;
}
