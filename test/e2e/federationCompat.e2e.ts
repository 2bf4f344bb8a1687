/**
 * Differential compatibility (issue 16): the same running subgraphs behind stock
 * @apollo/gateway and behind ClusterGraph's gateway in general mode; every corpus query must
 * get the same status and the same body (data, errors, nulls) from both. Then `products`
 * runs as three shards behind ours, with the sharding file's routing, and must still answer
 * as stock does on the unsharded subgraph.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@clustergraph/runtime';
import { createGeneralGatewayApp, parseShardingConfig, type GeneralGatewayApp } from '@clustergraph/gateway';
import { composeSupergraph, postGraphQL, startStockGateway, startSubgraph, type RunningServer } from '../src/federation/harness.ts';
import { SHARD_ASSIGNMENT, SHARD_NAMES, SHOP_QUERIES, ShopCorpus } from '../src/federation/shopCorpus.ts';

const logger = createLogger('federation-compat', { level: 'warn' });
const corpus = new ShopCorpus();
const running: RunningServer[] = [];
const gateways: GeneralGatewayApp[] = [];
let stockUrl = '';
let plainUrl = '';
let shardedUrl = '';
const shardUrls: Record<string, string> = {};

beforeAll(async () => {
  const definitions = [corpus.products(), corpus.inventory(), corpus.accounts(), corpus.reviews(), corpus.media()];
  const subgraphs = await Promise.all(
    definitions.map(async (definition) => {
      const server = await startSubgraph(definition);
      running.push(server);
      return { ...definition, url: server.url };
    }),
  );
  const supergraphSdl = composeSupergraph(subgraphs);
  const stock = await startStockGateway(supergraphSdl);
  running.push(stock);
  stockUrl = stock.url;

  const plain = await createGeneralGatewayApp({ supergraphSdl }, logger);
  gateways.push(plain);
  plainUrl = (await plain.start(0, '127.0.0.1')).url;

  // products as three shards, each holding its slice of the catalog (contiguous, see SHARD_ASSIGNMENT).
  for (const shard of SHARD_NAMES) {
    const keys = new Set(Object.entries(SHARD_ASSIGNMENT).flatMap(([key, owner]) => (owner === shard ? [key] : [])));
    const server = await startSubgraph(corpus.products(keys));
    running.push(server);
    shardUrls[shard] = server.url;
  }
  const sharding = parseShardingConfig({
    subgraphs: {
      products: {
        shards: shardUrls,
        entities: { Product: ['upc'], Category: ['id'] },
        rootFields: { product: 'upc', category: 'id', setPrice: 'upc' },
        assign: SHARD_ASSIGNMENT,
      },
    },
  });
  const sharded = await createGeneralGatewayApp({ supergraphSdl, sharding }, logger);
  gateways.push(sharded);
  shardedUrl = (await sharded.start(0, '127.0.0.1')).url;
});

afterAll(async () => {
  for (const gateway of gateways) await gateway.stop();
  for (const server of running) await server.stop();
});

async function answers(url: string, testCase: (typeof SHOP_QUERIES)[number]) {
  corpus.state.reset();
  return postGraphQL(url, testCase.query, testCase.variables, testCase.operationName);
}

describe('general mode answers as stock @apollo/gateway 2.14', () => {
  for (const testCase of SHOP_QUERIES) {
    it(testCase.name, async () => {
      const stock = await answers(stockUrl, testCase);
      const ours = await answers(plainUrl, testCase);
      expect(ours).toEqual(stock);
    });
  }
});

describe('…and so does it with products sharded over three servers', () => {
  for (const testCase of SHOP_QUERIES) {
    it(testCase.name, async () => {
      const stock = await answers(stockUrl, testCase);
      const ours = await answers(shardedUrl, testCase);
      expect(ours).toEqual(stock);
    });
  }
});

describe('the corpus exercises what it claims', () => {
  it('has data, partial errors and null propagation in stock answers', async () => {
    const byName = (name: string) => SHOP_QUERIES.find((q) => q.name.startsWith(name))!;
    const partial = (await answers(stockUrl, byName('partial error'))).body as {
      data: { allProducts: Array<{ restockDate: string | null }> };
      errors: unknown[];
    };
    expect(partial.data.allProducts.filter((p) => p.restockDate === null)).toHaveLength(1);
    expect(partial.errors).toHaveLength(1);
    const propagated = (await answers(stockUrl, byName('null propagation: a non-null'))).body as { data: unknown; errors: unknown[] };
    expect(propagated.data).toBeNull();
    expect(propagated.errors.length).toBeGreaterThan(0);
    const chain = (await answers(stockUrl, byName('nested entity chain'))).body as {
      data: { allProducts: Array<{ reviews: Array<{ author: { reviews: unknown[] } }> }> };
    };
    expect(chain.data.allProducts[0]!.reviews[0]!.author.reviews.length).toBeGreaterThan(0);
  });

  it('sends each sharded entity fetch only to the shards that hold the keys (a shard down costs only its part)', async () => {
    // A fourth configuration: shard c unreachable; products of a and b still answer, c's are null with SHARD_UNAVAILABLE.
    const sharding = parseShardingConfig({
      subgraphs: {
        products: {
          shards: { ...shardUrls, c: 'http://127.0.0.1:9/graphql' },
          entities: { Product: ['upc'], Category: ['id'] },
          rootFields: { product: 'upc' },
          assign: SHARD_ASSIGNMENT,
        },
      },
    });
    const partial = await createGeneralGatewayApp({ supergraphSdl: await supergraphOf(), sharding, subgraphTimeoutMs: 2000 }, logger);
    gateways.push(partial);
    const { url } = await partial.start(0, '127.0.0.1');
    corpus.state.reset();
    const a = await postGraphQL(url, '{ product(upc: "1") { name } }');
    expect(a.body).toEqual({ data: { product: { name: 'Table' } } });
    const c = (await postGraphQL(url, '{ product(upc: "5") { name } }')).body as {
      data: { product: null };
      errors: Array<{ extensions: Record<string, unknown> }>;
    };
    expect(c.data.product).toBeNull();
    expect(c.errors[0]!.extensions).toMatchObject({ code: 'SHARD_UNAVAILABLE', subgraph: 'products', shard: 'c' });
  });
});

async function supergraphOf(): Promise<string> {
  const response = await fetch(plainUrl.replace('/graphql', '/health'));
  expect(response.status).toBe(200);
  // The same supergraph as the others: recomposed from the running subgraphs' definitions.
  const definitions = [corpus.products(), corpus.inventory(), corpus.accounts(), corpus.reviews(), corpus.media()];
  return composeSupergraph(definitions.map((definition, index) => ({ ...definition, url: `http://127.0.0.1:${index + 1}/graphql` })));
}
