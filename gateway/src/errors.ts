import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '@clustergraph/runtime';

/**
 * The gateway's error codes: the standard's (generated from schema/src/errors.graphql, through the
 * runtime; MULTI_PART_WRITE and WRITE_OUTCOME_UNKNOWN among them, since clients act on them) and
 * the ones only the gateway sends.
 */
export const GatewayErrorCode = {
  ...ErrorCode,
  /** The cluster subgraph (registry, planner) could not be reached. */
  CLUSTER_UNAVAILABLE: 'CLUSTER_UNAVAILABLE',
  /** The viewer's firm is PENDING, SUSPENDED or QUARANTINED in the registry: it may not sign in or act. */
  MEMBER_NOT_ACTIVE: 'MEMBER_NOT_ACTIVE',
  /** An applicant sign-in names a firm that is a member already (ACTIVE, SUSPENDED or QUARANTINED): its people sign in as members. */
  ALREADY_A_MEMBER: 'ALREADY_A_MEMBER',
  /** A browser sent a document that is not in the trusted manifest (TRUSTED_DOCUMENTS_ONLY_FROM_BROWSERS). */
  PERSISTED_QUERY_NOT_TRUSTED: 'PERSISTED_QUERY_NOT_TRUSTED',
  /** One socket asked to run more operations than allowed. */
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
  /** A reader scope (firm, roles, purpose) would hold more member upstream subscriptions than allowed. */
  UPSTREAM_LIMIT_EXCEEDED: 'UPSTREAM_LIMIT_EXCEEDED',
  /** General mode: one shard of a key-sharded subgraph failed or timed out; its part of the answer is null. */
  SHARD_UNAVAILABLE: 'SHARD_UNAVAILABLE',
} as const;
export type GatewayErrorCode = (typeof GatewayErrorCode)[keyof typeof GatewayErrorCode];

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

/** An applicant (auth/applicant.ts) asked for member data: no member subgraph is asked, ever. */
export function applicantRefusedError(memberId: string): GraphQLFormattedError {
  return {
    message: `an applicant reads no member data: ${memberId} applies to join and has no member rights until the leader approves it`,
    extensions: { code: ErrorCode.FORBIDDEN, required: 'ACTIVE_MEMBER', memberId },
  };
}
