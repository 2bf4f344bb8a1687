import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { metrics, type OperationLabels } from './metrics.ts';
import { activeSpan } from './tracing.ts';

export interface GraphQLObservabilityOptions<TContext> {
  labels: OperationLabels;
  /** May this caller's operation name become a label value of its own (a signed-in viewer)? */
  mayAdmitName(context: TContext): boolean;
}

/**
 * Apollo Server plugin: counts and times every operation by (bounded) operation name, type and
 * outcome, and names the request's span after the operation (the span carries the full name,
 * cut to 100 characters; only the operator's trace store sees it).
 */
export function graphqlObservabilityPlugin<TContext extends BaseContext>(options: GraphQLObservabilityOptions<TContext>): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async didResolveOperation({ operation, operationName }) {
          const span = activeSpan();
          if (!span || !operation) return;
          const name = (operationName ?? 'anonymous').slice(0, 100);
          span.setAttribute('graphql.operation.name', name);
          span.setAttribute('graphql.operation.type', operation.operation);
          span.updateName(`graphql ${operation.operation} ${name}`);
        },
        async willSendResponse({ operation, operationName, request, response, contextValue }) {
          const type = operation?.operation ?? 'unknown';
          const name = options.labels.label(operationName ?? request.operationName, options.mayAdmitName(contextValue));
          const failed = response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
          metrics.graphqlRequests.inc({ operation: name, type, outcome: failed ? 'error' : 'ok' });
          metrics.graphqlDuration.observe({ operation: name, type }, (performance.now() - started) / 1000);
        },
      };
    },
  };
}
