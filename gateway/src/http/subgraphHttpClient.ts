import { Agent, request } from 'undici';
import type { GraphQLFormattedError } from 'graphql';
import { DEADLINE_HEADER } from '@clustergraph/runtime';

export interface GraphQLRequestBody {
  query: string;
  variables?: Record<string, unknown> | undefined;
  operationName?: string | null | undefined;
}

export interface GraphQLResponseBody {
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
  extensions?: Record<string, unknown>;
}

/** A subgraph call that produced no GraphQL answer: refused, timed out, not JSON, 401. */
export class SubgraphCallError extends Error {
  /**
   * True when the request may have reached the subgraph and run there (a timeout, a connection
   * dropped after sending, a 5xx or a body that is not GraphQL): for a write, its outcome is unknown.
   */
  readonly mayHaveRun: boolean;
  /** True for a timeout or a failed connection (the circuit breaker counts those), false for an answer that was not GraphQL. */
  readonly transport: boolean;
  constructor(message: string, options?: { cause?: unknown; mayHaveRun?: boolean; transport?: boolean }) {
    super(message, options);
    this.name = 'SubgraphCallError';
    this.mayHaveRun = options?.mayHaveRun ?? false;
    this.transport = options?.transport ?? false;
  }
}

export interface SubgraphHttpClientOptions {
  /** Connections kept per subgraph origin. */
  connectionsPerOrigin?: number;
  keepAliveTimeoutMs?: number;
}

/**
 * POSTs GraphQL to subgraphs over pooled keep-alive connections (undici: one Pool per
 * origin inside one Agent), with a per-call deadline.
 */
export class SubgraphHttpClient {
  readonly agent: Agent;

  constructor(options: SubgraphHttpClientOptions = {}) {
    this.agent = new Agent({
      connections: options.connectionsPerOrigin ?? 32,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
      // A server's `Keep-Alive: timeout=…` hint may lengthen it, never past this: our services
      // keep idle connections open for SERVICE_KEEP_ALIVE_MS (65 s), so the gateway closes first.
      keepAliveMaxTimeout: options.keepAliveTimeoutMs ?? 30_000,
    });
  }

  async post(
    url: string,
    body: GraphQLRequestBody,
    options: { token?: string; timeoutMs: number; headers?: Record<string, string> },
  ): Promise<GraphQLResponseBody> {
    let statusCode: number;
    let text: string;
    const deadline = Date.now() + options.timeoutMs;
    const payload = JSON.stringify(body);
    try {
      const response = await retryReadOnce(isReadOperation(body.query), deadline, () =>
        request(url, {
          method: 'POST',
          dispatcher: this.agent,
          headers: {
            'content-type': 'application/json',
            accept: 'application/graphql-response+json, application/json',
            ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
            // The member stops work nobody waits for any more (lib/runtime limits/deadline.ts).
            [DEADLINE_HEADER]: String(deadline),
            ...options.headers,
          },
          body: payload,
          signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
        }),
      );
      statusCode = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      throw new SubgraphCallError(describeTransportFailure(error, options.timeoutMs), {
        cause: error,
        mayHaveRun: mayHaveBeenDelivered(error),
        transport: true,
      });
    }
    if (statusCode === 401) throw new SubgraphCallError('it refused the gateway token (HTTP 401)');
    const parsed = parseGraphQLBody(text);
    // A 4xx without GraphQL is the HTTP layer refusing the request (body size, JSON); a 5xx or a 2xx may follow work done.
    if (!parsed)
      throw new SubgraphCallError(`it answered HTTP ${statusCode} without a GraphQL response`, { mayHaveRun: statusCode >= 500 || statusCode < 400 });
    return parsed;
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

/** Apollo's fetches and ours begin with their operation type; only queries are retried. */
export function isReadOperation(query: string | undefined): boolean {
  return query !== undefined && /^\s*(?:query\b|\{)/.test(query);
}

/**
 * Connection failures that mean a pooled keep-alive connection was already closed by the
 * subgraph when the request went out on it (the server's idle timeout won the race, e.g. while
 * this process was starved of CPU): the request was not answered, and sending it again on a
 * new connection is the standard remedy for an idempotent request.
 */
const STALE_CONNECTION_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

function failedOnStaleConnection(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code ?? (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' && STALE_CONNECTION_CODES.has(code);
}

/**
 * Sends a read once more when its connection turned out to be dead, while the deadline
 * allows; writes are never re-sent here (a lost write answer is WRITE_OUTCOME_UNKNOWN, and the
 * client retries with its Idempotency-Key). A read that did run before its answer was lost is
 * served, and recorded in the member's ledger, twice: it was.
 */
export async function retryReadOnce<T>(isRead: boolean, deadline: number, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!isRead || !failedOnStaleConnection(error) || Date.now() >= deadline) throw error;
    return send();
  }
}

function parseGraphQLBody(text: string): GraphQLResponseBody | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    if (!('data' in value) && !('errors' in value)) return null;
    return value as GraphQLResponseBody;
  } catch {
    return null;
  }
}

/** Failures that happen before a request leaves the gateway; anything else may have been delivered. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_INVALID_ARG']);

function mayHaveBeenDelivered(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code ?? (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return !(typeof code === 'string' && NOT_SENT_CODES.has(code));
}

function describeTransportFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutMs} ms`;
  const code = (error as { code?: unknown; cause?: { code?: unknown } } | null)?.code ?? (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  if (typeof code === 'string') return `connection failed (${code})`;
  return `connection failed (${error instanceof Error ? error.message : String(error)})`;
}
