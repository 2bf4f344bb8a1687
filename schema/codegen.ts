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
  // Relative imports in generated files carry the .ts extension (NodeNext + tsx + Vite).
  importExtension: '.ts',
  generates: {
    // The standard's enums and error codes as runtime values (lists, objects, union types) for
    // every TypeScript file that needs them: drizzle's pgEnums, validation, the SDK.
    './src/__generated__/values.ts': {
      schema: ['./src/cluster.graphql', './src/member.graphql', './src/errors.graphql'],
      plugins: ['./codegen/standard-values.cjs'],
      config: { sdl: ['./src/cluster.graphql', './src/member.graphql', './src/errors.graphql'] },
    },
    '../subgraphs/member/src/__generated__/resolvers-types.ts': {
      schema: './src/member.graphql',
      plugins: ['typescript', 'typescript-resolvers'],
      config: resolverConfig('../context.ts#MemberContext', {
        Member: '../resolvers/model.ts#MemberRef',
        Line: '../db/schema.ts#LineRow',
        Capability: '../db/schema.ts#CapabilityRow',
        Allocation: '../db/schema.ts#AllocationRow',
        ProductionRecord: '../db/schema.ts#ProductionRecordRow',
        SharingPolicy: '../db/schema.ts#SharingPolicyRow',
        DataUsageRecord: '../db/schema.ts#DataUsageRow',
        LineStatusEvent: '../events/types.ts#LineEvent',
        Anomaly: '../analytics/anomalies.ts#AnomalyValue',
        Maturity: '../analytics/maturity.ts#MaturityValue',
        SelfAssessment: '../analytics/selfAssessment.ts#SelfAssessmentValue',
      }),
    },
    '../subgraphs/cluster/src/__generated__/resolvers-types.ts': {
      schema: './src/cluster.graphql',
      plugins: ['typescript', 'typescript-resolvers'],
      config: resolverConfig('../context.ts#ClusterContext', {
        Cluster: '../config.ts#ClusterProfile',
        Member: '../db/schema.ts#MemberRow',
        RoutingEntry: '../db/schema.ts#MemberRow',
        SupportProgramme: '../programmes/model.ts#SupportProgrammeValue',
        ProgrammeSupplier: '../programmes/model.ts#ProgrammeSupplierValue',
        JointOrder: '../db/planning.ts#JointOrderRow',
        ProductionPlan: '../db/planning.ts#ProductionPlanRow',
        PlannedAllocation: '../db/planning.ts#PlannedAllocationRow',
        NeighbourAssignment: '../planning/allocationProposal.ts#NeighbourAssignmentValue',
      }),
    },
    // Typed operations for the clients (console, CLI), written as .graphql documents in the SDK.
    '../clients/sdk/src/__generated__/': {
      schema: './api.graphql',
      documents: ['../clients/sdk/src/operations/**/*.graphql'],
      preset: 'client',
      // persistedDocuments: each document carries its sha256 id (__meta__.hash) and
      // persisted-documents.json lists id → document; the gateway trusts those ids (README "Limits").
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { Date: 'string', DateTime: 'string' },
      },
    },
    // Typed documents for the cluster subgraph's reads and writes of members through the gateway.
    '../subgraphs/cluster/src/__generated__/gateway/': {
      schema: './api.graphql',
      documents: ['../subgraphs/cluster/src/planning/operations/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        onlyOperationTypes: true,
        skipTypename: true,
        scalars: { Date: 'string', DateTime: 'string' },
      },
    },
    '../clients/sdk/src/__generated__/api-catalog.ts': {
      schema: './api.graphql',
      plugins: ['../clients/sdk/codegen/api-catalog.cjs'],
    },
  },
};
export default config;
