import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Which subgraphs of a supergraph are key-sharded, and where their shards are (a static file;
 * the cluster gateway's member routing is the other source, from the cluster registry).
 *
 * ```json
 * { "subgraphs": { "products": {
 *     "shards": { "a": "http://10.0.0.1:4001/graphql", "b": "…", "c": "…" },
 *     "entities": { "Product": ["upc"], "Variant": ["product.upc", "id"] },
 *     "rootFields": { "product": "upc", "setPrice": "upc" },
 *     "assign": { "1": "a", "2": "b" } } } }
 * ```
 */
const subgraphShardingSchema = z.object({
  /** Shard name → GraphQL URL, in the order root query lists are concatenated. */
  shards: z.record(z.string().min(1), z.url()).refine((shards) => Object.keys(shards).length > 0, 'at least one shard'),
  /** Entity type → the key fields (dotted for nested ones) whose values pick the shard. */
  entities: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)).default({}),
  /** Root field → the argument that carries the routing key value. Unlisted root queries go to every shard; unlisted mutations are refused. */
  rootFields: z.record(z.string().min(1), z.string().min(1)).default({}),
  /** Key value (fields joined by "|") → shard name; values not listed are placed by hash. */
  assign: z.record(z.string(), z.string().min(1)).default({}),
  /** Entities fetched by a key without the routing fields: sent to every shard (first non-null answer kept), or refused. */
  unroutableEntities: z.enum(['broadcast', 'refuse']).default('broadcast'),
});

const shardingFileSchema = z.object({ subgraphs: z.record(z.string().min(1), subgraphShardingSchema) });

export type SubgraphSharding = z.infer<typeof subgraphShardingSchema>;
export type ShardingConfig = z.infer<typeof shardingFileSchema>;

export function parseShardingConfig(value: unknown): ShardingConfig {
  const parsed = shardingFileSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `- ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`invalid sharding configuration:\n${problems}`);
  }
  for (const [subgraph, sharding] of Object.entries(parsed.data.subgraphs)) {
    for (const [value, shard] of Object.entries(sharding.assign)) {
      if (!(shard in sharding.shards)) throw new Error(`invalid sharding configuration:\n- subgraphs.${subgraph}.assign.${value}: no shard "${shard}"`);
    }
  }
  return parsed.data;
}

export function loadShardingConfig(path: string): ShardingConfig {
  return parseShardingConfig(JSON.parse(readFileSync(path, 'utf8')));
}
