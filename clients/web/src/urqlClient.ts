import { Client, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient } from 'graphql-ws';
import { webSocketUrl } from '@clustergraph/sdk';
import { API_ENDPOINT } from './session.tsx';

/**
 * urql over HTTP for queries and mutations and graphql-ws for subscriptions, both
 * carrying the viewer's bearer token. No normalised cache: answers are per viewer
 * and partly withheld, so the console asks again rather than merging.
 */
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
    exchanges: [
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
