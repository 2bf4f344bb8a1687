export * from './graphqlClient.ts';
export * from './testCluster.ts';
export * from './fixtures.ts';
