import type { GraphQLFormattedError } from 'graphql';
import type { MemberOutcome } from './memberOutcome.ts';
import { memberShardErrors, type ShardErrors } from './shardErrors.ts';

/** The representations of one member, with their positions in the planner's list. */
export interface EntityBatch {
  /** null when a representation carries no routing key. */
  memberId: string | null;
  positions: number[];
  representations: unknown[];
}

/** `Member` is keyed by `id` (the member id); every other entity of the member standard by `memberId`. */
export function routingKeyOf(representation: unknown): string | null {
  if (typeof representation !== 'object' || representation === null) return null;
  const { __typename, id, memberId } = representation as Record<string, unknown>;
  const key = __typename === 'Member' ? id : memberId;
  return typeof key === 'string' && key.length > 0 ? key : null;
}

/** Groups representations by owning member, in order of first appearance. */
export function splitRepresentations(representations: readonly unknown[], shardOf: (representation: unknown) => string | null = routingKeyOf): EntityBatch[] {
  const batches = new Map<string | null, EntityBatch>();
  representations.forEach((representation, position) => {
    const memberId = shardOf(representation);
    let batch = batches.get(memberId);
    if (!batch) {
      batch = { memberId, positions: [], representations: [] };
      batches.set(memberId, batch);
    }
    batch.positions.push(position);
    batch.representations.push(representation);
  });
  return [...batches.values()];
}

export interface AssembledEntities {
  entities: unknown[];
  errors: GraphQLFormattedError[];
}

/**
 * Puts each member's `_entities` back at the positions its representations had. A member
 * that failed leaves null at its positions and one MEMBER_UNAVAILABLE error per position;
 * errors a member reported keep their paths, moved to the original indexes.
 */
export function assembleEntities(
  total: number,
  answered: ReadonlyArray<{ batch: EntityBatch; outcome: MemberOutcome }>,
  shardErrors: ShardErrors = memberShardErrors,
): AssembledEntities {
  const entities: unknown[] = new Array<unknown>(total).fill(null);
  const errors: GraphQLFormattedError[] = [];
  for (const { batch, outcome } of answered) {
    const received = outcome.ok ? outcome.response.data?.['_entities'] : undefined;
    if (!outcome.ok || !Array.isArray(received) || received.length !== batch.positions.length) {
      const reason = outcome.ok
        ? `it answered without its ${batch.positions.length} entities (${outcome.response.errors?.[0]?.message ?? 'no _entities'})`
        : outcome.reason;
      for (const position of batch.positions) errors.push(shardErrors.unavailable(batch.memberId, reason, ['_entities', position]));
      continue;
    }
    batch.positions.forEach((position, index) => {
      entities[position] = received[index] ?? null;
    });
    for (const error of outcome.response.errors ?? []) {
      errors.push(shardErrors.reported(error, batch.memberId ?? '', remapEntityPath(error.path, batch.positions)));
    }
  }
  return { entities, errors };
}

export function remapEntityPath(path: GraphQLFormattedError['path'], positions: readonly number[]): Array<string | number> | undefined {
  if (!path || path[0] !== '_entities' || typeof path[1] !== 'number') return path ? [...path] : undefined;
  const original = positions[path[1]];
  return original === undefined ? [...path] : ['_entities', original, ...path.slice(2)];
}
