import { getOperationAST, print, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { ClusterGraphError } from './errors.ts';
import { webSocketUrl } from './endpoint.ts';
import { persistedIdOf, persistedQueryExtension } from './persistedIds.ts';
import {
  IDEMPOTENCY_KEY_HEADER,
  newIdempotencyKey,
  WriteOutcomeUnknownError,
  writeRetryingFetch,
  writeRetryReport,
  type WriteRetryOptions,
  type WriteRetryReport,
} from './writes.ts';
import { ResumableSubscription, type SubscribeHandlers, type SubscribeOptions } from './subscription.ts';
import { ErrorCode, type Purpose } from '@clustergraph/schema/values';

/** Why data is read; gateways and members check it against sharing policies (the standard's Purpose). */
export type { Purpose };

export interface ClusterGraphClientOptions {
  /** GraphQL endpoint, e.g. http://localhost:4000/graphql (or `/graphql` in the console). */
  endpoint: string;
  /** Bearer JWT; a function is asked on every request and (re)connection. */
  token?: string | (() => string | null | undefined) | null;
  purpose?: Purpose;
  /** WebSocket constructor where there is no global one (Node 20: the `ws` package). */
  webSocketImpl?: unknown;
  fetch?: typeof fetch;
  /**
   * Send the persisted id of each generated document instead of its text (default true): a
   * gateway that trusts only known documents from browsers accepts these. A gateway that
   * does not know an id answers PERSISTED_QUERY_NOT_FOUND and the text is sent once more.
   */
  persistedDocuments?: boolean;
  /** Retrying a write whose answer did not arrive, with its Idempotency-Key (default: 3 tries, 250 ms doubling). */
  writeRetry?: WriteRetryOptions;
  /** Told when a write had to be sent again (its answer did not arrive the first time). */
  onWriteRetried?: (report: WriteRetryReport) => void;
}

/** A GraphQL answer as it came: data (possibly partial) and errors. */
export interface ExecutionResult<TData> {
  data: TData | null | undefined;
  errors: readonly GraphQLFormattedError[];
  /** Set for a write the SDK had to send again (same Idempotency-Key). */
  writeRetry?: WriteRetryReport;
}

type Variables<TVars> = TVars extends Record<string, never> ? TVars | undefined : TVars;

const printed = new WeakMap<DocumentNode, string>();
function queryText(document: DocumentNode): string {
  let text = printed.get(document);
  if (!text) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

export interface ClusterGraphClient {
  readonly endpoint: string;
  /** Data of a fully successful answer; throws ClusterGraphError (with partial data) otherwise. */
  request<TData, TVars extends Record<string, unknown>>(document: TypedDocumentNode<TData, TVars>, variables?: Variables<TVars>): Promise<TData>;
  /** Data and errors as they came, for UIs that render partial answers; throws only on transport failure. */
  execute<TData, TVars extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVars>,
    variables?: Variables<TVars>,
  ): Promise<ExecutionResult<TData>>;
  /** A graphql-ws subscription that reconnects and resumes from per-member cursors. Returns unsubscribe. */
  subscribe<TData, TVars extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVars>,
    variables: Variables<TVars>,
    handlers: SubscribeHandlers<TData>,
    options?: SubscribeOptions<TData>,
  ): () => void;
  /** Closes the WebSocket, if one was opened. */
  dispose(): Promise<void>;
}

export function createClusterGraphClient(options: ClusterGraphClientOptions): ClusterGraphClient {
  // Writes (requests carrying an Idempotency-Key) are retried with their key; reads pass through.
  const doFetch = writeRetryingFetch(options.fetch ?? globalThis.fetch.bind(globalThis), options.writeRetry);
  const currentToken = () => (typeof options.token === 'function' ? options.token() : options.token) ?? undefined;
  const headers = (): Record<string, string> => {
    const result: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
    const token = currentToken();
    if (token) result['authorization'] = `Bearer ${token}`;
    if (options.purpose) result['x-clustergraph-purpose'] = options.purpose;
    return result;
  };

  let wsClient: WsClient | undefined;
  const socket = (): WsClient => {
    wsClient ??= createWsClient({
      url: webSocketUrl(options.endpoint),
      lazy: true,
      // Reconnection is done per subscription (ResumableSubscription), so that each
      // retry carries fresh resume cursors; graphql-ws would resend the old variables.
      retryAttempts: 0,
      connectionParams: () => {
        const token = currentToken();
        return {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(options.purpose ? { purpose: options.purpose } : {}),
        };
      },
      ...(options.webSocketImpl ? { webSocketImpl: options.webSocketImpl } : {}),
    });
    return wsClient;
  };

  async function execute<TData>(document: DocumentNode, variables: unknown): Promise<ExecutionResult<TData>> {
    // One fresh key per logical write, kept for its retries (and for the by-id then by-text sends:
    // a PERSISTED_QUERY_NOT_FOUND answer ran nothing).
    const key = getOperationAST(document)?.operation === 'mutation' ? newIdempotencyKey() : undefined;
    const id = options.persistedDocuments === false ? undefined : persistedIdOf(document);
    let result: ExecutionResult<TData> | undefined;
    if (id !== undefined) {
      const byId = await post<TData>({ extensions: persistedQueryExtension(id), variables: variables ?? {} }, key);
      if (!byId.errors.some((e) => e.extensions?.['code'] === ErrorCode.PERSISTED_QUERY_NOT_FOUND)) result = byId;
    }
    result ??= await post<TData>({ query: queryText(document), variables: variables ?? {} }, key);
    if (result.writeRetry) options.onWriteRetried?.(result.writeRetry);
    return result;
  }

  async function post<TData>(payload: Record<string, unknown>, idempotencyKey: string | undefined): Promise<ExecutionResult<TData>> {
    let res: Response;
    try {
      const requestHeaders = headers();
      if (idempotencyKey) requestHeaders[IDEMPOTENCY_KEY_HEADER] = idempotencyKey;
      res = await doFetch(options.endpoint, { method: 'POST', headers: requestHeaders, body: JSON.stringify(payload) });
    } catch (cause) {
      if (cause instanceof WriteOutcomeUnknownError) throw new ClusterGraphError(cause.message, [], undefined, undefined, { cause });
      throw new ClusterGraphError(`cannot reach ${options.endpoint}: ${(cause as Error).message}`, [], undefined, undefined, { cause });
    }
    const text = await res.text();
    let body: { data?: TData | null; errors?: GraphQLFormattedError[]; extensions?: Record<string, unknown> };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new ClusterGraphError(`unexpected answer from ${options.endpoint} (HTTP ${res.status}): ${text.slice(0, 200)}`, [], undefined, res.status);
    }
    if (!res.ok && !body.errors?.length && body.data == null) {
      throw new ClusterGraphError(`HTTP ${res.status} from ${options.endpoint}`, [], undefined, res.status);
    }
    const writeRetry = writeRetryReport(body.extensions);
    return { data: body.data, errors: body.errors ?? [], ...(writeRetry ? { writeRetry } : {}) };
  }

  return {
    endpoint: options.endpoint,
    execute: (document, variables) => execute(document, variables),
    async request(document, variables) {
      const result = await execute<never>(document, variables);
      if (result.errors.length || result.data == null) throw ClusterGraphError.fromErrors(result.errors, result.data);
      return result.data;
    },
    subscribe(document, variables, handlers, subscribeOptions) {
      const id = options.persistedDocuments === false ? undefined : persistedIdOf(document);
      const subscription = new ResumableSubscription(
        socket,
        queryText(document),
        (variables ?? {}) as Record<string, unknown>,
        handlers,
        subscribeOptions,
        id ? persistedQueryExtension(id) : undefined,
      );
      subscription.start();
      return () => subscription.stop();
    },
    async dispose() {
      await wsClient?.dispose();
      wsClient = undefined;
    },
  };
}
