import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';

/** Apollo Server's gateway interface, named through @apollo/server (the interface package is not a dependency of ours). */
export type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
export type GatewayLoadResult = Awaited<ReturnType<GatewayInterface['load']>>;
export type GatewayExecutor = NonNullable<GatewayLoadResult['executor']>;
export type GatewayRequestContext = Parameters<GatewayExecutor>[0];
export type GatewayExecutionResult = Awaited<ReturnType<GatewayExecutor>>;
