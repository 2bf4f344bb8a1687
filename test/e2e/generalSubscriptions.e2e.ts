/**
 * General mode's subscriptions (issue 16): a subgraph that serves a Subscription over
 * graphql-ws, another that owns the entity's other fields over HTTP; clients subscribe at the
 * gateway's /graphql and get each event with fields of both, and identical subscriptions
 * share one upstream subscription at the subgraph.
 */
import { createServer, type Server } from 'node:http';
import { EventEmitter, on } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute, parse, type ExecutionResult } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createClient, type Client } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import WebSocket, { WebSocketServer } from 'ws';
import { createLogger } from '@clustergraph/runtime';
import { createGeneralGatewayApp, type GeneralGatewayApp } from '@clustergraph/gateway';
import { composeSupergraph } from '../src/federation/harness.ts';

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
const ticks = new EventEmitter();
let upstreamSubscriptions = 0;

const subgraphs = [
  {
    name: 'prices',
    typeDefs: parse(`${link}
      type Query { price(upc: String!): Int }
      type Subscription { priceChanged(upc: String!): PriceChange! }
      type PriceChange { upc: String! price: Int! product: Product! }
      type Product @key(fields: "upc", resolvable: false) { upc: String! }`),
    resolvers: {
      Query: { price: () => 1 },
      Subscription: {
        priceChanged: {
          async *subscribe(_: unknown, { upc }: { upc: string }) {
            for await (const [tickUpc, price] of on(ticks, 'tick') as AsyncIterable<[string, number]>) {
              if (tickUpc === upc) yield { priceChanged: { upc, price, product: { upc } } };
            }
          },
        },
      },
    },
  },
  {
    name: 'catalog',
    typeDefs: parse(`${link}
      type Query { product(upc: String!): Product }
      type Product @key(fields: "upc") { upc: String! name: String! }`),
    resolvers: {
      Query: { product: (_: unknown, { upc }: { upc: string }) => ({ upc, name: `Product ${upc}` }) },
      Product: { __resolveReference: (ref: { upc: string }) => ({ upc: ref.upc, name: `Product ${ref.upc}` }) },
    },
  },
];

const servers: Server[] = [];
let gateway: GeneralGatewayApp;
let wsUrl = '';
const clients: Client[] = [];

/** A subgraph over HTTP (graphql-js execute) and graphql-ws on the same /graphql. */
async function serve(definition: (typeof subgraphs)[number]): Promise<string> {
  const schema = buildSubgraphSchema([{ typeDefs: definition.typeDefs, resolvers: definition.resolvers as never }]);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown> };
      const result = await execute({ schema, document: parse(body.query), variableValues: body.variables ?? {} });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    });
  });
  const wsServer = new WebSocketServer({ server, path: '/graphql' });
  // Counted from the frames the gateway sends (subscribe / complete), not from the resolver's
  // generator, which graphql-js only finishes at its next event.
  wsServer.on('connection', (socket) =>
    socket.on('message', (frame: Buffer) => {
      const type = (JSON.parse(frame.toString()) as { type?: string }).type;
      if (type === 'subscribe') upstreamSubscriptions++;
      if (type === 'complete') upstreamSubscriptions--;
    }),
  );
  useServer({ schema }, wsServer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

beforeAll(async () => {
  const withUrls = await Promise.all(subgraphs.map(async (s) => ({ ...s, url: await serve(s) })));
  gateway = await createGeneralGatewayApp({ supergraphSdl: composeSupergraph(withUrls) }, createLogger('general-subscriptions', { level: 'warn' }));
  wsUrl = (await gateway.start(0, '127.0.0.1')).url.replace(/^http/, 'ws');
});

afterAll(async () => {
  for (const client of clients) await client.dispose();
  await gateway?.stop();
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

function subscribe(query: string): { received: ExecutionResult[]; stop(): void } {
  const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
  clients.push(client);
  const received: ExecutionResult[] = [];
  const stop = client.subscribe({ query }, { next: (value) => void received.push(value as ExecutionResult), error: () => {}, complete: () => {} });
  return { received, stop };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('general mode subscriptions', () => {
  it('delivers each event with fields of another subgraph, one upstream for identical subscriptions', async () => {
    const query = 'subscription { priceChanged(upc: "7") { upc price product { upc name } } }';
    const a = subscribe(query);
    const b = subscribe(query);
    await until(() => upstreamSubscriptions === 1, 'the upstream subscription');
    // Give the second client's subscribe time to join before the event.
    await new Promise((resolve) => setTimeout(resolve, 500));
    ticks.emit('tick', '8', 5);
    ticks.emit('tick', '7', 42);
    await until(() => a.received.length === 1 && b.received.length === 1, 'one event at each client');
    expect(a.received[0]).toEqual({ data: { priceChanged: { upc: '7', price: 42, product: { upc: '7', name: 'Product 7' } } } });
    expect(b.received[0]).toEqual(a.received[0]);
    expect(upstreamSubscriptions).toBe(1);
    a.stop();
    b.stop();
    await until(() => upstreamSubscriptions === 0, 'the upstream to close with the last subscriber');
  });

  it('answers queries over HTTP, and refuses them over the socket with an error', async () => {
    const response = await fetch(wsUrl.replace(/^ws/, 'http'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ product(upc: "3") { name } }' }),
    });
    expect(await response.json()).toEqual({ data: { product: { name: 'Product 3' } } });
    const overSocket = subscribe('{ product(upc: "3") { name } }');
    await until(() => overSocket.received.length === 1, 'an answer over the socket');
    expect(overSocket.received[0]!.errors?.[0]?.message).toMatch(/only subscriptions/);
  });
});
