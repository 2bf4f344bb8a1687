import { ErrorCode } from '@clustergraph/runtime';

/**
 * The member subgraph's error codes: the standard's (generated from schema/src/errors.graphql,
 * through the runtime) and the ones only this implementation of the member standard sends.
 * The error classes every service shares (BadUserInputError, ForbiddenError, …) are the runtime's.
 */
export const MemberErrorCode = {
  ...ErrorCode,
  /** A line-status subscriber let too many events queue up; it is closed and may resume after `extensions.resumeAfterSeq`. */
  SUBSCRIBER_TOO_SLOW: 'SUBSCRIBER_TOO_SLOW',
} as const;
export type MemberErrorCode = (typeof MemberErrorCode)[keyof typeof MemberErrorCode];
