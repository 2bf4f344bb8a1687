import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ErrorCode } from '@clustergraph/schema/values';

/** The gateway's deadline for a subgraph fetch, epoch milliseconds: work after it is wasted. */
export const DEADLINE_HEADER = 'x-clustergraph-deadline';

export const DEADLINE_EXCEEDED = ErrorCode.DEADLINE_EXCEEDED;

/** The deadline a request carries, or null when it has none (or an unreadable one, which is ignored). */
export function parseDeadline(header: string | null | undefined): number | null {
  if (!header || !/^\d{10,16}$/.test(header)) return null;
  const value = Number(header);
  return Number.isSafeInteger(value) ? value : null;
}

export function deadlineExceededError(deadline: number, now = Date.now()): GraphQLError {
  return new GraphQLError(`The caller's deadline passed ${now - deadline} ms ago; the work was stopped`, {
    extensions: { code: DEADLINE_EXCEEDED, http: { status: 504 } },
  });
}

/**
 * Stops an operation whose deadline passed: refused before execution, and every field that
 * starts resolving after the deadline errors instead of running — so a deep operation stops
 * between resolver levels instead of computing for nobody.
 */
export function deadlinePlugin<TContext extends BaseContext>(now: () => number = Date.now): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ request }) {
      const deadline = parseDeadline(request.http?.headers.get(DEADLINE_HEADER));
      if (deadline === null) return {};
      return {
        async didResolveOperation() {
          if (now() > deadline) throw deadlineExceededError(deadline, now());
        },
        async executionDidStart() {
          return {
            willResolveField() {
              if (now() > deadline) throw deadlineExceededError(deadline, now());
            },
          };
        },
      };
    },
  };
}
