import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '@clustergraph/runtime';

/** Codes the gateway adds to the runtime's registry. */
export const GatewayErrorCode = {
  ...ErrorCode,
  /** The cluster subgraph (registry, planner) could not be reached. */
  CLUSTER_UNAVAILABLE: 'CLUSTER_UNAVAILABLE',
  /** The viewer's firm is PENDING, SUSPENDED or QUARANTINED in the registry: it may not sign in or act. */
  MEMBER_NOT_ACTIVE: 'MEMBER_NOT_ACTIVE',
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
