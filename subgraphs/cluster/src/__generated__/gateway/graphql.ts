/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type AllocationInput = {
  hours: number;
  /** Client-chosen id, so that proposing twice is idempotent. */
  id: string | number;
  jointOrderId: string | number;
  operationIndex: number;
  process: ProcessType;
  quantity: number;
  weekStart: string;
};

export type AllocationStatus =
  | 'ACCEPTED'
  | 'DECLINED'
  | 'DONE'
  | 'IN_PROGRESS'
  | 'PROPOSED'
  /** Taken back by the cluster's planner (the work was re-planned elsewhere, or the order cancelled); holds no hours. */
  | 'WITHDRAWN';

export type ProcessType =
  | 'ASSEMBLY'
  | 'CASTING'
  | 'CNC_MACHINING'
  | 'FORGING'
  | 'HEAT_TREATMENT'
  | 'INJECTION_MOLDING'
  | 'INSPECTION'
  | 'PACKAGING'
  | 'PAINTING'
  | 'PRESSING'
  | 'SURFACE_TREATMENT'
  | 'WELDING';

export type PlannerMemberAllocationsFragment = { id: string, allocations: Array<{ id: string, jointOrderId: string, operationIndex: number, status: AllocationStatus, quantity: number, goodQuantity: number, scrapQuantity: number, declineReason: string | null, withdrawReason: string | null, capacityConflict: { cause: string, reason: string, shortHours: number } | null }> | null };

export type PlannerProposeAllocationsMutationVariables = Exact<{
  memberId: string | number;
  input: Array<AllocationInput> | AllocationInput;
}>;


export type PlannerProposeAllocationsMutation = { proposeAllocations: Array<{ id: string, status: AllocationStatus }> };

export type PlannerWithdrawAllocationMutationVariables = Exact<{
  memberId: string | number;
  id: string | number;
  reason?: string | null | undefined;
}>;


export type PlannerWithdrawAllocationMutation = { withdrawAllocation: { id: string, status: AllocationStatus } };

export type PlannerCapacityQueryVariables = Exact<{
  from: string;
  to: string;
  process?: ProcessType | null | undefined;
}>;


export type PlannerCapacityQuery = { members: Array<{ id: string, region: string | null, capabilities: Array<{ process: ProcessType, certifications: Array<string> }> | null, capacity: Array<{ process: ProcessType, weekStart: string, actualHours: number, maximumHours: number, committedHours: number, availableHours: number, flexibleHours: number, pricePerHour: number | null }> | null }> };

export type PlannerCapacityBucketFragment = { process: ProcessType, weekStart: string, actualHours: number, maximumHours: number, committedHours: number, availableHours: number, flexibleHours: number, pricePerHour: number | null };

export const PlannerMemberAllocationsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlannerMemberAllocations"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Member"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"allocations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"jointOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"operationIndex"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"goodQuantity"}},{"kind":"Field","name":{"kind":"Name","value":"scrapQuantity"}},{"kind":"Field","name":{"kind":"Name","value":"declineReason"}},{"kind":"Field","name":{"kind":"Name","value":"withdrawReason"}},{"kind":"Field","name":{"kind":"Name","value":"capacityConflict"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cause"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"shortHours"}}]}}]}}]}}]} as unknown as DocumentNode<PlannerMemberAllocationsFragment, unknown>;
export const PlannerCapacityBucketFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlannerCapacityBucket"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CapacityBucket"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"process"}},{"kind":"Field","name":{"kind":"Name","value":"weekStart"}},{"kind":"Field","name":{"kind":"Name","value":"actualHours"}},{"kind":"Field","name":{"kind":"Name","value":"maximumHours"}},{"kind":"Field","name":{"kind":"Name","value":"committedHours"}},{"kind":"Field","name":{"kind":"Name","value":"availableHours"}},{"kind":"Field","name":{"kind":"Name","value":"flexibleHours"}},{"kind":"Field","name":{"kind":"Name","value":"pricePerHour"}}]}}]} as unknown as DocumentNode<PlannerCapacityBucketFragment, unknown>;
export const PlannerProposeAllocationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PlannerProposeAllocations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"memberId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AllocationInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposeAllocations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"memberId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"memberId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<PlannerProposeAllocationsMutation, PlannerProposeAllocationsMutationVariables>;
export const PlannerWithdrawAllocationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PlannerWithdrawAllocation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"memberId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"withdrawAllocation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"memberId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"memberId"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<PlannerWithdrawAllocationMutation, PlannerWithdrawAllocationMutationVariables>;
export const PlannerCapacityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PlannerCapacity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"process"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProcessType"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"members"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"ACTIVE"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"process"}},{"kind":"Field","name":{"kind":"Name","value":"certifications"}}]}},{"kind":"Field","name":{"kind":"Name","value":"capacity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"process"},"value":{"kind":"Variable","name":{"kind":"Name","value":"process"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlannerCapacityBucket"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlannerCapacityBucket"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CapacityBucket"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"process"}},{"kind":"Field","name":{"kind":"Name","value":"weekStart"}},{"kind":"Field","name":{"kind":"Name","value":"actualHours"}},{"kind":"Field","name":{"kind":"Name","value":"maximumHours"}},{"kind":"Field","name":{"kind":"Name","value":"committedHours"}},{"kind":"Field","name":{"kind":"Name","value":"availableHours"}},{"kind":"Field","name":{"kind":"Name","value":"flexibleHours"}},{"kind":"Field","name":{"kind":"Name","value":"pricePerHour"}}]}}]} as unknown as DocumentNode<PlannerCapacityQuery, PlannerCapacityQueryVariables>;