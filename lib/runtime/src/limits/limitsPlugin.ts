import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '@clustergraph/schema/values';
import { checkOperationLimits, tokenLimitErrorOf, type OperationLimits } from './operationLimits.ts';

/**
 * Refuses an operation that breaks a limit after it is parsed and validated and before
 * anything is planned or executed (Apollo's didResolveOperation; a hook before validation
 * cannot refuse: Apollo turns an error thrown there into a 500). Validation itself is bounded
 * by the parser's token limit, given to Apollo Server as `parseOptions.maxTokens`
 * (see `limitParseOptions`).
 */
export function operationLimitsPlugin<TContext extends BaseContext>(limits: OperationLimits): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const error = checkOperationLimits(schema, document, operation, request.variables ?? {}, limits);
          if (error) throw error;
        },
      };
    },
  };
}

export function limitParseOptions(limits: Pick<OperationLimits, 'maxTokens'>): { maxTokens: number } {
  return { maxTokens: limits.maxTokens };
}

/** Wraps a formatError so the parser's token-limit error carries TOKEN_LIMIT_EXCEEDED instead of GRAPHQL_PARSE_FAILED. */
export function withLimitErrors(
  inner: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
  limits: Pick<OperationLimits, 'maxTokens'>,
): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const tokenError = formatted.extensions?.['code'] === ErrorCode.GRAPHQL_PARSE_FAILED ? tokenLimitErrorOf(formatted.message, limits.maxTokens) : null;
    if (tokenError)
      return inner({ message: tokenError.message, extensions: { code: tokenError.extensions['code'], limit: tokenError.extensions['limit'] } }, tokenError);
    return inner(formatted, error);
  };
}
