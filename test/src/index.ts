export * from './graphqlClient.ts';
export * from './testCluster.ts';
export * from './fixtures.ts';
export * from './abuse.ts';
export * from './answerDroppingProxy.ts';
export * from './memberBehindProxy.ts';
export * from './otlpReceiver.ts';
export * from './delayingProxy.ts';
