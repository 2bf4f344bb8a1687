import { parse, type GraphQLFormattedError } from 'graphql';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GraphQLRequestBody } from '../http/subgraphHttpClient.ts';
import { assembleEntities, remapEntityPath, splitRepresentations, type EntityBatch } from './entitySplit.ts';
import type { MemberOutcome } from './memberOutcome.ts';
import { mergeMutationParts, splitMutation, type MutationPartResult } from './mutationSplit.ts';
import { operationShape, parseOperation, type RootField } from './operationShape.ts';
import { mergeRootQueryAnswers, type RootQueryPlan } from './rootQueryFanIn.ts';
import type { ShardErrors } from './shardErrors.ts';
import { isIncomingOperation } from '../requestKind.ts';

/** Where the parts of one subgraph request go, and how a shard is called. The cluster's member routing is one policy, a static sharding file another. */
export interface ShardPolicy<TContext> {
  /** The shard an entity representation belongs to, or null when it carries no routing key. */
  entityShard(representation: unknown): string | null;
  /** Representations without a routing key: refused (their positions error) or sent to every shard, the first non-null answer kept. */
  readonly unroutableEntities: 'refuse' | 'broadcast';
  /** The shards a root query field reads from (their lists are concatenated in this order). */
  rootQueryShards(field: RootField, variables: Readonly<Record<string, unknown>>): string[];
  /** The shard a root mutation field writes to; null when none can be told. */
  mutationShard(field: RootField, variables: Readonly<Record<string, unknown>>, context: Partial<TContext> | undefined): string | null;
  /** Every shard, for broadcast entity fetches. */
  allShards(): string[];
  /** False for a write target that names no known shard: the write is refused before anything is sent. */
  knowsShard(shard: string): boolean;
  /** One call to one shard; a failure is an outcome, never a throw. */
  call(shard: string, body: GraphQLRequestBody, context: Partial<TContext> | undefined, write: { idempotent: boolean } | null): Promise<MemberOutcome>;
  readonly errors: ShardErrors;
  /** True when a root field that comes back null without an error means the shard did not answer (the member standard's lists). */
  readonly nullRootFieldIsMissing: boolean;
  /** The idempotency key of the client's request, reported with a write whose outcome is unknown. */
  idempotencyKeyOf?(context: Partial<TContext> | undefined): string | null;
}

export interface ShardResponse {
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
}

/**
 * A data source for one subgraph served by many servers, split by key value: `_entities`
 * representations grouped by shard and put back in order, root queries fanned out and
 * concatenated, root mutations sent (in order) to the shard their arguments name.
 */
export class KeyShardRouter<TContext extends Record<string, any> = Record<string, any>> implements GraphQLDataSource<TContext> {
  constructor(protected readonly policy: ShardPolicy<TContext>) {}

  async process(options: GraphQLDataSourceProcessOptions<TContext>): Promise<ShardResponse> {
    const { request } = options;
    if (!request.query) throw new Error('shard router: request without a query');
    // The planner hands over the fetch's parsed operation; only requests from elsewhere (health checks) are parsed here.
    const document = (isIncomingOperation(options) ? options.document : undefined) ?? parse(request.query);
    const context = options.context as Partial<TContext> | undefined;
    const parsed = parseOperation(document, request.operationName);
    const variables = request.variables ?? {};
    const body: GraphQLRequestBody = { query: request.query, variables, operationName: request.operationName };
    const { policy } = this;
    const shape = operationShape(parsed);
    switch (shape) {
      case 'entities':
        return this.fetchEntities(body, variables, context);
      case 'rootQuery': {
        const fields = parsed.rootFields.map((field) => ({
          responseKey: field.responseKey,
          fieldName: field.fieldName,
          memberIds: field.fieldName === '__typename' ? [] : policy.rootQueryShards(field, variables),
        }));
        const plan: RootQueryPlan = { fields, members: [...new Set(fields.flatMap((field) => field.memberIds))] };
        const outcomes = new Map(await Promise.all(plan.members.map(async (shard) => [shard, await policy.call(shard, body, context, null)] as const)));
        return withoutEmptyErrors(mergeRootQueryAnswers(plan, outcomes, 'Query', policy.errors, policy.nullRootFieldIsMissing));
      }
      case 'mutation': {
        const results: MutationPartResult[] = [];
        for (const split of splitMutation(parsed, request.query, variables, (field, vars) => policy.mutationShard(field, vars, context))) {
          if (split.memberId === null || !policy.knowsShard(split.memberId)) {
            results.push({ kind: 'unknownMember', part: split });
            break;
          }
          const outcome = await policy.call(split.memberId, { query: split.query, variables: split.variables, operationName: request.operationName }, context, {
            idempotent: true,
          });
          results.push({ kind: 'answered', part: split, outcome });
          if (!outcome.ok || outcome.response.data?.[split.responseKey] == null) break;
        }
        return withoutEmptyErrors(mergeMutationParts(results, policy.idempotencyKeyOf?.(context) ?? null, policy.errors));
      }
      case 'subscription':
        throw new Error('shard router: subscriptions are served over graphql-ws, not through a data source');
      default: {
        const unexpected: never = shape;
        throw new Error(`unexpected operation shape ${String(unexpected)}`);
      }
    }
  }

  private async fetchEntities(body: GraphQLRequestBody, variables: Record<string, unknown>, context: Partial<TContext> | undefined): Promise<ShardResponse> {
    const representations = variables['representations'];
    if (!Array.isArray(representations)) throw new Error('shard router: _entities without $representations');
    const { policy } = this;
    const batches = splitRepresentations(representations, (representation) => policy.entityShard(representation));
    const callBatch = (shard: string, batch: EntityBatch) =>
      policy.call(shard, { ...body, variables: { ...variables, representations: batch.representations } }, context, null);
    const routed = batches.filter((batch) => batch.memberId !== null || policy.unroutableEntities === 'refuse');
    const unroutable = policy.unroutableEntities === 'broadcast' ? batches.find((batch) => batch.memberId === null) : undefined;
    const [answered, broadcast] = await Promise.all([
      Promise.all(
        routed.map(async (batch) => {
          const outcome: MemberOutcome =
            batch.memberId === null ? { ok: false, reason: 'the entity carries no key to route by' } : await callBatch(batch.memberId, batch);
          return { batch, outcome };
        }),
      ),
      unroutable ? Promise.all(policy.allShards().map(async (shard) => ({ shard, outcome: await callBatch(shard, unroutable) }))) : null,
    ]);
    const { entities, errors } = assembleEntities(representations.length, answered, policy.errors);
    if (unroutable && broadcast) errors.push(...mergeBroadcast(unroutable, broadcast, entities, policy.errors));
    return withoutEmptyErrors({ data: { _entities: entities }, errors });
  }
}

/**
 * Representations that name no shard went to every shard: each position takes the first
 * non-null entity (the shard that holds it), with that shard's errors for it; a position no
 * shard resolved keeps the errors of all of them.
 */
function mergeBroadcast(
  batch: EntityBatch,
  answers: ReadonlyArray<{ shard: string; outcome: MemberOutcome }>,
  entities: unknown[],
  shardErrors: ShardErrors,
): GraphQLFormattedError[] {
  const errors: GraphQLFormattedError[] = [];
  const pathless = new Set<string>();
  batch.positions.forEach((position, index) => {
    let chosen: string | null = null;
    for (const { shard, outcome } of answers) {
      const received = outcome.ok ? outcome.response.data?.['_entities'] : undefined;
      if (Array.isArray(received) && received[index] != null) {
        entities[position] = received[index];
        chosen = shard;
        break;
      }
    }
    const seen = new Set<string>();
    for (const { shard, outcome } of answers) {
      if (chosen !== null && shard !== chosen) continue;
      if (!outcome.ok) {
        if (chosen === null && answers.every((answer) => !answer.outcome.ok))
          errors.push(shardErrors.unavailable(shard, outcome.reason, ['_entities', position]));
        continue;
      }
      for (const error of outcome.response.errors ?? []) {
        if (!error.path) {
          const key = `${shard}\u0000${error.message}`;
          if (!pathless.has(key)) errors.push(shardErrors.reported(error, shard, undefined));
          pathless.add(key);
          continue;
        }
        if (error.path[0] !== '_entities' || error.path[1] !== index || seen.has(error.message)) continue;
        seen.add(error.message);
        errors.push(shardErrors.reported(error, shard, remapEntityPath(error.path, batch.positions)));
      }
    }
  });
  return errors;
}

export function withoutEmptyErrors(response: { data: Record<string, unknown> | null; errors: GraphQLFormattedError[] }): ShardResponse {
  return response.errors.length > 0 ? response : { data: response.data };
}
