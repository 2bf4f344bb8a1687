import { Client, fetchExchange, makeOperation, mapExchange, subscriptionExchange, type OperationContext } from 'urql';
import { createClient as createWsClient } from 'graphql-ws';
import { persistedExchange } from '@urql/exchange-persisted';
import { retryExchange } from '@urql/exchange-retry';
import { IDEMPOTENCY_KEY_HEADER, newIdempotencyKey, persistedIdOf, webSocketUrl, writeRetryingFetch, writeRetryReport } from '@clustergraph/sdk';
import { reportWriteRetried } from './writeNotices.ts';
import { API_ENDPOINT } from './session.tsx';

/**
 * urql over HTTP for queries and mutations and graphql-ws for subscriptions, both
 * carrying the viewer's bearer token. No normalised cache: answers are per viewer
 * and partly withheld, so the console asks again rather than merging.
 */
/**
 * Why a query reads the data (x-clustergraph-purpose, checked against the owners' sharing
 * policies): `useQuery({ …, context: PLANNING })` for what serves joint planning.
 */
export const PLANNING: Partial<OperationContext> = { purpose: 'JOINT_PLANNING' };
/** What watching the cluster's shop floor serves (line status, production): the gateway's default, said out loud. */
export const MONITORING: Partial<OperationContext> = { purpose: 'MONITORING' };

/** Sends `context.purpose` as the purpose header (the default, MONITORING, needs none). */
const purposeExchange = mapExchange({
  onOperation(operation) {
    const purpose = operation.context['purpose'];
    if (typeof purpose !== 'string') return operation;
    const base = typeof operation.context.fetchOptions === 'function' ? operation.context.fetchOptions() : (operation.context.fetchOptions ?? {});
    const headers = { ...(base.headers as Record<string, string> | undefined), 'x-clustergraph-purpose': purpose };
    return makeOperation(operation.kind, operation, { ...operation.context, fetchOptions: { ...base, headers } });
  },
});

/**
 * Honest writes (README "Security → Writes"): each mutation gets its own Idempotency-Key, kept in
 * its context so the persisted-id and full-text sends of the same write share it; the fetch below
 * sends it again with that key when its answer did not arrive.
 */
const idempotencyExchange = mapExchange({
  onOperation(operation) {
    if (operation.kind !== 'mutation') return operation;
    const key = typeof operation.context['idempotencyKey'] === 'string' ? operation.context['idempotencyKey'] : newIdempotencyKey();
    const base = typeof operation.context.fetchOptions === 'function' ? operation.context.fetchOptions() : (operation.context.fetchOptions ?? {});
    const headers = { ...(base.headers as Record<string, string> | undefined), [IDEMPOTENCY_KEY_HEADER]: key };
    return makeOperation(operation.kind, operation, { ...operation.context, idempotencyKey: key, fetchOptions: { ...base, headers } });
  },
  onResult(result) {
    const report = result.operation.kind === 'mutation' ? writeRetryReport(result.extensions) : undefined;
    if (report) reportWriteRetried(report);
    return result;
  },
});

export function createUrqlClient(token: string): Client {
  const ws = createWsClient({
    url: webSocketUrl(API_ENDPOINT),
    lazy: true,
    connectionParams: { authorization: `Bearer ${token}` },
  });
  return new Client({
    url: API_ENDPOINT,
    requestPolicy: 'cache-and-network',
    // POST always: Apollo's CSRF prevention rejects simple GET requests, and POST keeps
    // the query out of access logs.
    preferGetMethod: false,
    fetchOptions: { headers: { authorization: `Bearer ${token}` } },
    fetch: writeRetryingFetch(globalThis.fetch.bind(globalThis)),
    exchanges: [
      purposeExchange,
      idempotencyExchange,
      // A read whose answer never arrived (the gateway restarting, a dropped connection, a machine
      // too busy to answer in time) is asked again a few times, 0.5 s and then longer apart, before
      // the page shows the alarm. Writes are not retried here: writeRetryingFetch resends a write
      // with its Idempotency-Key only when that is safe.
      retryExchange({
        initialDelayMs: 500,
        maxDelayMs: 4_000,
        randomDelay: true,
        maxNumberAttempts: 4,
        retryIf: (error, operation) => operation.kind === 'query' && Boolean(error.networkError),
      }),
      // Trusted documents: the persisted id codegen gave each SDK document goes instead of its
      // text (a gateway may accept only those from browsers; README "Limits").
      persistedExchange({
        generateHash: async (_text, document) => persistedIdOf(document) ?? '',
        preferGetForPersistedQueries: false,
        enableForMutation: true,
        enableForSubscriptions: true,
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
}
