import { GraphQLError } from 'graphql';
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
  /** The firm's archive is larger than EXPORT_MAX_BYTES allows through GraphQL; `pnpm member:export` on the server writes it to a file. */
  EXPORT_TOO_LARGE: 'EXPORT_TOO_LARGE',
} as const;
export type MemberErrorCode = (typeof MemberErrorCode)[keyof typeof MemberErrorCode];

/** A write (or ingest) while the firm's data is moving to another server (portability/transferState.ts). */
export class MemberMovingError extends GraphQLError {
  constructor(memberId: string, field: string, since: Date) {
    super(`${memberId}'s data is moving to another server since ${since.toISOString()}: ${field} is refused until the move ends; reads are served`, {
      extensions: { code: MemberErrorCode.MEMBER_MOVING, field, memberId, since: since.toISOString(), http: { status: 200 } },
    });
  }
}

/** Anything asked of a server whose copy of the firm's data was deleted after a move. */
export class MemberMovedError extends GraphQLError {
  constructor(memberId: string, since: Date) {
    super(`this server no longer holds ${memberId}'s data: it moved, and this copy was deleted at ${since.toISOString()}`, {
      extensions: { code: MemberErrorCode.MEMBER_MOVED, memberId, since: since.toISOString(), http: { status: 200 } },
    });
  }
}

export class ExportTooLargeError extends GraphQLError {
  constructor(memberId: string, limitBytes: number) {
    super(`${memberId}'s archive is larger than ${limitBytes} bytes, the most an answer may carry here: run pnpm member:export on the member's server`, {
      extensions: { code: MemberErrorCode.EXPORT_TOO_LARGE, field: 'exportMemberData', memberId, limitBytes },
    });
  }
}

/** Why an archive was not loaded, or a copy not deleted (the commands print it and exit non-zero); nothing was written. */
export class PortabilityRefusedError extends Error {
  constructor(
    readonly reason: 'DAMAGED' | 'WRONG_MEMBER' | 'UNSUPPORTED_VERSION' | 'NOT_EMPTY' | 'TOO_LARGE' | 'NOT_MOVING' | 'ALREADY_DELETED',
    message: string,
  ) {
    super(message);
    this.name = 'PortabilityRefusedError';
  }
}
