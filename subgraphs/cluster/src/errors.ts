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
} as const;
export type ClusterErrorCode = (typeof ClusterErrorCode)[keyof typeof ClusterErrorCode];

/** Planning needs the gateway; without GATEWAY_URL its fields answer this. */
export class PlanningUnavailableError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ClusterErrorCode.PLANNING_UNAVAILABLE } });
  }
}
