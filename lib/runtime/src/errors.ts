import { GraphQLError } from 'graphql';

/** Error codes used across ClusterGraph services (extensions.code). */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  MEMBER_UNAVAILABLE: 'MEMBER_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Invalid input; `field` names the offending input path, e.g. "input[2].actualHours". */
export class BadUserInputError extends GraphQLError {
  constructor(field: string, message: string) {
    super(`${field}: ${message}`, { extensions: { code: ErrorCode.BAD_USER_INPUT, field, http: { status: 200 } } });
  }
}

export class NotFoundError extends GraphQLError {
  constructor(what: string, id: string, field?: string) {
    super(`${what} ${id} not found`, { extensions: { code: ErrorCode.NOT_FOUND, ...(field ? { field } : {}) } });
  }
}

export class ConflictError extends GraphQLError {
  constructor(message: string, field?: string) {
    super(message, { extensions: { code: ErrorCode.CONFLICT, ...(field ? { field } : {}) } });
  }
}

export class ForbiddenError extends GraphQLError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code: ErrorCode.FORBIDDEN, ...extra } });
  }
}

export class UnauthenticatedError extends GraphQLError {
  constructor(message = 'authentication required') {
    super(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
  }
}

/** Collects field errors so a whole input list is validated before anything is written. */
export class InputValidator {
  private readonly problems: Array<{ field: string; message: string }> = [];
  check(condition: boolean, field: string, message: string): this {
    if (!condition) this.problems.push({ field, message });
    return this;
  }
  get ok(): boolean {
    return this.problems.length === 0;
  }
  /** Throws the first problem (all are listed in extensions.problems). */
  throwIfInvalid(): void {
    const first = this.problems[0];
    if (!first) return;
    const error = new BadUserInputError(first.field, first.message);
    error.extensions['problems'] = this.problems;
    throw error;
  }
}

/** Masks unexpected errors outside development; known GraphQLErrors with a code pass through. */
export function formatError(expose: boolean) {
  return (formatted: import('graphql').GraphQLFormattedError, error: unknown) => {
    const code = formatted.extensions?.['code'];
    if (expose || (code && code !== ErrorCode.INTERNAL_SERVER_ERROR)) return formatted;
    void error;
    return { ...formatted, message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}
