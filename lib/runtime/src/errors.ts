import { GraphQLError } from 'graphql';
import { ErrorCode } from '@clustergraph/schema/values';

/**
 * Error codes used across ClusterGraph services (extensions.code): the standard's, generated from
 * schema/src/errors.graphql. A service's own codes are added in its errors.ts.
 */
export { ErrorCode };

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

/** Apollo Server's own request errors that carry an HTTP 4xx but no code (they would surface as INTERNAL_SERVER_ERROR). */
function clientErrorCode(error: unknown): ErrorCode | null {
  if (!(error instanceof Error)) return null;
  if (error.message === 'provided sha does not match query') return ErrorCode.PERSISTED_QUERY_HASH_MISMATCH;
  const http = (error as { extensions?: { http?: { status?: unknown } } }).extensions?.http;
  const status = typeof http?.status === 'number' ? http.status : 0;
  return status >= 400 && status < 500 ? ErrorCode.BAD_REQUEST : null;
}

/**
 * Masks unexpected errors unless `expose` (EXPOSE_ERRORS=1); known GraphQLErrors with a code
 * pass through, minus any stack trace. Client mistakes Apollo reports without a code (a
 * persisted query whose hash does not match) get one instead of being masked.
 */
export function formatError(expose: boolean, logger?: Pick<import('pino').Logger, 'error'>) {
  return (formatted: import('graphql').GraphQLFormattedError, error: unknown): import('graphql').GraphQLFormattedError => {
    const code = formatted.extensions?.['code'];
    if (!code || code === ErrorCode.INTERNAL_SERVER_ERROR) {
      const clientCode = clientErrorCode(error);
      if (clientCode) return { message: formatted.message, extensions: { code: clientCode } };
    }
    if (expose) return formatted;
    if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      if (formatted.extensions && 'stacktrace' in formatted.extensions) {
        const { stacktrace: _stacktrace, ...extensions } = formatted.extensions;
        return { ...formatted, extensions };
      }
      return formatted;
    }
    // The client learns nothing; the service's log keeps what happened.
    logger?.error({ err: (error as { originalError?: unknown })?.originalError ?? error, path: formatted.path }, `masked internal error: ${formatted.message}`);
    return { ...formatted, message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}
