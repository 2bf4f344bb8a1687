import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '@clustergraph/runtime';
import type { GatewayContext } from './context.ts';

/**
 * Client mistakes Apollo Gateway would answer with HTTP 500: an operationName the document
 * does not contain (the gateway's INVALID_GRAPHQL) and a subscription sent over HTTP (which
 * the gateway cannot execute). Both are refused as 400 before any plan is made.
 */
export function operationGuardPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (!operation) {
            const message = request.operationName ? `Unknown operation named "${request.operationName}".` : 'Must provide an operation.';
            throw new GraphQLError(message, { extensions: { code: ErrorCode.OPERATION_RESOLUTION_FAILURE, http: { status: 400 } } });
          }
          if (operation.operation === 'subscription') {
            throw new GraphQLError('subscriptions are served over WebSocket (graphql-ws) on /graphql, not over HTTP', {
              extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
