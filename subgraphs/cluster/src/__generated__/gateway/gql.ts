/* eslint-disable */
import * as types from './graphql.ts';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment PlannerMemberAllocations on Member {\n  id\n  allocations {\n    id\n    jointOrderId\n    operationIndex\n    status\n    quantity\n    goodQuantity\n    scrapQuantity\n    declineReason\n    withdrawReason\n    capacityConflict {\n      cause\n      reason\n      shortHours\n    }\n  }\n}\n\nmutation PlannerProposeAllocations($memberId: ID!, $input: [AllocationInput!]!) {\n  proposeAllocations(memberId: $memberId, input: $input) {\n    id\n    status\n  }\n}\n\nmutation PlannerWithdrawAllocation($memberId: ID!, $id: ID!, $reason: String) {\n  withdrawAllocation(memberId: $memberId, id: $id, reason: $reason) {\n    id\n    status\n  }\n}": typeof types.PlannerMemberAllocationsFragmentDoc,
    "query PlannerCapacity($from: Date!, $to: Date!, $process: ProcessType) {\n  members(status: ACTIVE) {\n    id\n    region\n    capabilities {\n      process\n      certifications\n    }\n    capacity(from: $from, to: $to, process: $process) {\n      ...PlannerCapacityBucket\n    }\n  }\n}\n\nfragment PlannerCapacityBucket on CapacityBucket {\n  process\n  weekStart\n  actualHours\n  maximumHours\n  committedHours\n  availableHours\n  flexibleHours\n  pricePerHour\n}": typeof types.PlannerCapacityDocument,
};
const documents: Documents = {
    "fragment PlannerMemberAllocations on Member {\n  id\n  allocations {\n    id\n    jointOrderId\n    operationIndex\n    status\n    quantity\n    goodQuantity\n    scrapQuantity\n    declineReason\n    withdrawReason\n    capacityConflict {\n      cause\n      reason\n      shortHours\n    }\n  }\n}\n\nmutation PlannerProposeAllocations($memberId: ID!, $input: [AllocationInput!]!) {\n  proposeAllocations(memberId: $memberId, input: $input) {\n    id\n    status\n  }\n}\n\nmutation PlannerWithdrawAllocation($memberId: ID!, $id: ID!, $reason: String) {\n  withdrawAllocation(memberId: $memberId, id: $id, reason: $reason) {\n    id\n    status\n  }\n}": types.PlannerMemberAllocationsFragmentDoc,
    "query PlannerCapacity($from: Date!, $to: Date!, $process: ProcessType) {\n  members(status: ACTIVE) {\n    id\n    region\n    capabilities {\n      process\n      certifications\n    }\n    capacity(from: $from, to: $to, process: $process) {\n      ...PlannerCapacityBucket\n    }\n  }\n}\n\nfragment PlannerCapacityBucket on CapacityBucket {\n  process\n  weekStart\n  actualHours\n  maximumHours\n  committedHours\n  availableHours\n  flexibleHours\n  pricePerHour\n}": types.PlannerCapacityDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment PlannerMemberAllocations on Member {\n  id\n  allocations {\n    id\n    jointOrderId\n    operationIndex\n    status\n    quantity\n    goodQuantity\n    scrapQuantity\n    declineReason\n    withdrawReason\n    capacityConflict {\n      cause\n      reason\n      shortHours\n    }\n  }\n}\n\nmutation PlannerProposeAllocations($memberId: ID!, $input: [AllocationInput!]!) {\n  proposeAllocations(memberId: $memberId, input: $input) {\n    id\n    status\n  }\n}\n\nmutation PlannerWithdrawAllocation($memberId: ID!, $id: ID!, $reason: String) {\n  withdrawAllocation(memberId: $memberId, id: $id, reason: $reason) {\n    id\n    status\n  }\n}"): (typeof documents)["fragment PlannerMemberAllocations on Member {\n  id\n  allocations {\n    id\n    jointOrderId\n    operationIndex\n    status\n    quantity\n    goodQuantity\n    scrapQuantity\n    declineReason\n    withdrawReason\n    capacityConflict {\n      cause\n      reason\n      shortHours\n    }\n  }\n}\n\nmutation PlannerProposeAllocations($memberId: ID!, $input: [AllocationInput!]!) {\n  proposeAllocations(memberId: $memberId, input: $input) {\n    id\n    status\n  }\n}\n\nmutation PlannerWithdrawAllocation($memberId: ID!, $id: ID!, $reason: String) {\n  withdrawAllocation(memberId: $memberId, id: $id, reason: $reason) {\n    id\n    status\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PlannerCapacity($from: Date!, $to: Date!, $process: ProcessType) {\n  members(status: ACTIVE) {\n    id\n    region\n    capabilities {\n      process\n      certifications\n    }\n    capacity(from: $from, to: $to, process: $process) {\n      ...PlannerCapacityBucket\n    }\n  }\n}\n\nfragment PlannerCapacityBucket on CapacityBucket {\n  process\n  weekStart\n  actualHours\n  maximumHours\n  committedHours\n  availableHours\n  flexibleHours\n  pricePerHour\n}"): (typeof documents)["query PlannerCapacity($from: Date!, $to: Date!, $process: ProcessType) {\n  members(status: ACTIVE) {\n    id\n    region\n    capabilities {\n      process\n      certifications\n    }\n    capacity(from: $from, to: $to, process: $process) {\n      ...PlannerCapacityBucket\n    }\n  }\n}\n\nfragment PlannerCapacityBucket on CapacityBucket {\n  process\n  weekStart\n  actualHours\n  maximumHours\n  committedHours\n  availableHours\n  flexibleHours\n  pricePerHour\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;