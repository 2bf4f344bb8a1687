import { GraphQLError } from 'graphql';
import { ErrorCode } from '@clustergraph/runtime';

/**
 * The cluster subgraph's error codes: the standard's (generated from schema/src/errors.graphql,
 * through the runtime) and the ones only the cluster sends. The error classes every service
 * shares (BadUserInputError, ConflictError, …) are the runtime's.
 */
export const ClusterErrorCode = {
  ...ErrorCode,
  /** Planning reads capacity through the gateway: no GATEWAY_URL, the gateway did not answer, or members could not be read yet. */
  PLANNING_UNAVAILABLE: 'PLANNING_UNAVAILABLE',
  /** A HOSTED applicant cannot be approved: the cluster has no member host (MEMBER_HOST_URL). */
  HOSTING_UNAVAILABLE: 'HOSTING_UNAVAILABLE',
  /** The member host refused, failed or did not answer when asked to provision a HOSTED applicant. */
  PROVISIONING_FAILED: 'PROVISIONING_FAILED',
  /** The member server at an endpoint did not answer its member check (or not as a member server). */
  MEMBER_UNREACHABLE: 'MEMBER_UNREACHABLE',
  /** The member server at an endpoint serves an SDL that does not match the member standard. */
  SDL_MISMATCH: 'SDL_MISMATCH',
  /** The member server at an endpoint is another firm's (its MEMBER_ID is not the member's id). */
  MEMBER_ID_MISMATCH: 'MEMBER_ID_MISMATCH',
  /** The member server at an endpoint does not hold the firm's data (its last line-event seq is not the MOVING copy's). */
  DATA_MISMATCH: 'DATA_MISMATCH',
  /** A firm's endpoint switch needs its current copy MOVING (beginMemberMove) first. */
  MEMBER_NOT_MOVING: 'MEMBER_NOT_MOVING',
  /** The firm has no hosted copy to delete (it is SELF_HOSTED). */
  NOT_HOSTED: 'NOT_HOSTED',
  /** The hosted copy is still the firm's endpoint: switch first. */
  HOSTED_COPY_IN_USE: 'HOSTED_COPY_IN_USE',
  /** The member host refused, failed or did not answer the deletion of a hosted copy. */
  HOSTED_DELETION_FAILED: 'HOSTED_DELETION_FAILED',
} as const;
export type ClusterErrorCode = (typeof ClusterErrorCode)[keyof typeof ClusterErrorCode];

/** Planning needs the gateway; without GATEWAY_URL its fields answer this. */
export class PlanningUnavailableError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ClusterErrorCode.PLANNING_UNAVAILABLE } });
  }
}

/** Approving a HOSTED applicant needs the member host; without MEMBER_HOST_URL the application stays PENDING. */
export class HostingUnavailableError extends GraphQLError {
  constructor(memberId: string) {
    super(`member ${memberId} asked to be HOSTED, but this cluster has no member host (MEMBER_HOST_URL is not set); the application stays PENDING`, {
      extensions: { code: ClusterErrorCode.HOSTING_UNAVAILABLE, field: 'id', memberId },
    });
  }
}

/** The member host did not provision a HOSTED applicant: the application stays PENDING; `reason` says why. */
export class ProvisioningFailedError extends GraphQLError {
  constructor(
    readonly memberId: string,
    readonly reason: string,
  ) {
    super(`the member host could not provision ${memberId}: ${reason}; the application stays PENDING`, {
      extensions: { code: ClusterErrorCode.PROVISIONING_FAILED, field: 'id', memberId, reason },
    });
  }
}

/**
 * A refusal of the registry's checks of a member server or of a move's step (MEMBER_UNREACHABLE,
 * SDL_MISMATCH, MEMBER_ID_MISMATCH, DATA_MISMATCH, MEMBER_NOT_MOVING, NOT_HOSTED, HOSTED_COPY_IN_USE,
 * HOSTED_DELETION_FAILED): `field` names the input at fault, nothing was changed.
 */
export class MemberCheckError extends GraphQLError {
  constructor(
    readonly code: ClusterErrorCode,
    message: string,
    field: string,
    memberId: string,
    extra: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { code, field, memberId, ...extra } });
  }
}
