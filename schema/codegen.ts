import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed resolvers for each subgraph (federation-aware) and typed operations for the SDK.
// `pnpm codegen` regenerates; `pnpm test` fails if the committed output is stale.
const resolverConfig = (contextType: string, mappers: Record<string, string>) => ({
  federation: true,
  contextType,
  mappers,
  useIndexSignature: true,
  enumsAsTypes: true,
  avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
  scalars: { Date: 'string', DateTime: { input: 'Date', output: 'Date | string' } },
});

const config: CodegenConfig = {
  overwrite: true,
  generates: {
    '../subgraphs/member/src/__generated__/resolvers-types.ts': {
      schema: './src/member.graphql',
      plugins: ['typescript', 'typescript-resolvers'],
      config: resolverConfig('../context.ts#MemberContext', {}),
    },
    '../subgraphs/cluster/src/__generated__/resolvers-types.ts': {
      schema: './src/cluster.graphql',
      plugins: ['typescript', 'typescript-resolvers'],
      config: resolverConfig('../context.ts#ClusterContext', {}),
    },
  },
};
export default config;
