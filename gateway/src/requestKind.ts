import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';

/**
 * Apollo's `GraphQLDataSourceRequestKind.INCOMING_OPERATION`: @apollo/gateway types the enum but
 * does not export its value from the package entry (test/requestKind.test.ts checks the two agree).
 */
export const INCOMING_OPERATION: string = 'incoming operation';

/** A fetch of a client's operation (as opposed to a health check or the gateway loading a schema). */
export type IncomingOperationOptions<TContext extends Record<string, any>> = Extract<
  GraphQLDataSourceProcessOptions<TContext>,
  { incomingRequestContext: unknown }
>;

/** Tells request kinds apart by the `kind` field Apollo sets on every data source request. */
export function isIncomingOperation<TContext extends Record<string, any>>(
  options: GraphQLDataSourceProcessOptions<TContext>,
): options is IncomingOperationOptions<TContext> {
  return options.kind === INCOMING_OPERATION;
}
