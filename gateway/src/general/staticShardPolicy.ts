import { valueFromASTUntyped } from 'graphql';
import { SubgraphCallError, type GraphQLRequestBody, type SubgraphHttpClient } from '../http/subgraphHttpClient.ts';
import type { ShardPolicy } from '../shard/keyShardRouter.ts';
import type { MemberOutcome } from '../shard/memberOutcome.ts';
import type { RootField } from '../shard/operationShape.ts';
import { keyShardErrors } from '../shard/shardErrors.ts';
import type { SubgraphSharding } from './shardingConfig.ts';

/** General mode's sharding policy: shards, routing keys and assignments from the sharding file. */
export class StaticShardPolicy implements ShardPolicy<Record<string, unknown>> {
  readonly errors;
  readonly nullRootFieldIsMissing = false;
  readonly unroutableEntities;
  private readonly shardNames: string[];

  constructor(
    subgraph: string,
    private readonly sharding: SubgraphSharding,
    private readonly http: SubgraphHttpClient,
    private readonly timeoutMs: number,
  ) {
    this.errors = keyShardErrors(subgraph);
    this.unroutableEntities = sharding.unroutableEntities;
    this.shardNames = Object.keys(sharding.shards);
  }

  /** The shard of a routing key value: its assignment, else a stable hash over the shards. */
  shardOfKey(keyValue: string): string {
    return this.sharding.assign[keyValue] ?? this.shardNames[fnv1a(keyValue) % this.shardNames.length]!;
  }

  entityShard(representation: unknown): string | null {
    if (typeof representation !== 'object' || representation === null) return null;
    const typename = (representation as { __typename?: unknown }).__typename;
    const fields = typeof typename === 'string' ? this.sharding.entities[typename] : undefined;
    if (!fields) return null;
    const parts: string[] = [];
    for (const field of fields) {
      const value = valueAt(representation, field);
      if (value === undefined || value === null) return null;
      parts.push(typeof value === 'string' ? value : JSON.stringify(value));
    }
    return this.shardOfKey(parts.join('|'));
  }

  rootQueryShards(field: RootField, variables: Readonly<Record<string, unknown>>): string[] {
    const key = this.routingArgument(field, variables);
    return key === null ? [...this.shardNames] : [this.shardOfKey(key)];
  }

  mutationShard(field: RootField, variables: Readonly<Record<string, unknown>>): string | null {
    const key = this.routingArgument(field, variables);
    return key === null ? null : this.shardOfKey(key);
  }

  allShards(): string[] {
    return this.shardNames;
  }

  knowsShard(shard: string): boolean {
    return shard in this.sharding.shards;
  }

  async call(shard: string, body: GraphQLRequestBody): Promise<MemberOutcome> {
    const url = this.sharding.shards[shard];
    if (url === undefined) return { ok: false, reason: 'no such shard' };
    try {
      return { ok: true, response: await this.http.post(url, body, { timeoutMs: this.timeoutMs }) };
    } catch (error) {
      if (!(error instanceof SubgraphCallError)) throw error;
      return { ok: false, reason: error.message, mayHaveRun: error.mayHaveRun };
    }
  }

  private routingArgument(field: RootField, variables: Readonly<Record<string, unknown>>): string | null {
    const argumentName = this.sharding.rootFields[field.fieldName];
    if (argumentName === undefined) return null;
    const argument = field.node.arguments?.find((arg) => arg.name.value === argumentName);
    if (!argument) return null;
    const value: unknown = valueFromASTUntyped(argument.value, variables);
    if (value === null || value === undefined) return null;
    return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

function valueAt(object: unknown, dottedPath: string): unknown {
  let value: unknown = object;
  for (const segment of dottedPath.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** 32-bit FNV-1a: stable across processes and versions, so every gateway replica places a key on the same shard. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
