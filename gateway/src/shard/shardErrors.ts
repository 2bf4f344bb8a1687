import type { GraphQLFormattedError } from 'graphql';
import {
  GatewayErrorCode,
  memberReportedError,
  memberUnavailableError,
  unknownMemberInputError,
  writeOutcomeUnknownError,
  type ResponsePathSegment,
} from '../errors.ts';

/** How a shard router words the errors of its parts: the cluster names members, general mode names shards. */
export interface ShardErrors {
  /** A shard that failed, timed out or is not routable: its part of the answer is null. */
  unavailable(shard: string | null, reason: string, path?: ResponsePathSegment[]): GraphQLFormattedError;
  /** An error a shard returned, its path moved into the combined answer. */
  reported(error: GraphQLFormattedError, shard: string, path: ResponsePathSegment[] | undefined): GraphQLFormattedError;
  /** A write whose target shard cannot be told: nothing was sent. */
  unknownTarget(shard: string | null, path: ResponsePathSegment[]): GraphQLFormattedError;
  /** A write sent whose answer did not arrive. */
  writeOutcomeUnknown(shard: string | null, reason: string, path: ResponsePathSegment[], idempotencyKey: string | null): GraphQLFormattedError;
}

/** The cluster's member shards: MEMBER_UNAVAILABLE, errors tagged with `extensions.memberId`. */
export const memberShardErrors: ShardErrors = {
  unavailable: memberUnavailableError,
  reported: memberReportedError,
  unknownTarget: unknownMemberInputError,
  writeOutcomeUnknown: writeOutcomeUnknownError,
};

/**
 * General mode: an error a shard reports passes as the subgraph sent it (only its path moves),
 * so a sharded subgraph answers exactly as the unsharded one would.
 */
export function keyShardErrors(subgraph: string): ShardErrors {
  return {
    unavailable: (shard, reason, path) => ({
      message: `Shard ${shard ?? '(none)'} of subgraph ${subgraph} is unavailable: ${reason}`,
      ...(path ? { path } : {}),
      extensions: { code: GatewayErrorCode.SHARD_UNAVAILABLE, subgraph, shard },
    }),
    reported: (error, _shard, path) => {
      const { path: _original, ...rest } = error;
      return path ? { ...rest, path } : rest;
    },
    unknownTarget: (shard, path) => ({
      message:
        shard === null
          ? `No shard of subgraph ${subgraph} can be chosen for this field: its routing argument is missing or not configured`
          : `No shard of subgraph ${subgraph} is configured for "${shard}"`,
      path,
      extensions: { code: GatewayErrorCode.BAD_USER_INPUT, subgraph },
    }),
    writeOutcomeUnknown: (shard, reason, path) => ({
      message: `The write to shard ${shard ?? '(none)'} of subgraph ${subgraph} may or may not have been applied (${reason})`,
      path,
      extensions: { code: GatewayErrorCode.WRITE_OUTCOME_UNKNOWN, subgraph, shard },
    }),
  };
}
