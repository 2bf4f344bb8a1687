import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '@clustergraph/runtime';

/** Codes the gateway adds to the runtime's registry. */
export const GatewayErrorCode = {
  ...ErrorCode,
  /** The cluster subgraph (registry, planner) could not be reached. */
  CLUSTER_UNAVAILABLE: 'CLUSTER_UNAVAILABLE',
  /** The viewer's firm is PENDING, SUSPENDED or QUARANTINED in the registry: it may not sign in or act. */
  MEMBER_NOT_ACTIVE: 'MEMBER_NOT_ACTIVE',
  /** A mutation document that writes to a firm and to anything else: refused before anything runs. */
  MULTI_PART_WRITE: 'MULTI_PART_WRITE',
  /** A write was sent but its answer did not arrive: it may or may not have been applied. */
  WRITE_OUTCOME_UNKNOWN: 'WRITE_OUTCOME_UNKNOWN',
  /** General mode: one shard of a key-sharded subgraph failed or timed out; its part of the answer is null. */
  SHARD_UNAVAILABLE: 'SHARD_UNAVAILABLE',
} as const;

export type ResponsePathSegment = string | number;

/** The error a member's part of an answer gets when the member failed, timed out, is unknown or not ACTIVE. */
export function memberUnavailableError(memberId: string | null, reason: string, path?: ResponsePathSegment[]): GraphQLFormattedError {
  return {
    message: `Member ${memberId ?? '(none)'} is unavailable: ${reason}`,
    ...(path ? { path } : {}),
    extensions: { code: ErrorCode.MEMBER_UNAVAILABLE, memberId },
  };
}

/**
 * A write whose answer did not arrive (timeout, connection dropped after sending): it may have
 * been applied. A retry with the same Idempotency-Key is safe: the member answers it once.
 */
export function writeOutcomeUnknownError(
  memberId: string | null,
  reason: string,
  path: ResponsePathSegment[],
  idempotencyKey: string | null,
): GraphQLFormattedError {
  const retry = idempotencyKey
    ? `retry with the same Idempotency-Key (${idempotencyKey}) to get its outcome`
    : 'send writes with an Idempotency-Key header so that a retry is safe';
  return {
    message: `The write to member ${memberId ?? '(none)'} may or may not have been applied (${reason}); ${retry}`,
    path,
    extensions: { code: GatewayErrorCode.WRITE_OUTCOME_UNKNOWN, memberId, ...(idempotencyKey ? { idempotencyKey } : {}) },
  };
}

/** A mutation naming a member that is not in the cluster: nothing was sent anywhere. */
export function unknownMemberInputError(memberId: string | null, path: ResponsePathSegment[]): GraphQLFormattedError {
  return {
    message: memberId === null ? 'memberId: a member id is required' : `memberId: no member "${memberId}" in this cluster`,
    path,
    extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'memberId', memberId },
  };
}

/** An error a member returned, tagged with the member and with its path moved into the combined answer. */
export function memberReportedError(error: GraphQLFormattedError, memberId: string, path: ResponsePathSegment[] | undefined): GraphQLFormattedError {
  return {
    ...error,
    ...(path ? { path } : {}),
    extensions: { ...error.extensions, memberId },
  };
}
