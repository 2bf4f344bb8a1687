import { describe, expect, it } from 'vitest';
import { parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { SubgraphHttpClient } from '../src/http/subgraphHttpClient.ts';
import { parseShardingConfig } from '../src/general/shardingConfig.ts';
import { StaticShardPolicy } from '../src/general/staticShardPolicy.ts';

const config = parseShardingConfig({
  subgraphs: {
    products: {
      shards: { a: 'http://127.0.0.1:1/graphql', b: 'http://127.0.0.1:2/graphql', c: 'http://127.0.0.1:3/graphql' },
      entities: { Product: ['upc'], Variant: ['product.upc', 'id'] },
      rootFields: { product: 'upc', setPrice: 'upc' },
      assign: { '1': 'c' },
    },
  },
});
const policy = new StaticShardPolicy('products', config.subgraphs['products']!, new SubgraphHttpClient(), 1000);

function rootField(source: string) {
  const operation = parse(source).definitions[0] as OperationDefinitionNode;
  const node = operation.selectionSet.selections[0] as FieldNode;
  return { responseKey: node.name.value, fieldName: node.name.value, node };
}

describe('StaticShardPolicy', () => {
  it('places an assigned key on its shard and any other key by a stable hash', () => {
    expect(policy.entityShard({ __typename: 'Product', upc: '1' })).toBe('c');
    const placed = policy.entityShard({ __typename: 'Product', upc: '42' });
    expect(['a', 'b', 'c']).toContain(placed);
    expect(
      new StaticShardPolicy('products', config.subgraphs['products']!, new SubgraphHttpClient(), 1000).entityShard({ __typename: 'Product', upc: '42' }),
    ).toBe(placed);
    // Keys spread over all three shards.
    const shards = new Set(Array.from({ length: 60 }, (_, i) => policy.entityShard({ __typename: 'Product', upc: String(i + 100) })));
    expect(shards).toEqual(new Set(['a', 'b', 'c']));
  });

  it('routes compound and nested keys, and leaves unconfigured types or missing fields unroutable', () => {
    expect(policy.entityShard({ __typename: 'Variant', product: { upc: '7' }, id: 'x' })).toBe(policy.shardOfKey('7|x'));
    expect(policy.entityShard({ __typename: 'Variant', id: 'x' })).toBeNull();
    expect(policy.entityShard({ __typename: 'Product', sku: 'S' })).toBeNull();
    expect(policy.entityShard({ __typename: 'Review', id: '1' })).toBeNull();
    expect(policy.entityShard('not an object')).toBeNull();
  });

  it('sends a root field to the shard its routing argument names, others to every shard, and never broadcasts a write', () => {
    expect(policy.rootQueryShards(rootField('{ product(upc: "1") { name } }'), {})).toEqual(['c']);
    expect(policy.rootQueryShards(rootField('query($u: String!) { product(upc: $u) { name } }'), { u: '1' })).toEqual(['c']);
    expect(policy.rootQueryShards(rootField('{ allProducts { name } }'), {})).toEqual(['a', 'b', 'c']);
    expect(policy.mutationShard(rootField('mutation { setPrice(upc: "1", price: 2) { name } }'), {})).toBe('c');
    expect(policy.mutationShard(rootField('mutation { deleteAll }'), {})).toBeNull();
  });

  it('rejects a configuration that assigns a key to a shard it does not list', () => {
    expect(() => parseShardingConfig({ subgraphs: { p: { shards: { a: 'http://127.0.0.1:1/graphql' }, assign: { '1': 'z' } } } })).toThrow(/no shard "z"/);
    expect(() => parseShardingConfig({ subgraphs: { p: { shards: {} } } })).toThrow(/at least one shard/);
    expect(() => parseShardingConfig({ subgraphs: { p: { shards: { a: 'not a url' } } } })).toThrow(/invalid sharding configuration/);
  });
});
